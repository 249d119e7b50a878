namespace TradingBlazor.Data.Entities;

/// <summary>
/// A stored backtest: the exact config and data range it used, its status, and (when finished) its summary, equity
/// curve and trades as JSON documents, so past runs can be reopened and compared.
/// </summary>
public sealed class BacktestRunRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The full request: config, symbols, range, data source and cost model.</summary>
    public required string RequestJson { get; set; }
    public required string Symbols { get; set; }
    public required string Timeframe { get; set; }
    public DateTime FromUtc { get; set; }
    public DateTime ToUtc { get; set; }
    public required string Source { get; set; }
    /// <summary>Stored as its lower-case name (queued, running, completed, failed, canceled, interrupted).</summary>
    public required Engine.Backtesting.BacktestStatus Status { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public decimal? FinalEquity { get; set; }
    public string? SummaryJson { get; set; }
    public string? EquityJson { get; set; }
    public string? TradesJson { get; set; }
}
