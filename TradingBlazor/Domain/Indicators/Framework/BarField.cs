namespace TradingBlazor.Domain.Indicators.Framework;

/// <summary>
/// Which series of a bar a single-input kernel reads, as a type: the JIT then reads the field directly instead of
/// deciding which one on every bar.
/// </summary>
public interface IBarField
{
    static abstract double Of(in Ohlcv bar);

    static abstract ValueSource Source { get; }
}

public struct CloseField : IBarField
{
    public static double Of(in Ohlcv bar) => bar.Close;
    public static ValueSource Source => ValueSource.Close;
}

public struct VolumeField : IBarField
{
    public static double Of(in Ohlcv bar) => bar.Volume;
    public static ValueSource Source => ValueSource.Volume;
}
