namespace TradingBlazor.Domain.Calendar;

/// <summary>One regular trading session: the exchange date and its open/close instants in UTC.</summary>
public sealed record TradingSession(DateOnly Date, DateTime OpenUtc, DateTime CloseUtc, bool IsEarlyClose)
{
    public bool Contains(DateTime utc) => utc >= OpenUtc && utc < CloseUtc;
}
