using Microsoft.AspNetCore.Http;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>Local mode by default (no sign-in); a test flips <see cref="SignedIn"/> for a trader who signed in with the password.</summary>
public sealed class FakeSignInService : ISignInService
{
    public bool IsRequired { get; set; }
    public bool SignedIn { get; set; }

    public Task<string?> SignInAsync(HttpContext http, string? password) => throw new NotSupportedException("The sign-in page is static: tested over Kestrel.");

    public Task<bool> IsSignedInAsync() => Task.FromResult(SignedIn);
}
