using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Tests.Support;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.Services;

/// <summary>
/// A measurement, not a speed test: the server render of the Dashboard with 20 bots and 1,000 stored trades, printed for
/// the report. It asserts only that every bot's card was rendered.
/// </summary>
public sealed class DashboardRenderMeasurement(ITestOutputHelper output)
{
    [Fact]
    public async Task The_dashboard_renders_twenty_bots_and_a_thousand_trades()
    {
        await using var app = await TestApp.StartAsync("--Trading:DemoBots=false");
        using var http = app.CreateClient();
        var ids = new List<long>();
        for (int i = 0; i < 20; i++)
        {
            var config = $$"""
                { "version": 1, "name": "measured bot {{i}}", "symbols": ["SPY"], "capital": 10000, "timeframe": "5m",
                  "entry": { "rule": "close > 0" }, "exit": { "rule": "close < 0" } }
                """;
            using var created = await http.PostAsync("api/bots", new StringContent(config, Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
            ids.Add(System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64());
        }
        var db = app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        await using (var c = await db.CreateDbContextAsync())
        {
            var start = new DateTime(2026, 11, 2, 14, 30, 0, DateTimeKind.Utc);
            for (int n = 0; n < 1_000; n++)
            {
                var entry = start.AddMinutes(n * 15);
                c.Trades.Add(new TradeRecord
                {
                    BotId = ids[n % ids.Count], Symbol = "SPY", Quantity = 10m, EntryPrice = 500m, EntryAt = entry,
                    ExitPrice = 500m + n % 7 - 3, ExitAt = entry.AddMinutes(10), ExitQuantity = 10m, RealizedPnl = (n % 7 - 3) * 10m, ExitReason = "signal",
                });
            }
            await c.SaveChangesAsync();
        }

        var times = new List<double>();
        string html = "";
        for (int i = 0; i < 6; i++)
        {
            var watch = Stopwatch.StartNew();
            html = await http.GetStringAsync("");
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"Dashboard server render, 20 bots, 1,000 trades: first {times[0]:0} ms, then median {Median(times.Skip(1)):0} ms " +
                         $"(min {times.Skip(1).Min():0}, max {times.Skip(1).Max():0}); {html.Length / 1024} KiB of HTML");
        foreach (var id in ids) Assert.Contains($"data-testid=\"bot-tile-{id}\"", html);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
