using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Data.Entities;

/// <summary>A bot as stored: its versioned JSON configuration and its lifecycle status.</summary>
public sealed class BotRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The bot configuration document (JSON); the bot-config model validates it before it is stored.</summary>
    public required string ConfigJson { get; set; }
    /// <summary>Bumped by every edit; a running bot keeps the revision it started with.</summary>
    public int Revision { get; set; } = 1;
    public BotStatus Status { get; set; } = BotStatus.Stopped;
    /// <summary>Why the bot is in its status (e.g. the error that stopped it).</summary>
    public string? StatusReason { get; set; }
    /// <summary>Reduce-only until the trader clears it: max drawdown, a per-bot halt or the kill switch (with the reason).</summary>
    public string? Halt { get; set; }
    /// <summary>The session whose entries the daily loss limit halted.</summary>
    public DateOnly? EntriesHaltedFor { get; set; }
    /// <summary>A demo bot seeded into a fresh database: it only ever trades on the simulated broker.</summary>
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
