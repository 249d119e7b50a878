using TradingBlazor.Domain.MarketData;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Strategies.Config;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>Where backtest bars come from.</summary>
public enum BacktestSource
{
    /// <summary>The simulated market's history (deterministic from its seed).</summary>
    Simulated,
    /// <summary>Bars imported into the store (CSV, Alpaca downloads).</summary>
    Store,
}

/// <summary>Everything a backtest run needs; stored with the run so it can be reproduced exactly.</summary>
public sealed record BacktestRequest
{
    public required BotConfig Config { get; init; }
    /// <summary>Overrides the config's symbols.</summary>
    public List<string>? Symbols { get; init; }
    public DateOnly From { get; init; }
    public DateOnly To { get; init; }
    public BacktestSource Source { get; init; } = BacktestSource.Simulated;
    public decimal? Capital { get; init; }
    public bool? FractionalShares { get; init; }
    public decimal CommissionPerOrder { get; init; }
    public decimal CommissionPerShare { get; init; }
    /// <summary>Percent of notional (0.1 = 0.1%).</summary>
    public decimal CommissionPercent { get; init; }
    public decimal SlippageBps { get; init; }
    public decimal SlippageAtr { get; init; }
    public FillTiming FillTiming { get; init; } = FillTiming.NextOpen;
    public EndOfData EndOfData { get; init; } = EndOfData.MarkToMarket;

    public static readonly JsonSerializerOptions Json = new(BotConfig.Json);

    public IReadOnlyList<string> EffectiveSymbols => (Symbols is { Count: > 0 } ? Symbols : Config.Symbols).Select(s => s.Trim().ToUpperInvariant()).ToList();

    public BacktestOptions ToOptions() => new()
    {
        Capital = Capital,
        FractionalShares = FractionalShares,
        EndOfData = EndOfData,
        Fill = new FillModel(FillTiming, new CommissionModel(CommissionPerOrder, CommissionPerShare, CommissionPercent / 100m),
            new SlippageModel(SlippageBps, SlippageAtr), FractionalShares ?? Config.Risk.FractionalShares),
    };

    /// <summary>Field-level problems (config fields are prefixed "config.").</summary>
    public IReadOnlyList<ConfigError> Validate(DateOnly today)
    {
        var errors = BotConfigValidator.Validate(Config).Select(e => e with { Field = "config." + e.Field }).ToList();
        if (From == default) errors.Add(new ConfigError("from", "is required (yyyy-MM-dd)."));
        if (To == default) errors.Add(new ConfigError("to", "is required (yyyy-MM-dd)."));
        if (From != default && To != default && To < From) errors.Add(new ConfigError("to", "must not be before 'from'."));
        if (From != default && From < new DateOnly(2000, 1, 3) && Source == BacktestSource.Simulated) errors.Add(new ConfigError("from", "the simulated market starts on 2000-01-03."));
        if (To != default && To > today) errors.Add(new ConfigError("to", "must not be in the future."));
        if (Capital is <= 0) errors.Add(new ConfigError("capital", "must be greater than 0."));
        foreach (var (value, field) in new[] { (CommissionPerOrder, "commission_per_order"), (CommissionPerShare, "commission_per_share"), (CommissionPercent, "commission_percent"), (SlippageBps, "slippage_bps"), (SlippageAtr, "slippage_atr") })
            if (value < 0) errors.Add(new ConfigError(field, "must not be negative."));
        if (Symbols is { Count: > 10 } || Config.Symbols.Count > 10) errors.Add(new ConfigError("symbols", "at most 10 symbols per backtest."));
        return errors;
    }

    /// <summary>
    /// About how many bars the run replays: weekdays in the range (holidays counted as sessions) times bars per
    /// regular session (390 minutes) for every symbol. Enough to refuse a run the machine cannot hold.
    /// </summary>
    public long EstimatedBars(Timeframe timeframe)
    {
        if (From == default || To < From) return 0;
        long sessions = 0;
        for (var day = From; day <= To; day = day.AddDays(1))
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) sessions++;
        long perSession = timeframe.IsDaily ? 1 : (long)Math.Ceiling(390 / timeframe.Duration.TotalMinutes);
        return sessions * perSession * EffectiveSymbols.Count;
    }
}
