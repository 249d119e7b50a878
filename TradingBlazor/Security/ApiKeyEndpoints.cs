using TradingBlazor.Api;

namespace TradingBlazor.Security;

public sealed record CreateApiKeyRequest(string? Name);

/// <summary>REST for scripts: list, create (the key is in this one answer only) and revoke API keys.</summary>
public static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/keys").WithTags("API keys");

        group.MapGet("/", async (ApiKeyStore keys, CancellationToken ct) => Results.Ok(await keys.ListAsync(ct)))
            .Produces<IReadOnlyList<ApiKeyInfo>>()
            .WithName("ListApiKeys").WithSummary("Every API key with its name, first characters, creation, last use and revocation (never the key).");

        group.MapPost("/", async (CreateApiKeyRequest? request, ApiKeyStore keys, CancellationToken ct) =>
        {
            if (ApiKeyStore.CheckName(request?.Name) is { } problem) return ApiProblems.Invalid("name", problem);
            var created = await keys.CreateAsync(request!.Name!, ct);
            return Results.Created($"/api/keys/{created.Key.Id}", created);
        }).Accepts<CreateApiKeyRequest>("application/json").Produces<NewApiKey>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithName("CreateApiKey").WithSummary("Create a key; the answer's secret is the only time the key is shown. Send it as 'Authorization: Bearer <key>' or 'X-Api-Key'.");

        group.MapDelete("/{id:long}", async (long id, ApiKeyStore keys, CancellationToken ct) =>
            await keys.RevokeAsync(id, ct) is { } revoked ? Results.Ok(revoked) : ApiProblems.NotFound($"There is no API key {id}."))
            .Produces<ApiKeyInfo>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RevokeApiKey").WithSummary("Revoke a key: requests with it are refused from now on (it stays listed as revoked).");
    }
}
