namespace TradingBlazor.Data.Entities;

/// <summary>A trading record that belongs to a bot and a symbol (signals, orders, trades), for shared filters.</summary>
public interface IBotRecord
{
    long? BotId { get; }
    string Symbol { get; }
}
