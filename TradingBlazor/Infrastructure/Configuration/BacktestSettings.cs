namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>
/// Bounds on backtests, so a few requests cannot exhaust the machine: how many run at once (the rest wait in a queue)
/// and how many bars one run may replay (each bar held costs memory until the run ends).
/// </summary>
public sealed class BacktestSettings : ISettings
{
    public static string Section => "Backtests";

    /// <summary>Runs at once; 0 means one fewer than the processor count, at least one.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>
    /// Bars (over all symbols) one run may replay. Runs stream their bars, so what a run holds is its equity curve (24 bytes
    /// an instant) and trades: the 14.7 million bars of ten symbols' minutes over fifteen years fit, in about its time.
    /// </summary>
    public long MaxBars { get; set; } = 20_000_000;

    public int EffectiveConcurrency => MaxConcurrent > 0 ? MaxConcurrent : Math.Max(1, Environment.ProcessorCount - 1);

    public IEnumerable<string> Validate()
    {
        if (MaxConcurrent is < 0 or > 64) yield return $"Backtests:MaxConcurrent {MaxConcurrent} must be between 0 (automatic) and 64.";
        if (MaxBars < 1_000) yield return $"Backtests:MaxBars {MaxBars} must be at least 1000.";
    }
}
