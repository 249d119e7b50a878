namespace TradingBlazor.Services;

/// <summary>The sample bot configs shipped with the app (samples/strategies), offered by the Backtest Lab and the Bots page.</summary>
public static class SampleStrategies
{
    private static readonly string SamplesDirectory = Path.Combine(AppContext.BaseDirectory, "samples", "strategies");
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Files = new(Load);

    /// <summary>Each sample's JSON by file name (without .json), sweep templates excluded.</summary>
    public static IReadOnlyDictionary<string, string> All => Files.Value;

    /// <summary>The sweep template, or empty when the samples were not shipped.</summary>
    public static string ReadSweepTemplate()
    {
        var path = Path.Combine(SamplesDirectory, "sma_cross_template.json");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static IReadOnlyDictionary<string, string> Load() =>
        Directory.Exists(SamplesDirectory)
            ? Directory.GetFiles(SamplesDirectory, "*.json").Where(f => !f.EndsWith("_template.json", StringComparison.Ordinal)).Order()
                .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText)
            : new Dictionary<string, string>();
}
