using TradingBlazor.Domain.Calendar;

namespace TradingBlazor.Engine.Market;

/// <summary>
/// The current trading day as set by the daily session roll. Engine parts that reset per session
/// (daily loss limits, session VWAP) subscribe to <see cref="SessionRolled"/>.
/// </summary>
public sealed class MarketSessionState
{
    private MarketStatus? _current;

    public MarketStatus? Current => Volatile.Read(ref _current);

    public event Action<MarketStatus>? SessionRolled;

    public void Roll(MarketStatus status)
    {
        Volatile.Write(ref _current, status);
        SessionRolled?.Invoke(status);
    }
}
