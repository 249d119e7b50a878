using System.Text.Json;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;

namespace TradingBlazor.Engine.ML;

/// <summary>
/// A training the app runs in the background on stored bars: a symbol's series of one timeframe between two New York
/// dates (inclusive). The API and the Models page validate it with the same messages.
/// </summary>
public sealed record TrainingJobRequest
{
    public const int MinFolds = 2, MaxFolds = 20;

    public string Symbol { get; init; } = "";
    public string Timeframe { get; init; } = "1d";
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public ModelType Model { get; init; } = ModelType.Forest;
    public int Seed { get; init; } = 1;
    public int Folds { get; init; } = 5;

    /// <summary>snake_case fields, model types by name ("forest", "lstm", "ensemble").</summary>
    public static readonly JsonSerializerOptions Json = new(BotConfig.Json);

    public string NormalizedSymbol => Symbol.Trim().ToUpperInvariant();

    /// <summary>Field-level problems against the series the store holds.</summary>
    public IReadOnlyList<ConfigError> Validate(IReadOnlyList<StoredSeries> stored, DateOnly today)
    {
        var errors = new List<ConfigError>();
        var timeframe = Domain.MarketData.Timeframe.All.FirstOrDefault(t => string.Equals(t.Code, Timeframe, StringComparison.OrdinalIgnoreCase));
        if (timeframe is null) errors.Add(new ConfigError("timeframe", $"must be one of {string.Join(", ", Domain.MarketData.Timeframe.All.Select(t => t.Code))}."));
        if (string.IsNullOrWhiteSpace(Symbol)) errors.Add(new ConfigError("symbol", "is required."));
        else if (timeframe is not null && !stored.Any(s => s.Symbol == NormalizedSymbol && s.Timeframe == timeframe))
            errors.Add(new ConfigError("symbol", $"has no stored {timeframe.Code} bars; import them first (Markets, Import)."));
        if (From == default) errors.Add(new ConfigError("from", "is required (yyyy-MM-dd)."));
        if (To == default) errors.Add(new ConfigError("to", "is required (yyyy-MM-dd)."));
        if (From != default && To != default && To < From) errors.Add(new ConfigError("to", "must not be before 'from'."));
        if (To != default && To > today) errors.Add(new ConfigError("to", "must not be in the future."));
        if (!Enum.IsDefined(Model)) errors.Add(new ConfigError("model", "must be forest, lstm or ensemble."));
        if (Seed < 0) errors.Add(new ConfigError("seed", "must not be negative."));
        if (Folds is < MinFolds or > MaxFolds) errors.Add(new ConfigError("folds", $"must be between {MinFolds} and {MaxFolds}."));
        return errors;
    }
}

/// <summary>A training's live state: its status and the share of the work done (0..1).</summary>
public sealed record TrainingProgress(long Id, BacktestStatus Status, double Progress, string? Error);

/// <summary>A training as the API and the Models page show it (the progress is live while it has not ended).</summary>
public sealed record TrainingView(long Id, string Symbol, string Timeframe, DateOnly From, DateOnly To, ModelType Model, int Seed, int Folds,
    BacktestStatus Status, double Progress, string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, int? ModelVersion, int? Rows)
{
    public static TrainingView Of(ModelTrainingRecord r, double? live) => new(r.Id, r.Symbol, r.Timeframe, r.From, r.To, r.Model, r.Seed, r.Folds,
        r.Status, r.Status.IsActive() ? live ?? 0 : 1, r.Error, r.CreatedAt, r.StartedAt, r.FinishedAt, r.ModelVersion, r.Rows);

    /// <summary>How long it trained (start to end); null while it has not ended or never started.</summary>
    public TimeSpan? Duration => StartedAt is { } s && FinishedAt is { } f ? f - s : null;
}
