using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Security;

/// <summary>
/// Who may act: an API key (REST and /ws), the trader's sign-in cookie, or — in local mode — any caller on this
/// machine. Everything needs one of them unless its endpoint is marked AllowAnonymous (health, API docs, static files,
/// the sign-in page).
/// </summary>
public static class SecurityServices
{
    public const string SchemeName = "TradingBlazor";
    public const string CookieName = ".TradingBlazor.SignIn";
    public const string LoginPath = "/login";
    public const string LogoutPath = "/logout";
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromHours(12);

    public static IServiceCollection AddTradingBlazorSecurity(this IServiceCollection services)
    {
        services.AddSettings<SecuritySettings>();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SecuritySettings>, SecurityStartupCheck>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<PasswordGate>();

        services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "API key, sign-in or local", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, LocalAuthenticationHandler>(LocalAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = SignInLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = LoginPath;
                o.Events.OnRedirectToLogin = RedirectPagesOnly;
                o.Events.OnRedirectToAccessDenied = RedirectPagesOnly;
            });
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", OpenApiSecurity.Describe);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(SchemeName).RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>Authentication and authorization (before antiforgery), the API key endpoints and sign-out.</summary>
    public static WebApplication UseTradingBlazorSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapApiKeyEndpoints();
        app.MapPost(LogoutPath, async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired: reload the page and try again.");
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(LoginPath);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    // A key wins when one was sent (and is checked even in local mode); then a local caller; else the sign-in cookie.
    private static string SelectScheme(HttpContext http) =>
        ApiKeyRequest.Read(http.Request) is not null ? ApiKeyAuthenticationHandler.SchemeName
        : http.RequestServices.GetRequiredService<AccessPolicy>().AllowsWithoutKey(http) ? LocalAuthenticationHandler.SchemeName
        : CookieAuthenticationDefaults.AuthenticationScheme;

    // Scripts and sockets get a 401 they can read; people get the sign-in page.
    private static Task RedirectPagesOnly(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (ApiKeyRequest.IsApi(context.Request)) return Unauthorized.WriteAsync(context.HttpContext, Unauthorized.MissingTitle);
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
