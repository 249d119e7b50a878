using System.Net;
using System.Text.RegularExpressions;

namespace TradingBlazor.Tests.Support;

/// <summary>A browser-like client of the app: keeps cookies, does not follow redirects, and signs in through the real form.</summary>
public sealed partial class SignInClient : IDisposable
{
    private readonly HttpClient _http;

    public SignInClient(string baseUrl)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl + "/") };
    }

    public CookieContainer Cookies { get; }
    public HttpClient Http => _http;

    /// <summary>Posts the password with the form's antiforgery token; the answer is a 302 when signed in, the form again (200) when not.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string password, string returnUrl = "")
    {
        var form = await _http.GetStringAsync("login");
        var token = AntiforgeryToken().Match(form);
        Assert.True(token.Success, "The sign-in form carries no antiforgery token.");
        var query = returnUrl.Length > 0 ? "?ReturnUrl=" + Uri.EscapeDataString(returnUrl) : "";
        return await _http.PostAsync("login" + query, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Password"] = password,
        }));
    }

    /// <summary>The message the sign-in form shows, or null.</summary>
    public static string? Error(string html) => ErrorText().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-testid=\"signin-error\">([^<]*)<")]
    private static partial Regex ErrorText();

    public void Dispose() => _http.Dispose();
}
