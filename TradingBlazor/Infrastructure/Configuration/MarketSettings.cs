using System.Globalization;

namespace TradingBlazor.Infrastructure.Configuration;

/// <summary>Market calendar settings.</summary>
public sealed class MarketSettings : ISettings
{
    public static string Section => "Market";

    /// <summary>Ad-hoc exchange closures not computable by rule: "yyyy-MM-dd" to the reason.</summary>
    public Dictionary<string, string> ExtraClosures { get; set; } = new();

    public IReadOnlyDictionary<DateOnly, string> ParsedExtraClosures() =>
        ExtraClosures.ToDictionary(kv => DateOnly.ParseExact(kv.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), kv => kv.Value);

    public IEnumerable<string> Validate()
    {
        foreach (var key in ExtraClosures.Keys)
        {
            if (!DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                yield return $"Market:ExtraClosures:{key} is not a date in the form yyyy-MM-dd.";
        }
    }
}
