using System.Text.Json;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Api;

// What the REST API answers, as named types so that the OpenAPI document describes every response.

public sealed record SessionView(DateOnly Date, DateTime OpenUtc, DateTime CloseUtc, string OpenEastern, string CloseEastern, bool EarlyClose);

public sealed record MarketStatusView(DateTime At, string Phase, bool IsOpen, SessionView? Session, DateTime NextOpen, DateTime NextClose, string? Holiday);

public sealed record SessionsView(DateOnly From, DateOnly To, int TradingDays, IReadOnlyList<SessionView> Sessions);

public sealed record BacktestStarted(long Id, BacktestStatus Status, string Url);

public sealed record BacktestRunItem(long Id, string Name, string Symbols, string Timeframe, DateTime From, DateTime To, string Source, BacktestStatus Status,
    string? Error, DateTime CreatedAt, DateTime? FinishedAt, decimal? FinalEquity, double? Progress);

/// <summary>A run with its exact request and (when finished) its summary of metrics.</summary>
public sealed record BacktestRunDetails(long Id, string Name, string Symbols, string Timeframe, DateTime From, DateTime To, string Source, BacktestStatus Status,
    string? Error, DateTime CreatedAt, DateTime? FinishedAt, double Progress, JsonElement Request, JsonElement? Summary);

public sealed record EquityPointView(DateTime T, decimal E);

/// <summary>A bot with its status, book, halts and the config document it runs (snake_case, as posted).</summary>
public sealed record BotView(long Id, string Name, Domain.Trading.BotStatus Status, string? StatusReason, IReadOnlyList<string> Symbols, string Timeframe,
    Domain.Trading.ExecutionMode Mode, Engine.Bots.BotLedgerView Ledger, int Revision, DateTime UpdatedUtc, JsonElement Config, string? Halt, DateOnly? EntriesHaltedFor)
{
    public static BotView Of(Engine.Bots.BotDetails bot)
    {
        var s = bot.Summary;
        return new(s.Id, s.Name, s.Status, s.StatusReason, s.Symbols, s.Timeframe, s.Mode, s.Ledger, s.Revision, s.UpdatedUtc,
            JsonSerializer.SerializeToElement(bot.Config, Domain.Strategies.Config.BotConfig.Json), s.Halt, s.EntriesHaltedFor);
    }
}
