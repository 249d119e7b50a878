using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Domain.MarketData;

/// <summary>
/// A symbol's bars with their indicator view converted once: decimal→double conversion costs more than a whole
/// backtest step, and sweeps and walk-forward runs replay the same bars many times.
/// </summary>
public sealed class BarSeries
{
    private BarSeries(IReadOnlyList<Bar> bars, Ohlcv[] values)
    {
        Bars = bars;
        Values = values;
    }

    public BarSeries(IReadOnlyList<Bar> bars)
    {
        Bars = bars;
        Values = new Ohlcv[bars.Count];
        for (int i = 0; i < bars.Count; i++) Values[i] = bars[i].ToOhlcv();
    }

    public IReadOnlyList<Bar> Bars { get; }
    public Ohlcv[] Values { get; }
    public int Count => Bars.Count;

    /// <summary>Bars [from, to) without converting again.</summary>
    public BarSeries Slice(int from, int to) => new(Bars.Skip(from).Take(to - from).ToList(), Values[from..to]);

    public static IReadOnlyDictionary<string, BarSeries> From(IReadOnlyDictionary<string, IReadOnlyList<Bar>> data) =>
        data.ToDictionary(kv => kv.Key, kv => new BarSeries(kv.Value));
}
