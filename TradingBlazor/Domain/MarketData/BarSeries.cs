using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Domain.MarketData;

/// <summary>
/// A symbol's bars with their indicator view converted once: decimal→double conversion costs more than a whole
/// backtest step, and sweeps and walk-forward runs replay the same bars many times.
/// </summary>
public sealed class BarSeries
{
    public BarSeries(IReadOnlyList<Bar> bars)
    {
        Bars = bars;
        Values = new Ohlcv[bars.Count];
        for (int i = 0; i < bars.Count; i++) Values[i] = bars[i].ToOhlcv();
    }

    public IReadOnlyList<Bar> Bars { get; }
    public Ohlcv[] Values { get; }
    public int Count => Bars.Count;

    public static IReadOnlyDictionary<string, BarSeries> From(IReadOnlyDictionary<string, IReadOnlyList<Bar>> data) =>
        data.ToDictionary(kv => kv.Key, kv => new BarSeries(kv.Value));
}
