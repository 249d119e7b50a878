using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.ML;

namespace TradingBlazor.Data.Entities;

/// <summary>
/// A model training started from the app: the stored bars it reads (symbol, timeframe, New York dates), the model type,
/// seed and folds, where it is (the states a backtest run goes through), and the registry version it wrote.
/// </summary>
public sealed class ModelTrainingRecord
{
    public long Id { get; set; }
    public required string Symbol { get; set; }
    public required string Timeframe { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public ModelType Model { get; set; }
    public int Seed { get; set; }
    public int Folds { get; set; }
    /// <summary>Stored as its lower-case name (queued, running, completed, failed, canceled, interrupted).</summary>
    public BacktestStatus Status { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>The version the registry gave the trained model (models/SYMBOL/vN).</summary>
    public int? ModelVersion { get; set; }
    public int? Rows { get; set; }
}
