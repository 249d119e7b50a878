using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TradingBlazor.Tests.Support;

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1: records every POST (body, Idempotency-Key) and answers with the next
/// scripted status for its path (200 once the script runs out); a request to <c>/slow</c> is never answered.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Hit(string Path, string Query, string? IdempotencyKey, JsonElement Body, int Answered);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Hit> Hits { get; } = new();
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<Hit> At(string path) => Hits.Where(h => h.Path == path).ToList();

    /// <summary>The bodies to this path that were answered 2xx, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Delivered(string path) => At(path).Where(h => h.Answered is >= 200 and < 300).Select(h => h.Body).ToList();

    /// <summary>The statuses the next requests to this path get.</summary>
    public void Answer(string path, params int[] statuses)
    {
        var script = _scripts.GetOrAdd(path, _ => new ConcurrentQueue<int>());
        foreach (var s in statuses) script.Enqueue(s);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            if (http.Request.Path.StartsWithSegments("/slow"))
            {
                receiver.Hits.Enqueue(new Hit(http.Request.Path, http.Request.QueryString.Value ?? "", http.Request.Headers["Idempotency-Key"], body, 0));
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            int status = receiver._scripts.TryGetValue(http.Request.Path, out var script) && script.TryDequeue(out var s) ? s : 200;
            receiver.Hits.Enqueue(new Hit(http.Request.Path, http.Request.QueryString.Value ?? "", http.Request.Headers["Idempotency-Key"], body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
