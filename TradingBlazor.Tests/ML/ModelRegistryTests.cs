using TradingBlazor.Domain.ML;
using TradingBlazor.Engine.ML;

namespace TradingBlazor.Tests.ML;

/// <summary>Versioned model folders on disk: written once, loaded as saved, and refused with a reason when damaged.</summary>
public class ModelRegistryTests
{
    private static readonly Lazy<TrainedModels> Trained = new(() => ModelTrainer.Train(HonestyTests.Request(MlSeries.Planted(600, seed: 8)) with { Symbol = "TEST" }));

    [Fact]
    public void Versions_count_up_and_version_zero_loads_the_newest_with_the_predictions_it_was_saved_with()
    {
        using var dir = new TempDirectory();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        var registry = new ModelRegistry(dir.Path, clock);
        var first = registry.Register(Trained.Value);
        var second = registry.Register(Trained.Value);
        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.Equal(new[] { 1, 2 }, registry.Versions("test"));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, second.CreatedUtc);
        foreach (var file in new[] { ModelFiles.ManifestFile, ModelFiles.MetricsFile, ModelFiles.ForestFile })
            Assert.True(File.Exists(Path.Combine(dir.Path, "TEST", "v2", file)), file);

        var loaded = registry.Load("TEST", 0);
        Assert.Null(loaded.Problem);
        Assert.Equal(2, loaded.Info!.Version);
        Assert.Equal(first.ContentHash, loaded.Info.ContentHash);
        Assert.Equal(Trained.Value.Metrics.TrainToUtc, loaded.Info.TrainToUtc);
        var features = Domain.ML.Features.FeatureTable.Build(MlSeries.Planted(600, seed: 8), Trained.Value.Spec).Features;
        foreach (var kind in new[] { ModelKind.Forest, ModelKind.Momentum })
        {
            var saved = Trained.Value.Members.Single(m => m.Kind == kind);
            var reloaded = loaded.Models.Single(m => m.Kind == kind);
            foreach (var row in features.Take(100)) Assert.Equal(saved.Probability(row), reloaded.Probability(row));
        }
    }

    [Fact]
    public void Missing_and_damaged_models_come_back_as_reasons()
    {
        using var dir = new TempDirectory();
        var registry = new ModelRegistry(dir.Path, TimeProvider.System);
        Assert.Equal("no model for TEST", registry.Load("TEST", 0).Problem);
        registry.Register(Trained.Value);
        Assert.Equal("no model TEST v7", registry.Load("TEST", 7).Problem);

        var manifest = Path.Combine(registry.VersionDirectory("TEST", 1), ModelFiles.ManifestFile);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"seed\": 5", "\"seed\": 6"));
        Assert.StartsWith("TEST v1 failed to load: content hash", registry.Load("TEST", 1).Problem);

        registry.Register(Trained.Value);
        var forest = Path.Combine(registry.VersionDirectory("TEST", 2), ModelFiles.ForestFile);
        File.WriteAllBytes(forest, File.ReadAllBytes(forest)[..100]);
        var damaged = registry.Load("TEST", 2);
        Assert.StartsWith("TEST v2 failed to load: ", damaged.Problem);
        Assert.Null(damaged.Info);
        Assert.Empty(damaged.Models);
    }

    [Fact]
    public void The_registry_lives_beside_the_database()
    {
        var registry = ModelRegistry.BesideDatabase(Path.Combine("/srv", "tb", "data", "tradingblazor.db"), TimeProvider.System);
        Assert.Equal(Path.Combine("/srv", "tb", "data", "models"), registry.Root);
    }
}
