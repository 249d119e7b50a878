using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Tests.Support;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.Browser;

/// <summary>
/// Measurements, not speed tests, for the closing figures: how soon a simulated market update reaches the Dashboard's
/// DOM in Chromium, and the managed memory each connected Dashboard circuit holds with 20 bots. Each runs its own app
/// in this process and measures its heap, so they run alone, outside the default suite:
/// <c>dotnet test TradingBlazor.Tests --filter Category=Measurement --logger "console;verbosity=detailed"</c>.
/// They assert only that what they measured happened.
/// </summary>
[Trait("Category", "Measurement")]
public sealed class DashboardLiveMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Symbol = "SPY";
    // Runs before the page's own scripts and outside its content policy: reports every live candle the chart draws.
    private const string ObserveChart = """
        new MutationObserver(records => {
          for (const r of records)
            if (r.target.closest('[data-testid=dashboard-chart]')) window.tbChartTick(r.target.dataset.lastClose, performance.timeOrigin + performance.now());
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-last-close'] });
        """;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    private static Task WaitForDashboardAsync(IPage page, int bots) =>
        Assertions.Expect(page.Locator(".tb-bot-tile")).ToHaveCountAsync(bots, new() { Timeout = 60_000 });

    [Fact]
    public async Task A_simulated_market_update_reaches_the_dashboard_chart_in_the_browser()
    {
        await using var app = await TestApp.StartAsync();
        // Raised: every update of the symbol, at the feed's raise (this handler runs before the chart's, subscribed later).
        var raised = new ConcurrentQueue<(decimal Close, double UnixMs)>();
        var feed = app.Services.GetRequiredService<SimulatedFeed>();
        feed.BarUpdated += u => { if (u.Bar.Symbol == Symbol) raised.Enqueue((u.Bar.Close, UnixMs(TimeProvider.System.GetUtcNow()))); };
        // Seen: the chart's element took the candle, by the browser's clock, and when this process heard of it.
        var seen = new ConcurrentQueue<(decimal Close, double BrowserUnixMs, double HeardUnixMs)>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = await _browser.NewContextAsync(new() { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await context.ExposeFunctionAsync<string, double, bool>("tbChartTick", (close, at) =>
        {
            seen.Enqueue((decimal.Parse(close, CultureInfo.InvariantCulture), at, UnixMs(TimeProvider.System.GetUtcNow())));
            if (seen.Count >= 150) enough.TrySetResult();
            return true;
        });
        await context.AddInitScriptAsync(ObserveChart);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl);
        await BrowserFixture.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=dashboard-chart]")).ToContainTextAsync($"{Symbol} · 5m");
        await Task.WhenAny(enough.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        await context.CloseAsync();

        // Each candle seen is matched to the latest raise of its close before it; a close raised twice within a
        // second is left out (which raise drew it is not known).
        var raises = raised.ToList();
        var domLatency = new List<double>();
        var heardLatency = new List<double>();
        foreach (var (close, at, heard) in seen)
        {
            var before = raises.Where(r => r.Close == close && r.UnixMs <= heard).ToList();
            if (before.Count == 0 || before.Count(r => r.UnixMs > before[^1].UnixMs - 1000) > 1) continue;
            domLatency.Add(at - before[^1].UnixMs);
            heardLatency.Add(heard - before[^1].UnixMs);
        }
        output.WriteLine($"market update -> Dashboard chart DOM ({Symbol}, 5m chart, 60x market): {domLatency.Count} updates matched of {seen.Count} seen, {raises.Count} raised");
        output.WriteLine($"  DOM (browser clock):   {Summary(domLatency)}");
        output.WriteLine($"  reported back (CDP):   {Summary(heardLatency)}");
        Assert.True(domLatency.Count >= 100, $"only {domLatency.Count} live candles matched");
    }

    [Fact]
    public async Task Each_connected_dashboard_with_twenty_bots_holds_this_much_managed_memory()
    {
        const int Tabs = 10, Bots = 20;
        var circuits = new CircuitCount();
        await using var app = await TestApp.StartWithAsync(s => s.AddSingleton(circuits).AddScoped<CircuitHandler>(_ => new CircuitCount.Handler(circuits)),
            "--Trading:DemoBots=false");
        await DashboardFleet.SeedAsync(app, Bots);
        var context = await _browser.NewContextAsync(new() { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });

        // One circuit first and gone again: JIT, caches and the app's first queries are not a circuit's.
        var warm = await context.NewPageAsync();
        await warm.GotoAsync(app.BaseUrl);
        await BrowserFixture.WaitInteractiveAsync(warm);
        await WaitForDashboardAsync(warm, Bots);
        await warm.CloseAsync(new() { RunBeforeUnload = true });
        long baseline = await SettledHeapAsync();

        // Two rounds: what stays after the first that the second does not add to is pooled buffers, not circuits.
        var rounds = new List<(long Before, int Open, long Connected, long Closed, int Left)>();
        for (int round = 0; round < 2; round++)
        {
            var pages = new List<IPage>();
            for (int i = 0; i < Tabs; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(app.BaseUrl);
                await BrowserFixture.WaitInteractiveAsync(page);
                await WaitForDashboardAsync(page, Bots);
                await Assertions.Expect(page.Locator("[data-testid=dashboard-chart] [data-testid=price-chart]")).Not.ToHaveAttributeAsync("data-candles", "0");
                pages.Add(page);
            }
            int open = circuits.Open;
            long connected = await SettledHeapAsync();
            foreach (var page in pages) await page.CloseAsync(new() { RunBeforeUnload = true });
            // A closed tab's circuit goes when its disconnect arrives; one that missed it waits out the retention period.
            await circuits.WhenAtMostAsync(0, TimeSpan.FromSeconds(30));
            rounds.Add((rounds.Count == 0 ? baseline : rounds[^1].Closed, open, connected, await SettledHeapAsync(), circuits.Open));
        }
        await context.CloseAsync();

        output.WriteLine($"Dashboard circuits, {Bots} bots, 1,000 trades, {Tabs} tabs at once; managed heap after one warm-up circuit {Mb(baseline)} MB");
        foreach (var (r, n) in rounds.Select((r, n) => (r, n + 1)))
            output.WriteLine($"  round {n}: {r.Open} circuits open, heap {Mb(r.Before)} -> {Mb(r.Connected)} MB = {(r.Connected - r.Before) / Tabs / 1024:N0} KB per circuit; " +
                             $"tabs closed, {r.Left} circuits left, heap {Mb(r.Closed)} MB");
        Assert.All(rounds, r => Assert.Equal(Tabs, r.Open));
        Assert.All(rounds, r => Assert.Equal(0, r.Left));
        Assert.True(rounds[0].Connected > baseline, "connected circuits hold memory");
    }

    // Full, compacting collections until the heap stops shrinking (finalizers release more on a second pass).
    private static async Task<long> SettledHeapAsync()
    {
        await Task.Delay(500);
        long last = long.MaxValue, now = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < 5 && now < last; i++)
        {
            last = now;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            now = GC.GetTotalMemory(forceFullCollection: true);
        }
        return Math.Min(now, last);
    }

    private static string Mb(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture);

    private static double UnixMs(DateTimeOffset t) => (t.UtcTicks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerMillisecond;

    private static string Summary(List<double> ms)
    {
        if (ms.Count == 0) return "none";
        var sorted = ms.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.5):0.0} ms, p95 {At(0.95):0.0} ms, max {sorted[^1]:0.0} ms, min {sorted[0]:0.0} ms (n = {ms.Count})");
    }

    /// <summary>The app's open circuits, counted by a circuit handler.</summary>
    private sealed class CircuitCount
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public async Task WhenAtMostAsync(int count, TimeSpan timeout)
        {
            var waited = Stopwatch.StartNew();
            while (Open > count && waited.Elapsed < timeout) await Task.Delay(100);
        }

        public sealed class Handler(CircuitCount count) : CircuitHandler
        {
            public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken ct)
            {
                Interlocked.Increment(ref count._open);
                return Task.CompletedTask;
            }

            public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken ct)
            {
                Interlocked.Decrement(ref count._open);
                return Task.CompletedTask;
            }
        }
    }
}
