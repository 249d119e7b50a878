using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TradingBlazor.Security;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

/// <summary>The app as a trader runs it on their own machine (127.0.0.1): no key needed, but a key sent is checked.</summary>
public sealed class LocalAccessTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Callers_on_this_machine_need_no_key_for_the_api_or_the_pages()
    {
        using var http = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/bots")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("settings")).StatusCode);
        var login = await http.GetStringAsync("login");
        Assert.Contains("no sign-in is needed", login);
    }

    [Theory]
    [InlineData("Authorization", "Bearer tb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Authorization", "Bearer not-a-key")]
    [InlineData("X-Api-Key", "tb_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_wrong_key_is_refused_with_problem_details_even_here(string header, string value)
    {
        using var http = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/bots");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The API key is not valid or was revoked.", problem.GetProperty("title").GetString());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Keys_are_created_listed_and_revoked_over_rest_and_a_revoked_key_stops_working()
    {
        using var http = _app.CreateClient();
        var created = await http.PostAsJsonAsync("api/keys", new { name = "nightly report" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetInt64();
        Assert.Equal($"/api/keys/{id}", created.Headers.Location?.OriginalString);

        using var withKey = _app.CreateClient();
        withKey.DefaultRequestHeaders.Add("X-Api-Key", secret);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("api/bots")).StatusCode);

        var list = await http.GetFromJsonAsync<JsonElement>("api/keys");
        var item = list.EnumerateArray().Single();
        Assert.Equal("nightly report", item.GetProperty("name").GetString());
        Assert.Equal(secret[..ApiKeySecret.PrefixLength], item.GetProperty("prefix").GetString());
        Assert.NotEqual(JsonValueKind.Null, item.GetProperty("lastUsedAt").ValueKind);
        Assert.DoesNotContain(secret, list.GetRawText());

        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync($"api/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("api/bots")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync($"api/keys/{id + 1}")).StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"name\":\"\"}")]
    [InlineData("{\"name\":null}")]
    public async Task A_key_without_a_name_is_a_400_naming_the_field(string json)
    {
        using var http = _app.CreateClient();

        var response = await http.PostAsync("api/keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("is required (e.g. the script that will use the key).", problem.GetProperty("errors").GetProperty("name")[0].GetString());
    }
}
