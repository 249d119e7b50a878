using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Brokerage;

namespace TradingBlazor.Services;

/// <summary>The time the bots trade at: the simulated market's while trading is simulated, else the app's clock.</summary>
public sealed record TradingTime(DateTime UtcNow, bool Simulated, double Speed);

/// <summary>
/// The one clock the screens label: when the simulated market runs, the header, the dashboard and the charts all say
/// simulated time, so "pre-market" never sits above afternoon candles.
/// </summary>
public interface ITradingClock
{
    TradingTime Now();
}

public sealed class TradingClock(TimeProvider clock, SimulatedMarket simulated, BrokerConnection brokers) : ITradingClock
{
    public TradingTime Now() => brokers.Mode == BrokerMode.Simulated
        ? new TradingTime(simulated.Clock.UtcNow(), true, simulated.Clock.Speed)
        : new TradingTime(clock.UtcNow(), false, 1);
}
