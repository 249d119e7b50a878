using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.ML;

namespace TradingBlazor.Services;

/// <summary>The Models page: the registry's models, the stored bars to train on, and trainings (start, follow, cancel).</summary>
public interface IModelsService
{
    /// <summary>Raised (on the trainer's thread) when a training's progress or status changes.</summary>
    event Action<TrainingProgress>? TrainingChanged;

    Task<IReadOnlyList<RegisteredModel>> ModelsAsync(CancellationToken ct = default);

    /// <summary>Symbols and timeframes with stored bars, with their ranges.</summary>
    Task<IReadOnlyList<StoredSeries>> StoredSeriesAsync(CancellationToken ct = default);

    Task<IReadOnlyList<TrainingView>> TrainingsAsync(CancellationToken ct = default);

    /// <summary>Queues a training; the field errors (the API's messages) when the request is not one.</summary>
    Task<(long? Id, IReadOnlyList<ConfigError> Errors)> TrainAsync(TrainingJobRequest request, CancellationToken ct = default);

    void Cancel(long id);
}

public sealed class ModelsService(ModelCatalog catalog, ModelTrainingService trainings, IBarStore store) : IModelsService
{
    public event Action<TrainingProgress>? TrainingChanged
    {
        add => trainings.Changed += value;
        remove => trainings.Changed -= value;
    }

    public Task<IReadOnlyList<RegisteredModel>> ModelsAsync(CancellationToken ct = default) => catalog.ListAsync(ct);

    public Task<IReadOnlyList<StoredSeries>> StoredSeriesAsync(CancellationToken ct = default) => store.ListSeriesAsync(ct);

    public async Task<IReadOnlyList<TrainingView>> TrainingsAsync(CancellationToken ct = default) =>
        (await trainings.ListAsync(20, ct)).Select(r => TrainingView.Of(r, trainings.LiveProgress(r.Id))).ToList();

    public Task<(long? Id, IReadOnlyList<ConfigError> Errors)> TrainAsync(TrainingJobRequest request, CancellationToken ct = default) =>
        trainings.StartAsync(request, ct);

    public void Cancel(long id) => trainings.Cancel(id);
}
