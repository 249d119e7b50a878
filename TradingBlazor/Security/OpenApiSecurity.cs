using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TradingBlazor.Security;

/// <summary>Tells the OpenAPI document (and so the Scalar reference) that the API takes a key, in either header.</summary>
internal static class OpenApiSecurity
{
    public const string BearerScheme = "bearer";
    public const string HeaderScheme = "apiKeyHeader";

    public static void Describe(OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key made on the Settings page (not needed from this machine in local mode).",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyRequest.HeaderName,
            Description = "The same key in the X-Api-Key header.",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
        ];
        return Task.CompletedTask;
    });
}
