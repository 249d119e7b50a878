namespace TradingBlazor.Domain.Indicators.Framework;

/// <summary>
/// Which series of a bar a single-input kernel reads, as a type: the JIT then reads the field directly instead of
/// deciding which one on every bar.
/// </summary>
public interface IBarField
{
    static abstract double Of(in Ohlcv bar);
}

public struct CloseField : IBarField
{
    public static double Of(in Ohlcv bar) => bar.Close;
}

public struct VolumeField : IBarField
{
    public static double Of(in Ohlcv bar) => bar.Volume;
}
