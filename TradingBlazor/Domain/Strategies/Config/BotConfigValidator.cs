using System.Globalization;
using TradingBlazor.Domain.Indicators.Registry;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Rules;

namespace TradingBlazor.Domain.Strategies.Config;

/// <summary>A field-level problem, e.g. ("risk.stop_loss", "must be between 0 and 1"); a rule expression's also says where in it.</summary>
public sealed record ConfigError(string Field, string Message, int? Position = null);

/// <summary>A validated bot: its parsed pieces, ready for the backtester and the live engine.</summary>
public sealed class CompiledBot
{
    public required BotConfig Config { get; init; }
    public required Timeframe Timeframe { get; init; }
    public required TimeOnly WindowStart { get; init; }
    public required TimeOnly WindowEnd { get; init; }
    public required RuleVariables Variables { get; init; }
    public required StrategyDefinition Strategy { get; init; }

    public IStrategy CreateStrategy() => Strategy.Create(Config, Variables);

    /// <summary>Entries are allowed at this New York time (intraday bars; daily bars trade at their close).</summary>
    public bool InWindow(TimeOnly easternTime) => Timeframe.IsDaily || (easternTime >= WindowStart && easternTime < WindowEnd);
}

/// <summary>Validates a <see cref="BotConfig"/> and reports every problem with its field path.</summary>
public static class BotConfigValidator
{
    /// <summary>Most symbols one bot trades: each is a live subscription and a series in every backtest.</summary>
    public const int MaxSymbols = 100;
    /// <summary>Most indicator specs one bot computes.</summary>
    public const int MaxIndicators = 100;

    public static IReadOnlyList<ConfigError> Validate(BotConfig config) => Compile(config).Errors;

    /// <summary>Compiles a config; throws <see cref="BotConfigException"/> on the first problem (use <see cref="Compile"/> for all).</summary>
    public static CompiledBot CompileOrThrow(BotConfig config)
    {
        var (bot, errors) = Compile(config);
        if (errors.Count > 0) throw new BotConfigException(errors[0].Field, errors[0].Message);
        return bot!;
    }

    public static (CompiledBot? Bot, IReadOnlyList<ConfigError> Errors) Compile(BotConfig c)
    {
        var errors = new List<ConfigError>();
        void Error(string field, string message) => errors.Add(new ConfigError(field, message));

        if (c.Version != BotConfig.CurrentVersion) Error("version", $"must be {BotConfig.CurrentVersion} (got {c.Version}).");
        if (string.IsNullOrWhiteSpace(c.Name)) Error("name", "is required.");
        else if (c.Name.Length > 80) Error("name", "must be at most 80 characters.");
        if (c.Symbols.Count == 0) Error("symbols", "must list at least one symbol.");
        else if (c.Symbols.Count > MaxSymbols) Error("symbols", $"must list at most {MaxSymbols} symbols.");
        for (int i = 0; i < c.Symbols.Count; i++)
            if (string.IsNullOrWhiteSpace(c.Symbols[i]) || c.Symbols[i].Length > 12 || !c.Symbols[i].All(ch => char.IsLetterOrDigit(ch) || ch is '.' or '-'))
                Error($"symbols[{i}]", $"'{c.Symbols[i]}' is not a valid symbol.");
        if (c.Capital <= 0) Error("capital", "must be greater than 0.");

        Timeframe? timeframe = null;
        try { timeframe = Timeframe.Parse(c.Timeframe); } catch (FormatException ex) { Error("timeframe", ex.Message); }
        if (c.CheckEvery is { } every)
        {
            try { if (Timeframe.Parse(every).Duration < (timeframe?.Duration ?? TimeSpan.Zero)) Error("check_every", "cannot be shorter than the timeframe."); }
            catch (FormatException ex) { Error("check_every", ex.Message); }
        }
        var start = ParseTime(c.TradingWindow.Start, "trading_window.start", errors);
        var end = ParseTime(c.TradingWindow.End, "trading_window.end", errors);
        if (start is { } s && end is { } e && s >= e) Error("trading_window.end", "must be after the start.");

        var strategy = StrategyRegistry.Find(c.Strategy);
        if (strategy is null) Error("strategy", $"unknown strategy '{c.Strategy}'; known: {string.Join(", ", StrategyRegistry.All.Select(d => d.Id))}.");
        foreach (var p in strategy?.Parameters ?? Array.Empty<IndicatorParameter>())
            if (c.Parameters.TryGetValue(p.Name, out var value) && p.Check(value) is { } problem) Error($"parameters.{p.Name}", problem);

        // The strategy's own parameters were checked above; any other must still be a value the store can write.
        foreach (var (name, value) in c.Parameters.Where(p => strategy?.Parameters.Any(d => d.Name == p.Key) != true))
            if (!double.IsFinite(value)) Error($"parameters.{name}", "must be a finite number.");
        if (c.Indicators.Count > MaxIndicators) Error("indicators", $"must list at most {MaxIndicators} indicators.");

        var specs = new List<IndicatorSpec>();
        var texts = c.Indicators.Select((t, i) => (t ?? "", $"indicators[{i}]")).ToList();
        if (strategy is not null && errors.Count == 0) texts.AddRange(strategy.RequiredIndicators(c).Select(t => (t, "strategy")));
        foreach (var (text, field) in texts)
        {
            try
            {
                var spec = IndicatorSpec.Parse(text, IndicatorCatalog.Default);
                if (specs.All(x => x.Key != spec.Key)) specs.Add(spec);
            }
            catch (IndicatorSpecException ex) { Error(field, ex.Message); }
        }

        var variables = new RuleVariables(specs);
        if (strategy?.Id == RulesStrategy.Id && c.Entry is null) Error("entry", "the rules strategy needs an entry rule.");
        if (strategy?.Id is RulesStrategy.Id or MlEnsembleStrategy.Id) // the ML strategy falls back to its rules
        {
            CheckRule(c.Entry, "entry", variables, errors);
            CheckRule(c.Exit, "exit", variables, errors);
        }

        var r = c.Risk;
        Fraction(r.PositionFraction, "risk.position_fraction", errors);
        Fraction(r.StopLoss, "risk.stop_loss", errors);
        Fraction(r.TakeProfit, "risk.take_profit", errors, max: 100m);
        Fraction(r.TrailingStop, "risk.trailing_stop", errors);
        Fraction(r.MaxDailyLoss, "risk.max_daily_loss", errors);
        Fraction(r.MaxDrawdown, "risk.max_drawdown", errors);
        Fraction(r.MaxPositionSize, "risk.max_position_size", errors);
        Fraction(r.MaxExposure, "risk.max_exposure", errors);
        Fraction(r.RiskPerTrade, "risk.risk_per_trade", errors);
        foreach (var (value, field) in new[] { (r.StopLossAtr, "risk.stop_loss_atr"), (r.TakeProfitAtr, "risk.take_profit_atr"), (r.TrailingStopAtr, "risk.trailing_stop_atr"), ((decimal?)r.AtrStopMultiple, "risk.atr_stop_multiple") })
            if (value is { } v && (v <= 0 || v > 50)) Error(field, "must be greater than 0 and at most 50.");
        if (r.PositionAmount is { } amount && amount <= 0) Error("risk.position_amount", "must be greater than 0.");
        if (r.PositionSizing == PositionSizing.FixedAmount && r.PositionAmount is null) Error("risk.position_amount", "is required for fixed_amount sizing.");
        if (r.MaxOpenPositions < 1) Error("risk.max_open_positions", "must be at least 1.");
        if (r.AtrPeriod is < 1 or > 1000) Error("risk.atr_period", "must be between 1 and 1000.");
        var x = c.Execution;
        // Written so that NaN, which no comparison holds for, fails each test too.
        if (x.ConfidenceThreshold is { } single && single is not (>= 0 and <= 1)) Error("execution.confidence_threshold", "must be between 0 and 1.");
        if (x.AutoThreshold is not (>= 0 and <= 1)) Error("execution.auto_threshold", "must be between 0 and 1.");
        if (x.ApprovalThreshold is not (>= 0 and <= 1)) Error("execution.approval_threshold", "must be between 0 and 1.");
        else if (x.ConfidenceThreshold is null && x.AutoThreshold is >= 0 and <= 1 && x.ApprovalThreshold > x.AutoThreshold) Error("execution.approval_threshold", "cannot be above the auto threshold.");
        if (x.ApprovalTimeoutMinutes is < 1 or > 1440) Error("execution.approval_timeout_minutes", "must be between 1 and 1440.");
        if (x.MaxPriceDrift is <= 0 or > 1) Error("execution.max_price_drift", "must be greater than 0 and at most 1 (a fraction: 0.01 = 1%).");
        if (r.FlattenMinutesBeforeClose is < 1 or > 390) Error("risk.flatten_minutes_before_close", "must be between 1 and 390.");

        if (errors.Count > 0) return (null, errors);
        return (new CompiledBot { Config = c, Timeframe = timeframe!, WindowStart = start!.Value, WindowEnd = end!.Value, Variables = variables, Strategy = strategy! }, errors);
    }

    private static void CheckRule(SignalRule? rule, string field, RuleVariables variables, List<ConfigError> errors)
    {
        if (rule is null) return;
        if (rule.Confidence is not (>= 0 and <= 1)) errors.Add(new ConfigError($"{field}.confidence", "must be between 0 and 1."));
        try { RuleParser.Compile(rule.Rule, variables, $"{field}.rule"); }
        catch (RuleParseException ex) { errors.Add(new ConfigError(ex.Path, ex.Problem, ex.Position)); }
    }

    private static void Fraction(decimal? value, string field, List<ConfigError> errors, decimal max = 1m)
    {
        if (value is { } v && (v <= 0 || v > max)) errors.Add(new ConfigError(field, $"must be greater than 0 and at most {max} (a fraction: 0.02 = 2%)."));
    }

    private static TimeOnly? ParseTime(string text, string field, List<ConfigError> errors)
    {
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t;
        errors.Add(new ConfigError(field, $"'{text}' is not a time in the form HH:mm (New York time)."));
        return null;
    }
}
