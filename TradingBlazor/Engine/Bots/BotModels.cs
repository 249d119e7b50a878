using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Bots;

/// <summary>A bot as lists show it: identity, status, its book's headline numbers and its halts (reduce-only, entries halted for a session).</summary>
public sealed record BotSummary(
    long Id, string Name, BotStatus Status, string? StatusReason, IReadOnlyList<string> Symbols, string Timeframe,
    ExecutionMode Mode, BotLedgerView Ledger, int Revision, DateTime UpdatedUtc, string? Halt = null, DateOnly? EntriesHaltedFor = null);

/// <summary>A bot's book: allocated capital, cash, cash reserved by open orders, positions and P&amp;L.</summary>
public sealed record BotLedgerView(
    decimal Capital, decimal Cash, decimal Reserved, decimal Equity, decimal RealizedPnl, decimal UnrealizedPnl,
    IReadOnlyList<BotPositionView> Positions);

public sealed record BotPositionView(string Symbol, decimal Quantity, decimal AveragePrice, decimal LastPrice, decimal UnrealizedPnl, DateTime OpenedUtc);

/// <summary>One bot in full: its summary and the configuration it runs.</summary>
public sealed record BotDetails(BotSummary Summary, BotConfig Config);

/// <summary>What went wrong with a bot request: which field (or "id", "status"), why, and what kind of problem.</summary>
public sealed record BotProblem(BotProblemKind Kind, string Field, string Message);

public enum BotProblemKind
{
    /// <summary>The document or a parameter is invalid (400).</summary>
    Invalid,
    /// <summary>No such bot (404).</summary>
    NotFound,
    /// <summary>Not allowed in the bot's current state, e.g. editing a running bot (409).</summary>
    Conflict,
}

/// <summary>A bot operation's answer: the bot, or the problem.</summary>
public sealed record BotResult(BotDetails? Bot, BotProblem? Problem)
{
    public bool Ok => Problem is null;
    public static BotResult Success(BotDetails bot) => new(bot, null);
    public static BotResult Fail(BotProblemKind kind, string field, string message) => new(null, new BotProblem(kind, field, message));
}

/// <summary>Lifecycle commands; flatten sells the bot's positions first (stop, delete).</summary>
public enum BotCommand
{
    Start,
    Pause,
    Stop,
}
