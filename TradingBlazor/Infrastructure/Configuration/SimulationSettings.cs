using System.Globalization;

namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>The simulated market: the offline default data feed.</summary>
public sealed class SimulationSettings : ISettings
{
    public static string Section => "Simulation";

    /// <summary>Same seed, same market: every bar is reproducible.</summary>
    public int Seed { get; set; } = 42;

    public static readonly IReadOnlyList<string> DefaultSymbols = new[] { "SPY", "AAPL", "MSFT", "NVDA", "TSLA" };

    /// <summary>Symbols the simulated market quotes and streams (empty: <see cref="DefaultSymbols"/>).
    /// Starts empty because the configuration binder appends to a pre-filled list.</summary>
    public List<string> Symbols { get; set; } = new();

    public IReadOnlyList<string> EffectiveSymbols => Symbols.Count > 0 ? Symbols : DefaultSymbols;

    /// <summary>Simulated seconds per real second (1 = real time; 60 = a minute bar every second).</summary>
    public double Speed { get; set; } = 60;

    /// <summary>Where the simulated clock starts (ISO 8601); empty = one hour after the open of the latest session.</summary>
    public string? StartAt { get; set; }

    /// <summary>Days of 1-minute history available before the simulated clock's start.</summary>
    public int HistoryDays { get; set; } = 30;

    public DateTime? ParsedStartAt => string.IsNullOrWhiteSpace(StartAt)
        ? null
        : DateTimeOffset.Parse(StartAt, CultureInfo.InvariantCulture).UtcDateTime;

    public IEnumerable<string> Validate()
    {
        if (Speed is <= 0 or > 100_000) yield return $"Simulation:Speed must be greater than 0 and at most 100000 (got {Speed}).";
        foreach (var s in Symbols.Where(s => string.IsNullOrWhiteSpace(s) || s.Length > 12 || !s.All(c => char.IsLetterOrDigit(c) || c is '.' or '-')))
            yield return $"Simulation:Symbols '{s}' is not a valid symbol.";
        if (HistoryDays is < 1 or > 3650) yield return $"Simulation:HistoryDays must be between 1 and 3650 (got {HistoryDays}).";
        if (!string.IsNullOrWhiteSpace(StartAt) && !DateTimeOffset.TryParse(StartAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            yield return $"Simulation:StartAt '{StartAt}' is not an ISO 8601 instant (e.g. 2026-11-20T15:00:00Z).";
    }
}
