using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Data.Entities;

/// <summary>A bot as stored: its versioned JSON configuration and its lifecycle status.</summary>
public sealed class BotRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The bot configuration document (JSON); the bot-config model validates it before it is stored.</summary>
    public required string ConfigJson { get; set; }
    public BotStatus Status { get; set; } = BotStatus.Stopped;
    /// <summary>Why the bot is in its status (e.g. the error that stopped it).</summary>
    public string? StatusReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
