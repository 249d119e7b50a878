using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Engine.Brokerage;
using TradingBlazor.Engine.Charts;

namespace TradingBlazor.Engine.Reports.Divergence;

/// <summary>The app's <see cref="RecordedBarSource"/>: demo bots and simulated trading read the simulated market; bots on Alpaca what the charts read.</summary>
public static class LiveBars
{
    public static RecordedBarSource Source(IServiceProvider sp)
    {
        var simulated = sp.GetRequiredService<SimulatedMarket>();
        var brokers = sp.GetRequiredService<BrokerConnection>();
        var charts = sp.GetRequiredService<ChartSourceResolver>();
        return async (symbol, timeframe, demo, ct) =>
        {
            if (demo || brokers.Mode == BrokerMode.Simulated) return new RecordedBars(simulated, SimulatedMarket.DisplayName, SimulatedBroker: true);
            var source = await charts.ResolveAsync(symbol, timeframe, ct);
            return new RecordedBars(source.History, source.Name, SimulatedBroker: false);
        };
    }
}
