namespace TradingBlazor.Domain.Indicators.Framework;

/// <summary>
/// A bar as indicator math sees it: doubles (indicators are statistics, not money) and the bar start as
/// Unix milliseconds (UTC). The exact <c>decimal</c> bar of the domain converts to this at the edge.
/// </summary>
public readonly record struct Ohlcv(long TimeMs, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>(high + low + close) / 3, the typical price of CCI, MFI and VWAP.</summary>
    public double Typical => (High + Low + Close) / 3.0;

    public double Get(PriceSource source) => source switch
    {
        PriceSource.Close => Close,
        PriceSource.Open => Open,
        PriceSource.High => High,
        PriceSource.Low => Low,
        PriceSource.Volume => Volume,
        PriceSource.HL2 => (High + Low) / 2.0,
        PriceSource.HLC3 => Typical,
        _ => Close,
    };
}

/// <summary>Which series of a bar a single-input indicator reads.</summary>
public enum PriceSource
{
    Close,
    Open,
    High,
    Low,
    Volume,
    HL2,
    HLC3,
}
