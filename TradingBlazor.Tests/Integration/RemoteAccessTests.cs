using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

/// <summary>The app as the Docker image runs it (reachable beyond loopback: forced here with Security:Mode=Remote).</summary>
public sealed class RemoteAccessTests : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    private TestApp _app = null!;

    public static Task<TestApp> StartRemoteAsync() => TestApp.StartAsync("--Security:Mode=Remote", $"--Security:Password={Password}");

    public async Task InitializeAsync() => _app = await StartRemoteAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> CreateKeyAsync(SignInClient trader)
    {
        var created = await trader.Http.PostAsJsonAsync("api/keys", new { name = "script" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    private async Task<SignInClient> SignedInAsync()
    {
        var trader = new SignInClient(_app.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await trader.SignInAsync(Password)).StatusCode);
        return trader;
    }

    [Theory]
    [InlineData("api/bots")]
    [InlineData("api/keys")]
    [InlineData("api/market/status")]
    public async Task The_api_without_a_key_is_a_401_with_problem_details(string path)
    {
        using var http = _app.CreateClient();

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("An API key is required", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_key_opens_the_api_in_either_header()
    {
        using var trader = await SignedInAsync();
        var key = await CreateKeyAsync(trader);
        using var http = _app.CreateClient();

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "api/bots") { Headers = { { "Authorization", "Bearer " + key } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);
        using var header = new HttpRequestMessage(HttpMethod.Get, "api/bots") { Headers = { { "X-Api-Key", key } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(header)).StatusCode);
        using var query = new HttpRequestMessage(HttpMethod.Get, "api/bots?api_key=" + key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(query)).StatusCode); // the query is for /ws only
    }

    [Fact]
    public async Task Health_and_the_api_reference_stay_open_and_pages_send_to_the_sign_in()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_app.BaseUrl + "/") };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health")).StatusCode);
        var openApi = await http.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var schemes = openApi.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKeyHeader").GetProperty("name").GetString());
        Assert.Equal(2, openApi.GetProperty("security").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("scalar/v1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("app.css")).StatusCode);
        foreach (var page in new[] { "", "settings", "bots", "backtests" })
        {
            using var response = await http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/login?ReturnUrl=" + Uri.EscapeDataString("/" + page), response.Headers.Location?.PathAndQuery);
        }
    }

    [Fact]
    public async Task The_right_password_signs_in_with_a_strict_http_only_cookie_that_opens_pages_and_api()
    {
        using var trader = new SignInClient(_app.BaseUrl);

        using var response = await trader.SignInAsync(Password, "/settings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(_app.BaseUrl + "/settings", new Uri(new Uri(_app.BaseUrl), response.Headers.Location!).ToString());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".TradingBlazor.SignIn=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await trader.Http.GetAsync("settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trader.Http.GetAsync("api/bots")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example.com/")]
    [InlineData("https://evil.example.com/")]
    [InlineData("/\\evil.example.com/")]
    public async Task After_signing_in_only_a_path_on_this_site_is_followed(string returnUrl)
    {
        using var trader = new SignInClient(_app.BaseUrl);

        using var response = await trader.SignInAsync(Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(_app.BaseUrl + "/", new Uri(new Uri(_app.BaseUrl), response.Headers.Location!).ToString());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_form_and_gives_no_cookie()
    {
        using var trader = new SignInClient(_app.BaseUrl);

        using var response = await trader.SignInAsync("correct horse battery");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Wrong password.", SignInClient.Error(await response.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(trader.Cookies.GetAllCookies(), c => c.Name == ".TradingBlazor.SignIn");
        Assert.Equal(HttpStatusCode.Redirect, (await trader.Http.GetAsync("settings")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_without_the_antiforgery_token_is_refused()
    {
        using var trader = new SignInClient(_app.BaseUrl);
        await trader.Http.GetStringAsync("login");

        using var response = await trader.Http.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "signin", ["Password"] = Password }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(trader.Cookies.GetAllCookies(), c => c.Name == ".TradingBlazor.SignIn");
    }

    [Fact]
    public async Task The_event_socket_needs_a_key_in_a_header_or_the_query()
    {
        using var trader = await SignedInAsync();
        var key = await CreateKeyAsync(trader);
        var url = _app.BaseUrl.Replace("http://", "ws://") + "/ws";

        using var anonymous = new ClientWebSocket();
        anonymous.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => anonymous.ConnectAsync(new Uri(url), Timeout()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.HttpStatusCode);

        using var byQuery = new ClientWebSocket();
        await byQuery.ConnectAsync(new Uri(url + "?api_key=" + key), Timeout());
        Assert.Equal("hello", (await ReceiveAsync(byQuery)).GetProperty("kind").GetString());

        using var byHeader = new ClientWebSocket();
        byHeader.Options.SetRequestHeader("X-Api-Key", key);
        await byHeader.ConnectAsync(new Uri(url), Timeout());
        Assert.Equal("hello", (await ReceiveAsync(byHeader)).GetProperty("kind").GetString());
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token;

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        var result = await socket.ReceiveAsync(buffer, Timeout());
        return JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement;
    }
}

/// <summary>Guessing the password: after five wrong tries even the right one is refused for a while.</summary>
public sealed class SignInLockoutTests
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_client_out()
    {
        await using var app = await RemoteAccessTests.StartRemoteAsync();
        using var trader = new SignInClient(app.BaseUrl);
        for (int i = 0; i < TradingBlazor.Security.PasswordGate.MaxFailures - 1; i++)
            Assert.Equal("Wrong password.", SignInClient.Error(await (await trader.SignInAsync("guess " + i)).Content.ReadAsStringAsync()));

        var last = SignInClient.Error(await (await trader.SignInAsync("one more guess")).Content.ReadAsStringAsync());
        Assert.StartsWith("Too many wrong passwords: try again after ", last);

        using var right = await trader.SignInAsync(RemoteAccessTests.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.StartsWith("Too many wrong passwords", SignInClient.Error(await right.Content.ReadAsStringAsync()));
    }
}

/// <summary>The real executable, bound beyond loopback as in Docker, without a password.</summary>
public sealed class RemoteStartupTests
{
    [Fact]
    public async Task Without_a_password_the_app_refuses_to_start_with_one_clear_line()
    {
        var result = await AppProcess.RunAsync(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://0.0.0.0:0" }, [], TimeSpan.FromSeconds(60));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Configuration error: Security:Password must be set when the app is reachable beyond loopback (listening on http://0.0.0.0:0)", line);
    }
}
