namespace TradingBlazor.Domain.Indicators.Framework;

/// <summary>
/// A bar as indicator math sees it: doubles (indicators are statistics, not money) and the bar start as
/// Unix milliseconds (UTC). The exact <c>decimal</c> bar of the domain converts to this at the edge.
/// </summary>
public readonly record struct Ohlcv(long TimeMs, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>(high + low + close) / 3, the typical price of CCI, MFI and VWAP.</summary>
    public double Typical => (High + Low + Close) / 3.0;
}
