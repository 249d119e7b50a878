using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TradingBlazor.Security;

/// <summary>Authenticates a caller by the API key it sent; the principal's name is the key's name (audit trails show it).</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "api_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyRequest.Read(Request) is not { } presented) return AuthenticateResult.NoResult();
        if (await keys.FindActiveAsync(presented, Context.RequestAborted) is not { } key)
            return AuthenticateResult.Fail(Unauthorized.InvalidTitle);
        var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, key.Name), new Claim(KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) }, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Unauthorized.WriteAsync(Context, ApiKeyRequest.Read(Request) is null ? Unauthorized.MissingTitle : Unauthorized.InvalidTitle);
}
