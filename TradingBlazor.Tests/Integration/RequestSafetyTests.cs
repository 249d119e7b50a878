using System.Net;
using System.Net.Http.Json;
using System.Text;
using TradingBlazor.Security;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

/// <summary>
/// What a page on another site (or a DNS-rebound name) could make the trader's browser send: refused before it acts.
/// Clients that are not browsers keep working; every answer carries the security headers.
/// </summary>
public class RequestSafetyTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private HttpClient _http = null!;
    private const string Backtest = """
        { "config": { "version": 1, "name": "safety", "symbols": ["SPY"], "capital": 10000, "timeframe": "1d",
            "indicators": ["sma(10)", "sma(30)"], "entry": { "rule": "sma_10 crosses_above sma_30" }, "exit": { "rule": "sma_10 crosses_below sma_30" } },
          "from": "2025-01-02", "to": "2025-03-31", "source": "simulated" }
        """;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync();
        _http = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private HttpRequestMessage Post(string path, HttpContent? body = null, string? origin = null, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return request;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("http://attacker.example", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")] // another port of localhost is another origin
    [InlineData("null", null)]      // sandboxed frames and file: pages
    public async Task A_state_change_from_another_origin_is_refused(string? origin, string? fetchSite)
    {
        foreach (var path in new[] { "api/backtests", "api/broker/test", "api/kill-switch" })
        {
            using var response = await _http.SendAsync(Post(path, Json(Backtest), origin, fetchSite));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var bodiless = await _http.SendAsync(Post("api/broker/test", null, origin, fetchSite));
        Assert.Equal(HttpStatusCode.Forbidden, bodiless.StatusCode);
    }

    [Fact]
    public async Task Bodies_a_form_can_send_are_refused_even_from_the_same_origin()
    {
        var bodies = new HttpContent[]
        {
            new StringContent(Backtest, Encoding.UTF8, "text/plain"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["sample"] = "sma_crossover" }),
            new MultipartFormDataContent { { new StringContent(Backtest), "file", "bt.json" } },
            new ByteArrayContent(Encoding.UTF8.GetBytes(Backtest)), // no content type at all
        };
        foreach (var body in bodies)
        {
            using var response = await _http.SendAsync(Post("api/backtests", body, _app.BaseUrl, "same-origin"));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
            Assert.Contains("JSON", problem!["title"].ToString());
        }
    }

    [Fact]
    public async Task The_apps_own_pages_and_clients_that_are_not_browsers_still_act()
    {
        using var sameOrigin = await _http.SendAsync(Post("api/backtests", Json(Backtest), _app.BaseUrl, "same-origin"));
        Assert.Equal(HttpStatusCode.Accepted, sameOrigin.StatusCode);
        using var script = await _http.SendAsync(Post("api/backtests", Json(Backtest)));
        Assert.Equal(HttpStatusCode.Accepted, script.StatusCode);
        using var vendorJson = await _http.SendAsync(Post("api/backtests", new StringContent(Backtest, Encoding.UTF8, "application/merge-patch+json")));
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, vendorJson.StatusCode);
        // Reads are never blocked: a cross-site page cannot read the answer anyway.
        using var read = new HttpRequestMessage(HttpMethod.Get, "api/bots");
        read.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(read)).StatusCode);
    }

    [Theory]
    [InlineData("ws")]
    [InlineData("_blazor")]
    public async Task A_websocket_handshake_from_another_origin_is_refused(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Connection", "Upgrade");
        request.Headers.Add("Upgrade", "websocket");
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        request.Headers.Add("Origin", "http://attacker.example");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("rebound.attacker.example:5000")]
    public async Task A_host_name_the_app_does_not_listen_on_is_refused(string host)
    {
        // DNS rebinding points an attacker's name at 127.0.0.1: the browser then sends that name as the Host.
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/bots");
        request.Headers.Host = host;
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var health = new HttpRequestMessage(HttpMethod.Get, "health");
        health.Headers.Host = "127.0.0.1";
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(health)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("api/bots")]
    [InlineData("health")]
    [InlineData("api/no-such-thing")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var response = await _http.GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.ContentPolicy, policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    [Fact]
    public async Task Only_the_api_reference_may_run_an_inline_script()
    {
        using var response = await _http.GetAsync("scalar/");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy);
    }
}
