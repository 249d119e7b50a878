using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Engine.ML;

/// <summary>
/// Trains models in the background on stored bars, one at a time (a training holds a core and its feature table; the
/// rest wait queued), with progress after each validation fold, cancellation, and the result registered as the
/// symbol's next version. Each training is a stored record, so a page reloaded mid-way finds it again.
/// </summary>
public sealed class ModelTrainingService(
    IDbContextFactory<TradingDbContext> contexts, IBarStore store, ModelRegistry registry, TimeProvider clock, ILogger<ModelTrainingService> log)
{
    private readonly ConcurrentDictionary<long, (CancellationTokenSource Cts, double Progress, BacktestStatus Status)> _live = new();
    private readonly SemaphoreSlim _slot = new(1);

    /// <summary>Raised when a training's progress or status changes (UI components subscribe).</summary>
    public event Action<TrainingProgress>? Changed;

    public async Task<(long? Id, IReadOnlyList<ConfigError> Errors)> StartAsync(TrainingJobRequest request, CancellationToken ct = default)
    {
        var errors = request.Validate(await store.ListSeriesAsync(ct), MarketTime.EasternDate(clock.UtcNow()));
        if (errors.Count > 0) return (null, errors);
        var record = new ModelTrainingRecord
        {
            Symbol = request.NormalizedSymbol, Timeframe = Timeframe.Parse(request.Timeframe).Code, From = request.From, To = request.To,
            Model = request.Model, Seed = request.Seed, Folds = request.Folds, Status = BacktestStatus.Queued, CreatedAt = clock.UtcNow(),
        };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.ModelTrainings.Add(record);
            await db.SaveChangesAsync(ct);
        }
        var cts = new CancellationTokenSource();
        _live[record.Id] = (cts, 0, BacktestStatus.Queued);
        Changed?.Invoke(new TrainingProgress(record.Id, BacktestStatus.Queued, 0, null));
        _ = Task.Run(() => ExecuteAsync(record, cts.Token));
        return (record.Id, Array.Empty<ConfigError>());
    }

    public bool Cancel(long id)
    {
        if (!_live.TryGetValue(id, out var state)) return false;
        state.Cts.Cancel();
        return true;
    }

    /// <summary>The share done of a training that has not ended; null otherwise.</summary>
    public double? LiveProgress(long id) => _live.TryGetValue(id, out var s) ? s.Progress : null;

    public async Task<List<ModelTrainingRecord>> ListAsync(int limit = 50, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ModelTrainings.AsNoTracking().OrderByDescending(r => r.Id).Take(limit).ToListAsync(ct);
    }

    public async Task<ModelTrainingRecord?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ModelTrainings.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    private async Task ExecuteAsync(ModelTrainingRecord job, CancellationToken ct)
    {
        var status = BacktestStatus.Completed;
        string? error = null;
        ModelManifest? manifest = null;
        bool slot = false;
        try
        {
            await _slot.WaitAsync(ct);
            slot = true;
            await UpdateAsync(job.Id, r => { r.Status = BacktestStatus.Running; r.StartedAt = clock.UtcNow(); });
            Report(job.Id, BacktestStatus.Running, 0);
            var timeframe = Timeframe.Parse(job.Timeframe);
            var bars = await store.GetBarsAsync(job.Symbol, timeframe, MarketTime.ToUtc(job.From, TimeOnly.MinValue), MarketTime.ToUtc(job.To.AddDays(1), TimeOnly.MinValue), ct);
            var request = new TrainingRequest(job.Symbol, bars.Select(b => b.ToOhlcv()).ToArray(), job.Model, job.Seed)
            {
                Folds = job.Folds,
                Progress = new Progress(this, job.Id),
            };
            manifest = await Task.Run(() =>
            {
                var models = ModelTrainer.Train(request, ct);
                try { return registry.Register(models); }
                finally { models.Forest?.Dispose(); }
            }, ct);
        }
        catch (OperationCanceledException)
        {
            status = BacktestStatus.Canceled;
        }
        catch (ModelTrainingException ex)
        {
            (status, error) = (BacktestStatus.Failed, ex.Message);
        }
        catch (Exception ex)
        {
            (status, error) = (BacktestStatus.Failed, ex.Message);
            log.LogError(ex, "Model training {Id} failed", job.Id);
        }

        try
        {
            await UpdateAsync(job.Id, r =>
            {
                (r.Status, r.Error, r.FinishedAt) = (status, error, clock.UtcNow());
                (r.ModelVersion, r.Rows) = (manifest?.Version, manifest?.Rows);
            });
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Model training {Id}: recording its end failed", job.Id);
        }
        _live.TryRemove(job.Id, out _);
        log.LogInformation("Model training {Id} ({Symbol} {Model}) {Status}{Error}", job.Id, job.Symbol, job.Model, status.Code(), error is null ? "" : ": " + error);
        Changed?.Invoke(new TrainingProgress(job.Id, status, 1, error));
        if (slot) _slot.Release();
    }

    private void Report(long id, BacktestStatus status, double progress)
    {
        if (_live.TryGetValue(id, out var s)) _live[id] = (s.Cts, progress, status);
        Changed?.Invoke(new TrainingProgress(id, status, progress, null));
    }

    private async Task UpdateAsync(long id, Action<ModelTrainingRecord> change)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var record = await db.ModelTrainings.FirstAsync(r => r.Id == id);
        change(record);
        await db.SaveChangesAsync();
    }

    /// <summary>Trainings a previous process left queued or running can never finish: they end as interrupted, saying so.</summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stale = await db.ModelTrainings.Where(r => r.Status == BacktestStatus.Running || r.Status == BacktestStatus.Queued).ToListAsync(ct);
        foreach (var r in stale) (r.Status, r.Error, r.FinishedAt) = (BacktestStatus.Interrupted, "The app stopped before this training finished; start it again.", clock.UtcNow());
        await db.SaveChangesAsync(ct);
        if (stale.Count > 0) log.LogWarning("{Count} model trainings left running by a previous process marked interrupted", stale.Count);
        return stale.Count;
    }

    private sealed class Progress(ModelTrainingService service, long id) : IProgress<double>
    {
        public void Report(double value) => service.Report(id, BacktestStatus.Running, value);
    }
}

/// <summary>At start-up, before any training can start: trainings a dead process left running end as interrupted.</summary>
public sealed class ModelTrainingRecovery(ModelTrainingService trainings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => trainings.MarkInterruptedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
