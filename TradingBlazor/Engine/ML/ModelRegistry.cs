using System.Globalization;
using TradingBlazor.Domain.ML;

namespace TradingBlazor.Engine.ML;

/// <summary>
/// Versioned model folders beside the database: <c>models/SYMBOL/v1</c>, <c>v2</c>, … Each is written once and never
/// changed; a bot names a version (or takes the newest). A folder that fails to load comes back as the reason,
/// and the strategy falls back to the bot's rules with it.
/// </summary>
public sealed class ModelRegistry(string root, TimeProvider clock) : IDirectionModelSource
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The registry for a database file: a <c>models</c> folder in the same directory.</summary>
    public static ModelRegistry BesideDatabase(string databasePath, TimeProvider clock) =>
        new(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "models"), clock);

    /// <summary>The symbols with a model folder, in order.</summary>
    public IReadOnlyList<string> Symbols() => Directory.Exists(Root)
        ? Directory.GetDirectories(Root).Select(d => Path.GetFileName(d)!).Where(s => Versions(s).Count > 0).Order(StringComparer.Ordinal).ToArray()
        : Array.Empty<string>();

    public IReadOnlyList<int> Versions(string symbol)
    {
        var dir = SymbolDirectory(symbol);
        if (!Directory.Exists(dir)) return Array.Empty<int>();
        return Directory.GetDirectories(dir).Select(Path.GetFileName)
            .Select(n => n is ['v', .. var digits] && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0).Order().ToArray();
    }

    /// <summary>Writes a trained set as the symbol's next version.</summary>
    public ModelManifest Register(TrainedModels models)
    {
        var symbol = models.Metrics.Symbol;
        int version = (Versions(symbol) is { Count: > 0 } existing ? existing[^1] : 0) + 1;
        return ModelFiles.Write(models, VersionDirectory(symbol, version), version, clock.GetUtcNow().UtcDateTime);
    }

    public LoadedModels Load(string symbol, int version)
    {
        var versions = Versions(symbol);
        if (versions.Count == 0) return LoadedModels.Missing($"no model for {symbol}");
        int chosen = version == 0 ? versions[^1] : version;
        if (!versions.Contains(chosen)) return LoadedModels.Missing($"no model {symbol} v{chosen}");
        try
        {
            return ModelFiles.Load(VersionDirectory(symbol, chosen));
        }
        catch (Exception ex) // whatever breaks a model (a truncated zip, a foreign file), the bot keeps trading on its rules
        {
            return LoadedModels.Missing($"{symbol} v{chosen} failed to load: {ex.Message}");
        }
    }

    private string SymbolDirectory(string symbol) => Path.Combine(Root, symbol.ToUpperInvariant());

    public string VersionDirectory(string symbol, int version) => Path.Combine(SymbolDirectory(symbol), $"v{version}");
}
