using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;

namespace TradingBlazor.Tests.Support;

/// <summary>The Dashboard's measured load: stopped bots created over the API and round trips stored for them.</summary>
public static class DashboardFleet
{
    /// <summary>Creates <paramref name="bots"/> bots on SPY and <paramref name="trades"/> closed trades among them; returns their ids.</summary>
    public static async Task<IReadOnlyList<long>> SeedAsync(TestApp app, int bots = 20, int trades = 1_000)
    {
        using var http = app.CreateClient();
        var ids = new List<long>();
        for (int i = 0; i < bots; i++)
        {
            var config = $$"""
                { "version": 1, "name": "measured bot {{i}}", "symbols": ["SPY"], "capital": 10000, "timeframe": "5m",
                  "entry": { "rule": "close > 0" }, "exit": { "rule": "close < 0" } }
                """;
            using var created = await http.PostAsync("api/bots", new StringContent(config, Encoding.UTF8, "application/json"));
            created.EnsureSuccessStatusCode();
            ids.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64());
        }
        var db = app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        await using var c = await db.CreateDbContextAsync();
        var start = new DateTime(2026, 11, 2, 14, 30, 0, DateTimeKind.Utc);
        for (int n = 0; n < trades; n++)
        {
            var entry = start.AddMinutes(n * 15);
            c.Trades.Add(new TradeRecord
            {
                BotId = ids[n % ids.Count], Symbol = "SPY", Quantity = 10m, EntryPrice = 500m, EntryAt = entry,
                ExitPrice = 500m + n % 7 - 3, ExitAt = entry.AddMinutes(10), ExitQuantity = 10m, RealizedPnl = (n % 7 - 3) * 10m, ExitReason = "signal",
            });
        }
        await c.SaveChangesAsync();
        return ids;
    }
}
