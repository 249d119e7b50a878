using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Reports;

namespace TradingBlazor.Tests.Reports;

/// <summary>Round trips written straight into a running app's store, for reports over a period the test chooses.</summary>
public static class ReportSeed
{
    public static async Task<long> AddBotAsync(IServiceProvider services, string name, decimal capital)
    {
        var config = new BotConfig { Name = name, Symbols = new() { "SPY" }, Capital = capital, Entry = new SignalRule { Rule = System.Text.Json.JsonSerializer.SerializeToElement("close > 0") } };
        await using var db = await Factory(services).CreateDbContextAsync();
        var bot = new BotRecord { Name = name, ConfigJson = config.ToJson(), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        db.Bots.Add(bot);
        await db.SaveChangesAsync();
        return bot.Id;
    }

    /// <summary>Stores the trades (their ids and bot names are the store's own afterwards) for the bot given by each trade's bot id.</summary>
    public static async Task AddTradesAsync(IServiceProvider services, IEnumerable<ReportTrade> trades)
    {
        await using var db = await Factory(services).CreateDbContextAsync();
        foreach (var t in trades)
            db.Trades.Add(new TradeRecord
            {
                BotId = t.BotId, Symbol = t.Symbol, Quantity = t.Quantity, EntryPrice = t.EntryPrice, EntryAt = t.EntryUtc, ExitPrice = t.ExitPrice,
                ExitAt = t.ExitUtc, ExitQuantity = t.Quantity, RealizedPnl = t.Pnl, Fees = t.Fees, ExitReason = t.ExitReason,
            });
        await db.SaveChangesAsync();
    }

    private static IDbContextFactory<TradingDbContext> Factory(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
}
