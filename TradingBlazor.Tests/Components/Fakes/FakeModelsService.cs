using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Domain.ML.Validation;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.ML;
using TradingBlazor.Services;

namespace TradingBlazor.Tests.Components.Fakes;

/// <summary>
/// Holds stored series, trainings and models; validates a training with the real request's rules (the API's messages)
/// and queues it; raises training events on demand.
/// </summary>
public sealed class FakeModelsService(TimeProvider clock) : IModelsService
{
    public List<StoredSeries> Series { get; } = new();
    public List<TrainingView> Trainings { get; } = new();
    public List<RegisteredModel> Models { get; } = new();
    public List<TrainingJobRequest> Requests { get; } = new();
    public List<long> Canceled { get; } = new();

    public event Action<TrainingProgress>? TrainingChanged;

    public void Raise(TrainingProgress progress) => TrainingChanged?.Invoke(progress);

    public Task<IReadOnlyList<RegisteredModel>> ModelsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<RegisteredModel>>(Models.ToList());

    public Task<IReadOnlyList<StoredSeries>> StoredSeriesAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<StoredSeries>>(Series.ToList());

    public Task<IReadOnlyList<TrainingView>> TrainingsAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<TrainingView>>(Trainings.OrderByDescending(t => t.Id).ToList());

    public Task<(long? Id, IReadOnlyList<ConfigError> Errors)> TrainAsync(TrainingJobRequest request, CancellationToken ct = default)
    {
        var errors = request.Validate(Series, MarketTime.EasternDate(clock.GetUtcNow().UtcDateTime));
        if (errors.Count > 0) return Task.FromResult<(long?, IReadOnlyList<ConfigError>)>((null, errors));
        Requests.Add(request);
        long id = Trainings.Count + 1;
        Trainings.Add(Training(id, request.NormalizedSymbol, BacktestStatus.Queued, 0) with { Model = request.Model, Seed = request.Seed, Folds = request.Folds, From = request.From, To = request.To });
        return Task.FromResult<(long?, IReadOnlyList<ConfigError>)>((id, Array.Empty<ConfigError>()));
    }

    public void Cancel(long id) => Canceled.Add(id);

    public static TrainingView Training(long id, string symbol, BacktestStatus status, double progress, int? version = null, string? error = null) =>
        new(id, symbol, "1d", new DateOnly(2000, 1, 3), new DateOnly(2006, 12, 29), ModelType.Forest, 7, 3, status, progress, error,
            new DateTime(2025, 3, 12, 14, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 12, 14, 0, 1, DateTimeKind.Utc),
            status.IsActive() ? null : new DateTime(2025, 3, 12, 14, 0, 3, 500, DateTimeKind.Utc), version, version is null ? null : 1_700);

    /// <summary>A registered forest with two calibration bins, used by the bots named.</summary>
    public static RegisteredModel Model(string symbol, int version, double auc, params ModelUser[] bots)
    {
        var spec = FeatureSpec.Current();
        var from = new DateTime(2000, 2, 18, 14, 30, 0, DateTimeKind.Utc);
        var to = new DateTime(2006, 12, 29, 14, 30, 0, DateTimeKind.Utc);
        var manifest = new ModelManifest(ModelManifest.CurrentFormat, symbol, version, ModelType.Forest, new DateTime(2025, 3, 12, 14, 0, 3, DateTimeKind.Utc),
            from, to, 1_700, 7, spec, new ForestSettings(), new PlattCalibrator(1, 0), null, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        var bins = new[] { new CalibrationBin(0.4, 0.5, 600, 0.47, 0.45), new CalibrationBin(0.5, 0.6, 700, 0.55, 0.56) };
        var metrics = new TrainingMetrics(symbol, ModelType.Forest, 7, from, to, 1_700, 1, "purged expanding walk-forward, 3 folds",
            Array.Empty<FoldRange>(), new[] { new ModelEvaluation("forest", new ClassifierMetrics(1_300, 0.53, auc, 0.521, 0.2487, bins)) });
        return new RegisteredModel(symbol, version, manifest, metrics, null, bots);
    }
}
