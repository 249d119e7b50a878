using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Bots;

/// <summary>
/// Two bots a fresh database starts with, running on the simulated market (never a real broker), so a new user sees
/// trading within a minute: a fast EMA crossover that executes automatically, and an RSI pullback in hybrid mode
/// whose low-confidence entries wait for approval. Seeded once; deleting them keeps them deleted.
/// </summary>
public static class DemoBots
{
    public const string SeededKey = "demo.seeded";

    public static readonly BotConfig Crossover = new()
    {
        Name = "Demo · EMA 5/13 crossover (auto)",
        Symbols = new() { "SPY", "AAPL" },
        Capital = 10_000m,
        Timeframe = "1m",
        TradingWindow = new TradingWindow { Start = "09:35", End = "15:45" },
        Indicators = new() { "ema(5)", "ema(13)" },
        Entry = new SignalRule { Rule = Rule("ema_5 crosses_above ema_13") },
        Exit = new SignalRule { Rule = Rule("ema_5 crosses_below ema_13") },
        Risk = new RiskSettings { PositionFraction = 0.45m, MaxPositionSize = 0.5m, StopLoss = 0.01m, MaxOpenPositions = 2, MaxDailyLoss = 0.05m },
        Execution = new ExecutionSettings { Mode = ExecutionMode.Auto },
    };

    public static readonly BotConfig Pullback = new()
    {
        Name = "Demo · RSI pullback (hybrid)",
        Symbols = new() { "MSFT", "NVDA" },
        Capital = 10_000m,
        Timeframe = "1m",
        TradingWindow = new TradingWindow { Start = "09:35", End = "15:45" },
        Indicators = new() { "rsi(7)" },
        Entry = new SignalRule { Rule = Rule("rsi_7 crosses_above 35"), Confidence = 0.8 },
        Exit = new SignalRule { Rule = Rule("rsi_7 > 65") },
        Risk = new RiskSettings { PositionFraction = 0.3m, MaxPositionSize = 0.4m, TakeProfit = 0.01m, StopLoss = 0.008m, MaxOpenPositions = 2 },
        Execution = new ExecutionSettings { Mode = ExecutionMode.Hybrid, AutoThreshold = 0.8, ApprovalThreshold = 0.7 },
    };

    /// <summary>Adds the demo bots, running, unless this store was seeded before.</summary>
    public static async Task SeedAsync(TradingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.AppSettings.AnyAsync(s => s.Key == SeededKey, ct)) return;
        var now = clock.UtcNow();
        if (!await db.Bots.AnyAsync(ct))
            foreach (var config in new[] { Crossover, Pullback })
                db.Bots.Add(new BotRecord { Name = config.Name, ConfigJson = config.ToJson(), IsDemo = true, Status = BotStatus.Running, CreatedAt = now, UpdatedAt = now });
        db.AppSettings.Add(new AppSettingRecord { Key = SeededKey, Value = "true", UpdatedAt = now });
        await db.SaveChangesAsync(ct);
    }

    private static JsonElement Rule(string text) => JsonSerializer.SerializeToElement(text);
}
