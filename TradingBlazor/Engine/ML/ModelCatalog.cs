using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Engine.ML;

/// <summary>A bot whose ml_ensemble strategy reads a model (it names the version, or takes the newest).</summary>
public sealed record ModelUser(long Id, string Name);

/// <summary>A registered model version: its manifest and validation, or why they cannot be read, and the bots using it.</summary>
public sealed record RegisteredModel(string Symbol, int Version, ModelManifest? Manifest, TrainingMetrics? Metrics, string? Problem, IReadOnlyList<ModelUser> Bots);

/// <summary>What the registry holds, as the Models page and the API list it: newest version first within each symbol.</summary>
public sealed class ModelCatalog(ModelRegistry registry, IDbContextFactory<TradingDbContext> db)
{
    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken ct = default)
    {
        var users = await MlBotsAsync(ct);
        var result = new List<RegisteredModel>();
        foreach (var symbol in registry.Symbols())
        {
            var versions = registry.Versions(symbol);
            foreach (var version in versions.Reverse())
            {
                var bots = users.Where(u => u.Symbols.Contains(symbol) && (u.Version == version || (u.Version == 0 && version == versions[^1])))
                    .Select(u => u.Bot).ToList();
                result.Add(Read(symbol, version, bots));
            }
        }
        return result;
    }

    private RegisteredModel Read(string symbol, int version, IReadOnlyList<ModelUser> bots)
    {
        var directory = registry.VersionDirectory(symbol, version);
        try
        {
            var manifest = ModelFiles.ReadManifest(directory);
            var metricsPath = Path.Combine(directory, ModelFiles.MetricsFile);
            var metrics = File.Exists(metricsPath) ? JsonSerializer.Deserialize<TrainingMetrics>(File.ReadAllText(metricsPath), ModelFiles.Json) : null;
            return new RegisteredModel(symbol, version, manifest, metrics, metrics is null ? $"{ModelFiles.MetricsFile} is missing" : null, bots);
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            return new RegisteredModel(symbol, version, null, null, ex.Message, bots);
        }
    }

    private sealed record MlBot(ModelUser Bot, IReadOnlyList<string> Symbols, int Version);

    private async Task<List<MlBot>> MlBotsAsync(CancellationToken ct)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var bots = await c.Bots.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.Name, b.ConfigJson }).ToListAsync(ct);
        var result = new List<MlBot>();
        foreach (var b in bots)
        {
            BotConfig config;
            try { config = BotConfig.Parse(b.ConfigJson); }
            catch (BotConfigException) { continue; } // a stored config that no longer parses names no model
            if (config.Strategy != MlEnsembleStrategy.Id) continue;
            int version = config.Parameters.TryGetValue("model_version", out var v) ? (int)v : 0;
            result.Add(new MlBot(new ModelUser(b.Id, b.Name), config.Symbols.Select(s => s.Trim().ToUpperInvariant()).ToList(), version));
        }
        return result;
    }
}
