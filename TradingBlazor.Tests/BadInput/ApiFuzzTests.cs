using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TradingBlazor.Tests.Support;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.BadInput;

/// <summary>
/// Thousands of seeded malformed requests over every route under /api, /ws and /health (read from the app's endpoint
/// data source, so a new endpoint is covered without editing this test): none may be answered 5xx, every error is
/// problem JSON, and the app is still healthy afterwards.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261201;
    private const int RequestCount = 6_000;
    private const int Workers = 4;

    [Fact]
    public async Task Thousands_of_malformed_requests_over_every_endpoint_never_get_a_5xx_and_the_app_stays_up()
    {
        await using var app = await TestApp.StartAsync(ProductionApp.Arguments);
        var routes = Routes(app);
        Assert.Contains(routes, r => r is { Method: "POST", Pattern: "/api/backtests" });
        Assert.Contains(routes, r => r is { Method: "PUT", Pattern: "/api/broker/mode" });

        // A bot and a backtest exist, so that the routes with an id reach past "not found" too.
        using (var setup = app.CreateClient())
        {
            var json = new StringContent(BadInputApiTests.Bot(name: "\"fuzz seed\""), System.Text.Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await setup.PostAsync("api/bots", json)).StatusCode);
            json = new StringContent(BadInputApiTests.Backtest(BadInputApiTests.Bot()), System.Text.Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Accepted, (await setup.PostAsync("api/backtests", json)).StatusCode);
        }

        var random = new Random(Seed);
        var requests = Enumerable.Range(0, RequestCount).Select(i => routes[i % routes.Count])
            .Select(route => FuzzRequest.Create(random, route, ValidBody(route))).ToList();

        var answers = new ConcurrentBag<(FuzzRequest Request, int Status, string? MediaType, string Body)>();
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (request, ct) =>
        {
            try
            {
                using var response = await client.SendAsync(request.ToMessage(), ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                answers.Add((request, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                answers.Add((request, 0, null, ex.GetType().Name + ": " + ex.Message));
            }
        });
        clock.Stop();

        output.WriteLine($"{requests.Count} requests over {routes.Count} routes in {clock.Elapsed.TotalSeconds:F1} s (seed {Seed})");
        foreach (var group in answers.GroupBy(a => a.Status).OrderBy(g => g.Key))
            output.WriteLine($"  {(group.Key == 0 ? "no answer" : group.Key.ToString())}: {group.Count()}");

        var failures = answers.Where(a => a.Status is 0 or >= 500).Take(10).Select(Describe).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Kestrel itself refuses a request line it cannot read (a %00 in the path, a 5,000-character query) with a bare
        // 400 or 414 before the app sees it; every answer the app gives is problem JSON.
        var byTheApp = answers.Where(a => !(a.Status is 400 or 414 or 431 && a.MediaType is null && a.Body.Length == 0)).ToList();
        output.WriteLine($"  (refused by Kestrel before the app: {answers.Count - byTheApp.Count})");
        var notProblems = byTheApp.Where(a => a.Status >= 400 && a.Request.Url.StartsWith("/api") && a.MediaType != "application/problem+json").Take(10).Select(Describe).ToList();
        Assert.True(notProblems.Count == 0, "errors that are not problem JSON:\n" + string.Join("\n", notProblems));
        Assert.Contains(answers, a => a.Status is >= 200 and < 300);

        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static string Describe((FuzzRequest Request, int Status, string? MediaType, string Body) a) =>
        $"{a.Status} {a.Request.Method} {a.Request.Url[..Math.Min(a.Request.Url.Length, 120)]} [{a.Request.Mutation}] → {a.Body[..Math.Min(a.Body.Length, 300)]}";

    /// <summary>Every method of every route the app maps under /api, /ws and /health.</summary>
    private static List<ApiRoute> Routes(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Pattern: "/" + (e.RoutePattern.RawText ?? "").Trim('/')))
            .Where(e => new[] { "/api", "/ws", "/health" }.Any(p => e.Pattern == p || e.Pattern.StartsWith(p + "/")))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? new[] { "GET" }).Select(m => new ApiRoute(m, e.Pattern)))
            .Distinct().OrderBy(r => r.Pattern).ThenBy(r => r.Method).ToList();

    /// <summary>A body the route accepts, for the mutations to start from.</summary>
    private static string? ValidBody(ApiRoute route) => (route.Method, route.Pattern) switch
    {
        ("POST", "/api/bots") or ("PUT", "/api/bots/{id:long}") => BadInputApiTests.Bot(),
        ("POST", "/api/backtests") => BadInputApiTests.Backtest(BadInputApiTests.Bot()),
        ("POST", "/api/models/train") => """{ "symbol": "SPY", "timeframe": "1d", "from": "2024-01-02", "to": "2024-12-31", "model": "forest", "seed": 1, "folds": 3 }""",
        (_, "/api/broker/mode") => """{ "mode": "Simulated", "confirmation": null }""",
        (_, "/api/settings/webhook") => """{ "url": "" }""",
        ("POST", "/api/kill-switch") => """{ "flatten": false }""",
        (_, var p) when p.EndsWith("/approve") || p.EndsWith("/reject") => """{ "note": "looked at it" }""",
        _ => null,
    };
}
