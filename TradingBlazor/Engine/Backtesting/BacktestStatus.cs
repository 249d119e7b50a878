using System.Text.Json.Serialization;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>Where a backtest run is; stored and shown in lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BacktestStatus>))]
public enum BacktestStatus
{
    /// <summary>Waiting for a free slot (runs at once are limited).</summary>
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("canceled")] Canceled,
    /// <summary>The process stopped before the run finished.</summary>
    [JsonStringEnumMemberName("interrupted")] Interrupted,
}

public static class BacktestStatuses
{
    public static string Code(this BacktestStatus status) => status.ToString().ToLowerInvariant();

    public static BacktestStatus Parse(string code) => Enum.Parse<BacktestStatus>(code, ignoreCase: true);

    /// <summary>Queued or running: the run has not ended.</summary>
    public static bool IsActive(this BacktestStatus status) => status is BacktestStatus.Queued or BacktestStatus.Running;
}
