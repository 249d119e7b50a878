using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Engine.Alerts;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.Events;
using TradingBlazor.Tests.Support;
using TradingBlazor.Tests.Support.Engine;

namespace TradingBlazor.Tests.Alerts;

/// <summary>The real app (no demo bots, in-memory bot service, real bus, alert center and webhook with short retries) and a webhook receiver.</summary>
public sealed class AlertsApp : IAsyncLifetime
{
    public InMemoryBotService Bots { get; } = new();
    public TestApp App { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;
    public TradingEventBus Bus => App.Services.GetRequiredService<TradingEventBus>();
    public AlertCenter Center => App.Services.GetRequiredService<AlertCenter>();

    public static readonly string[] FastWebhook =
    {
        "--Alerts:WebhookRetrySeconds=0.05", "--Alerts:WebhookTimeoutSeconds=0.5", "--Alerts:StreamPollSeconds=60", "--Trading:DemoBots=false",
    };

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        App = await TestApp.StartWithAsync(services =>
        {
            services.AddSingleton<IBotService>(Bots);
            services.AddSingleton<ITradingQueries>(new InMemoryTradingQueries());
        }, FastWebhook);
    }

    public async Task SetWebhookAsync(string url)
    {
        using var http = App.CreateClient();
        (await http.PutAsJsonAsync("api/settings/webhook", new { url })).EnsureSuccessStatusCode();
    }

    /// <summary>Everything the app logged so far (the JSON log files, shared for reading).</summary>
    public static string Logs(TestApp app) => string.Join('\n', Directory.GetFiles(app.LogDirectory, "*", SearchOption.AllDirectories).Select(f =>
    {
        using var r = new StreamReader(new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        return r.ReadToEnd();
    }));

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
