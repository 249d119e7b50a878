using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TradingBlazor.Engine.Events;
using TradingBlazor.Tests.Support;
using static TradingBlazor.Tests.Alerts.AlertEvents;

namespace TradingBlazor.Tests.Alerts;

public sealed class AlertWebhookTests(AlertsApp fx) : IClassFixture<AlertsApp>
{
    private const string Token = "s3cr3t-t0ken";

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // The log line of a delivery given up names the alert; find it through the center's alert of that event.
    private bool GaveUp(long sequence) => fx.Center.Recent(50).FirstOrDefault(a => a.Sequence == sequence) is { } alert
        && AlertsApp.Logs(fx.App).Contains($"Webhook gave up on alert {alert.Id} ");

    private long Halt(string reason) => fx.Bus.Publish(TradingEventKind.RiskHalt, 1, new RiskHaltUpdate(reason)).Sequence;

    [Fact]
    public async Task Each_alert_arrives_once_as_snake_case_json_with_an_idempotency_key()
    {
        await fx.SetWebhookAsync($"{fx.Receiver.BaseUrl}/each?token={Token}");

        var fill = fx.Bus.Publish(TradingEventKind.Fill, 1, Fill());
        fx.Bus.Publish(TradingEventKind.PositionChanged, 1, new PositionUpdate("SPY", 10m, 512.3m, 512.3m));
        var halt = Halt("Daily loss limit reached.");

        await Eventually.HoldsAsync(() => fx.Receiver.Delivered("/each").Count == 2, "two alerts delivered");
        await Task.Delay(300);
        var hits = fx.Receiver.At("/each");
        Assert.Equal(2, hits.Count);
        var body = hits[0].Body;
        Assert.Equal(new[] { "id", "sequence", "event_sequence", "kind", "severity", "time", "bot_id", "bot_name", "title", "message" },
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("fill", "info", 1L, "Bought 10 SPY", fill.Sequence), (body.GetProperty("kind").GetString(), body.GetProperty("severity").GetString(),
            body.GetProperty("bot_id").GetInt64(), body.GetProperty("title").GetString(), body.GetProperty("event_sequence").GetInt64()));
        Assert.EndsWith("Z", body.GetProperty("time").GetString());
        Assert.Equal(body.GetProperty("id").GetString(), hits[0].IdempotencyKey);
        Assert.Equal(("risk_halt", "error", halt), (hits[1].Body.GetProperty("kind").GetString(), hits[1].Body.GetProperty("severity").GetString(),
            hits[1].Body.GetProperty("event_sequence").GetInt64()));
        Assert.Equal(body.GetProperty("sequence").GetInt64() + 1, hits[1].Body.GetProperty("sequence").GetInt64());
        Assert.Equal($"?token={Token}", hits[0].Query);
    }

    [Fact]
    public async Task A_500_is_retried_and_the_alert_delivered_once()
    {
        fx.Receiver.Answer("/retry", 500, 503);
        await fx.SetWebhookAsync($"{fx.Receiver.BaseUrl}/retry?token={Token}");

        Halt("retry me");

        await Eventually.HoldsAsync(() => fx.Receiver.Delivered("/retry").Count == 1, "delivered after the retries");
        await Task.Delay(300);
        var hits = fx.Receiver.At("/retry");
        Assert.Equal(new[] { 500, 503, 200 }, hits.Select(h => h.Answered));
        Assert.Single(hits.Select(h => h.IdempotencyKey).Distinct());
        Assert.Single(hits.Select(h => h.Body.GetProperty("sequence").GetInt64()).Distinct());
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        fx.Receiver.Answer("/refuse", 400);
        await fx.SetWebhookAsync($"{fx.Receiver.BaseUrl}/refuse");

        Halt("refused");

        await Eventually.HoldsAsync(() => fx.Receiver.At("/refuse").Count == 1, "one attempt");
        await Task.Delay(400);
        Assert.Single(fx.Receiver.At("/refuse"));
    }

    [Fact]
    public async Task A_dead_url_holds_up_neither_the_engine_nor_the_alerts_after_it_and_its_token_is_never_logged()
    {
        await fx.SetWebhookAsync($"http://127.0.0.1:{ClosedPort()}/dead?token={Token}");
        var sequences = Enumerable.Range(1, 3).Select(i => Halt($"dead {i}")).ToList();
        // Giving up takes three retries over 3.5 s: had publishing waited for the webhook, they would be given up already.
        Assert.DoesNotContain(sequences, GaveUp);
        await Eventually.HoldsAsync(() => sequences.All(s => fx.Center.Recent(50).Any(a => a.Sequence == s)), "the alerts are in the center");

        await Eventually.HoldsAsync(() => sequences.All(s => GaveUp(s)), "the three deliveries given up");
        await fx.SetWebhookAsync($"{fx.Receiver.BaseUrl}/after-dead");
        var next = Halt("after the dead one");

        await Eventually.HoldsAsync(() => fx.Receiver.Delivered("/after-dead").Count == 1, "the next alert delivered");
        Assert.Equal(next, fx.Receiver.Delivered("/after-dead")[0].GetProperty("event_sequence").GetInt64());
        var logs = AlertsApp.Logs(fx.App);
        Assert.Contains("http://127.0.0.1:", logs);
        Assert.DoesNotContain(Token, logs);
        Assert.DoesNotContain("/dead", logs);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_times_out_and_the_next_alert_still_goes()
    {
        await fx.SetWebhookAsync($"{fx.Receiver.BaseUrl}/slow?token={Token}");
        Halt("to a hanging receiver");
        await Eventually.HoldsAsync(() => fx.Receiver.At("/slow").Count >= 1, "the hanging receiver was reached");

        await fx.SetWebhookAsync($"{fx.Receiver.BaseUrl}/after-slow");
        var next = Halt("after the hanging one");

        await Eventually.HoldsAsync(() => fx.Receiver.Delivered("/after-slow").Count == 1, "the next alert delivered", TimeSpan.FromSeconds(20));
        Assert.Equal(next, fx.Receiver.Delivered("/after-slow")[0].GetProperty("event_sequence").GetInt64());
        Assert.Equal(4, fx.Receiver.At("/slow").Count); // the first try and three retries, each timed out
        Assert.DoesNotContain(Token, AlertsApp.Logs(fx.App));
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_with_a_warning()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await TestApp.StartAsync(AlertsApp.FastWebhook.Concat(new[] { "--Alerts:WebhookQueue=2", "--Alerts:WebhookRetries=0" }).ToArray());
        var bus = (TradingEventBus)app.Services.GetService(typeof(TradingEventBus))!;
        using (var http = app.CreateClient())
            (await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(http, "api/settings/webhook", new { url = $"{receiver.BaseUrl}/slow" })).EnsureSuccessStatusCode();

        for (int i = 0; i < 10; i++) bus.Publish(TradingEventKind.RiskHalt, 1, new RiskHaltUpdate($"flood {i}"));

        await Eventually.HoldsAsync(() => AlertsApp.Logs(app).Contains("Webhook queue full: dropped alert"), "a drop warning");
        var dropped = AlertsApp.Logs(app).Split('\n').Where(l => l.Contains("Webhook queue full")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(dropped, d => Assert.Equal("Warning", d.GetProperty("Level").GetString()));
    }
}
