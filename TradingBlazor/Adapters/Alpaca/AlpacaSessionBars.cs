using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Adapters.Alpaca;

/// <summary>
/// Alpaca history in our conventions: regular-session bars only (Alpaca's intraday bars include pre- and after-market),
/// and hours aligned to the 09:30 open like every other bar here (Alpaca's 1Hour bars start on the clock hour, so hours
/// are built from its 15-minute bars, which do align).
/// </summary>
public sealed class AlpacaSessionBars(AlpacaMarketDataClient data, IMarketCalendar calendar) : IHistoricalBars
{
    public async Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        if (timeframe.IsDaily) return await data.GetBarsAsync(symbol, timeframe, fromUtc, toUtc, ct);
        var source = timeframe == Timeframe.Hour1 ? Timeframe.Minute15 : timeframe;
        var bars = (await data.GetBarsAsync(symbol, source, BarAggregator.BucketStart(fromUtc, timeframe), toUtc, ct))
            .Where(b => calendar.IsOpenAt(b.StartUtc)).ToList();
        return BarAggregator.Aggregate(bars, timeframe).Where(b => b.StartUtc >= fromUtc).ToList();
    }
}
