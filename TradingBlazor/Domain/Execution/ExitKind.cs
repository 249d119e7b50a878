namespace TradingBlazor.Domain.Execution;

/// <summary>Why a round trip closed, grouped for breakdowns.</summary>
public enum ExitKind
{
    /// <summary>The strategy's exit rule fired.</summary>
    Rule,
    StopLoss,
    TakeProfit,
    TrailingStop,
    /// <summary>Sold before the close: the bot holds nothing overnight.</summary>
    FlatBeforeClose,
    /// <summary>Sold at the last close when a backtest's data ended.</summary>
    EndOfData,
    /// <summary>Anything else: closed by hand, by the kill switch, by the broker.</summary>
    Other,
}

public static class ExitKinds
{
    /// <summary>
    /// The kind of a fill's reason as the brokers and the pipeline write it ("signal", "stop (gap)", "trailing stop",
    /// "target", "flatten before the close", "end of data"); the text stays on the trade, the kind is for counting.
    /// </summary>
    public static ExitKind Of(string? reason) => reason?.Trim().ToLowerInvariant() switch
    {
        "signal" => ExitKind.Rule,
        "end of data" => ExitKind.EndOfData,
        { } r when r.StartsWith("trailing", StringComparison.Ordinal) => ExitKind.TrailingStop,
        { } r when r.StartsWith("stop", StringComparison.Ordinal) => ExitKind.StopLoss,
        { } r when r.StartsWith("target", StringComparison.Ordinal) => ExitKind.TakeProfit,
        { } r when r.StartsWith("flatten", StringComparison.Ordinal) => ExitKind.FlatBeforeClose,
        _ => ExitKind.Other,
    };
}
