using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.ML.Features;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Strategies.Rules;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Domain.Strategies;

/// <summary>
/// The AI bot's strategy: a weighted mean of the calibrated up-probabilities of the symbol's trained models
/// (0.5 LSTM, 0.3 forest, 0.2 momentum by default; weights of missing models are spread over the rest). Flat and
/// P(up) ≥ entry_probability → buy; holding and P(up) ≤ exit_probability → sell; the signal's confidence is the
/// probability of the direction it bets on, so hybrid execution's 0.80/0.70 thresholds apply to a calibrated number.
/// With no usable model (missing, unreadable, other features, a bar inside the training range, stale, or features
/// still warming up) the bot's own entry/exit rules decide, and the signal's source says why.
/// </summary>
public sealed class MlEnsembleStrategy : IStrategy
{
    public const string Id = "ml_ensemble";

    public static readonly StrategyDefinition Definition = new(
        Id, "ML ensemble", "LSTM, random forest and momentum probabilities, weighted; falls back to the entry/exit rules.",
        new[]
        {
            IndicatorParameter.Period("model_version", 0, "Model version in the registry (0: the newest)", min: 0, max: 1_000_000),
            IndicatorParameter.Number("weight_lstm", 0.5, 0, 1, "Weight of the LSTM"),
            IndicatorParameter.Number("weight_forest", 0.3, 0, 1, "Weight of the random forest"),
            IndicatorParameter.Number("weight_momentum", 0.2, 0, 1, "Weight of the momentum score"),
            IndicatorParameter.Number("entry_probability", 0.55, 0.5, 1, "Buy when P(up) is at least this"),
            IndicatorParameter.Number("exit_probability", 0.45, 0, 0.5, "Sell when P(up) is at most this"),
            IndicatorParameter.Period("max_model_age_days", 365, "Days after its training range a model is still used", max: 3650),
        },
        _ => FeatureSpec.Current().Indicators,
        (config, variables) => new MlEnsembleStrategy(config, variables, DirectionModelSources.Default));

    private readonly BotConfig _config;
    private readonly RuleVariables _variables;
    private readonly IDirectionModelSource _source;
    private readonly RulesStrategy _rules;
    private readonly Dictionary<ModelKind, double> _weights;
    private readonly double _entry, _exit;
    private readonly TimeSpan _maxAge;
    private readonly Dictionary<string, SymbolModels> _bySymbol = new(StringComparer.Ordinal); // symbols are upper-case by the time they get here

    public MlEnsembleStrategy(BotConfig config, RuleVariables variables, IDirectionModelSource source)
    {
        _config = config;
        _variables = variables;
        _source = source;
        _rules = new RulesStrategy(config, variables);
        _weights = new Dictionary<ModelKind, double>
        {
            [ModelKind.Lstm] = Parameter("weight_lstm"),
            [ModelKind.Forest] = Parameter("weight_forest"),
            [ModelKind.Momentum] = Parameter("weight_momentum"),
        };
        _entry = Parameter("entry_probability");
        _exit = Parameter("exit_probability");
        _maxAge = TimeSpan.FromDays(Parameter("max_model_age_days"));
    }

    private double Parameter(string name) => _config.Parameters.TryGetValue(name, out var v) ? v : Definition.Parameters.Single(p => p.Name == name).Default;

    private sealed record SymbolModels(FeatureExtractor Extractor, LoadedModels Loaded, float[] Features, FeatureWindow Window)
    {
        public double LastProbability { get; set; } = double.NaN;
        public string? LastFallback { get; set; }
    }

    /// <summary>P(up) after the symbol's last bar; NaN when the rules decided.</summary>
    public double LastProbability(string symbol) => _bySymbol.TryGetValue(symbol, out var s) ? s.LastProbability : double.NaN;

    /// <summary>Why the rules decided the symbol's last bar (null when the models did).</summary>
    public string? LastFallback(string symbol) => _bySymbol.TryGetValue(symbol, out var s) ? s.LastFallback : "no bar seen yet";

    public Signal? OnBar(string symbol, DateTime barStartUtc, IndicatorFrame frame, bool inPosition)
    {
        if (!_bySymbol.TryGetValue(symbol, out var state))
        {
            var loaded = _source.Load(symbol, (int)Parameter("model_version"));
            int window = loaded.Models.Select(m => m.Window).DefaultIfEmpty(1).Max();
            _bySymbol[symbol] = state = new SymbolModels(new FeatureExtractor(_variables), loaded, new float[FeatureExtractor.Count], new FeatureWindow(window, FeatureExtractor.Count));
        }
        bool ready = state.Extractor.Next(frame, barStartUtc, state.Features);
        if (ready) state.Window.Push(state.Features);
        else state.Window.Clear();
        var ruleSignal = _rules.OnBar(symbol, barStartUtc, frame, inPosition); // every bar: rules keep per-bar state
        var (probability, values, problem) = Predict(state, barStartUtc, ready);
        state.LastProbability = probability;
        state.LastFallback = problem;
        if (problem is not null)
            return ruleSignal is null ? null : ruleSignal with { Source = $"{ruleSignal.Source} (ml fallback: {problem})" };
        values["close"] = frame.Values[3];
        var prediction = new MlPrediction(state.Loaded.Info!.Name, MlPrediction.HashOf(state.Features), state.Loaded.Info.Features.LabelHorizon);
        if (!inPosition && probability >= _entry) return new Signal(symbol, barStartUtc, SignalAction.Buy, probability, Id, values) { Prediction = prediction };
        if (inPosition && probability <= _exit) return new Signal(symbol, barStartUtc, SignalAction.Sell, 1 - probability, Id, values) { Prediction = prediction };
        return null;
    }

    /// <summary>The ensemble's P(up) and each member's, or the reason there is none for this bar.</summary>
    private (double Probability, Dictionary<string, double> Values, string? Problem) Predict(SymbolModels state, DateTime barStartUtc, bool ready)
    {
        var loaded = state.Loaded;
        var values = new Dictionary<string, double>();
        if (loaded.Info is not { } info) return (double.NaN, values, loaded.Problem ?? "no model");
        if (info.Features.Version != FeatureSpec.Current().Version) return (double.NaN, values, $"{info.Name} was trained on feature spec v{info.Features.Version}");
        if (barStartUtc <= info.TrainToUtc) return (double.NaN, values, $"bar inside {info.Name}'s training range (in-sample)");
        if (barStartUtc > info.TrainToUtc + _maxAge) return (double.NaN, values, $"{info.Name} is stale (trained to {info.TrainToUtc:yyyy-MM-dd})");
        if (!ready) return (double.NaN, values, "features still warming up");
        if (state.Window.Count < state.Window.Capacity)
            return (double.NaN, values, $"features still warming up ({state.Window.Count} of the {state.Window.Capacity} bars a window needs)");
        double sum = 0, weights = 0;
        foreach (var model in loaded.Models)
        {
            double weight = _weights[model.Kind];
            if (weight <= 0) continue;
            double p = model.Probability(state.Window.Last(model.Window));
            values[$"p_{model.Kind.ToString().ToLowerInvariant()}"] = p;
            sum += weight * p;
            weights += weight;
        }
        if (weights <= 0) return (double.NaN, values, $"{info.Name} has none of the weighted models");
        double probability = sum / weights;
        values["p_up"] = probability;
        values["model_version"] = info.Version;
        return (probability, values, null);
    }
}
