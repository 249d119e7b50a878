namespace TradingBlazor.Engine.Charts;

/// <summary>A candle as the chart draws it: time in UTC seconds.</summary>
public sealed record ChartCandle(long Time, double Open, double High, double Low, double Close, double Volume);

public sealed record ChartPoint(long Time, double Value);

public sealed record ChartOutput(string Name, string Title, IReadOnlyList<ChartPoint> Data);

/// <summary>One indicator's series: where it is drawn and each output's points (warm-up bars omitted).</summary>
public sealed record ChartIndicator(string Key, string Label, string Pane, IReadOnlyList<double> Levels, IReadOnlyList<ChartOutput> Outputs);

public sealed record ChartSnapshot(string Symbol, string Timeframe, bool IsSimulated, string Source, IReadOnlyList<ChartCandle> Candles, IReadOnlyList<ChartIndicator> Indicators);

/// <summary>A live change: the latest candle (closed or in progress) and each indicator's outputs for it (null while warming).</summary>
public sealed record ChartTick(ChartCandle Candle, IReadOnlyDictionary<string, double?[]> Indicators);
