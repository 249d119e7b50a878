using TradingBlazor.Domain.Indicators.Framework;

namespace TradingBlazor.Domain.MarketData;

/// <summary>One OHLCV bar with exact prices. <see cref="StartUtc"/> is the bar's start (a daily bar: the session open).</summary>
public sealed record Bar(string Symbol, Timeframe Timeframe, DateTime StartUtc, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, decimal? Vwap = null, long? TradeCount = null)
{
    public long StartUnixMs => (StartUtc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    /// <summary>The bar as indicator math sees it (doubles).</summary>
    public Ohlcv ToOhlcv() => new(StartUnixMs, (double)Open, (double)High, (double)Low, (double)Close, (double)Volume);
}
