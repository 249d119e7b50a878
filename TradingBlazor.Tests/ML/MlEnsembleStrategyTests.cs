using System.Text.Json;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.ML;

namespace TradingBlazor.Tests.ML;

/// <summary>The ml_ensemble plug-in: registered, weighted as configured, calibrated confidence, and the rules when models fail.</summary>
public class MlEnsembleStrategyTests
{
    private static readonly Domain.Indicators.Framework.Ohlcv[] Bars = MlSeries.Planted(900, seed: 4);
    private static readonly Lazy<TrainedModels> Trained = new(() => ModelTrainer.Train(HonestyTests.Request(Bars[..500])));

    private static BotConfig Config(Dictionary<string, double>? parameters = null, string? entry = null) => new()
    {
        Name = "ml bot", Symbols = { "TEST" }, Timeframe = "1d", Strategy = MlEnsembleStrategy.Id,
        Parameters = parameters ?? new(),
        Entry = entry is null ? null : new SignalRule { Rule = JsonSerializer.SerializeToElement(entry), Confidence = 0.9 },
    };

    /// <summary>Every signal of a strategy over the bars, fed as a bot feeds it (flat throughout).</summary>
    private static List<Signal> Run(BotConfig config, IDirectionModelSource source, bool inPosition = false)
    {
        var bot = BotConfigValidator.CompileOrThrow(config);
        var strategy = new MlEnsembleStrategy(config, bot.Variables, source);
        var frame = new IndicatorFrame(bot.Variables, 14);
        var signals = new List<Signal>();
        foreach (var bar in Bars)
        {
            frame.Update(in bar);
            if (strategy.OnBar("TEST", DateTime.UnixEpoch.AddMilliseconds(bar.TimeMs), frame, inPosition) is { } s) signals.Add(s);
        }
        return signals;
    }

    private static IDirectionModelSource Models => new FixedModels(new LoadedModels(HonestyTests.Info(Trained.Value), Trained.Value.Members, null));

    [Fact]
    public void The_plug_in_is_registered_with_the_design_weights_and_checks_its_parameters()
    {
        var definition = StrategyRegistry.Find("ml_ensemble");
        Assert.NotNull(definition);
        var defaults = definition.Parameters.ToDictionary(p => p.Name, p => p.Default);
        Assert.Equal((0.5, 0.3, 0.2), (defaults["weight_lstm"], defaults["weight_forest"], defaults["weight_momentum"]));
        Assert.NotNull(BotConfigValidator.CompileOrThrow(Config()).Variables);
        var errors = BotConfigValidator.Validate(Config(new() { ["weight_forest"] = 2 }));
        Assert.Equal("parameters.weight_forest", Assert.Single(errors).Field);
        Assert.Contains(BotConfigValidator.Validate(Config(entry: "nonsense >")), e => e.Field.StartsWith("entry", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_weights_are_spread_over_the_models_present_and_confidence_is_the_bet_direction_probability()
    {
        var buys = Run(Config(new() { ["entry_probability"] = 0.5 }), Models);
        Assert.NotEmpty(buys);
        foreach (var s in buys)
        {
            Assert.Equal(SignalAction.Buy, s.Action);
            Assert.Equal(MlEnsembleStrategy.Id, s.Source);
            Assert.Equal((0.3 * s.Values["p_forest"] + 0.2 * s.Values["p_momentum"]) / 0.5, s.Values["p_up"], 12);
            Assert.Equal(s.Values["p_up"], s.Confidence);
            Assert.True(s.TimeUtc > Trained.Value.Metrics.TrainToUtc, "no prediction inside the training range");
        }
        var sells = Run(Config(new() { ["exit_probability"] = 0.5 }), Models, inPosition: true);
        Assert.All(sells, s => Assert.Equal(1 - s.Values["p_up"], s.Confidence, 12));

        var forestOnly = Run(Config(new() { ["entry_probability"] = 0.5, ["weight_lstm"] = 0, ["weight_momentum"] = 0, ["weight_forest"] = 1 }), Models);
        Assert.All(forestOnly, s => { Assert.Equal(s.Values["p_forest"], s.Values["p_up"]); Assert.False(s.Values.ContainsKey("p_momentum")); });
    }

    [Fact]
    public void Without_a_usable_model_the_rules_decide_and_the_signal_says_why()
    {
        var config = Config(entry: "close > 0");
        var missing = Run(config, new FixedModels(LoadedModels.Missing("no model for TEST")));
        Assert.Equal(Bars.Length, missing.Count);
        Assert.All(missing, s => Assert.Equal("entry.rule (ml fallback: no model for TEST)", s.Source));
        Assert.All(missing, s => Assert.Equal(0.9, s.Confidence));

        var trained = Run(config, Models);
        var inSample = trained.Where(s => s.TimeUtc <= Trained.Value.Metrics.TrainToUtc).ToArray();
        Assert.NotEmpty(inSample);
        Assert.All(inSample, s => Assert.Contains("ml fallback: ", s.Source));
        Assert.Contains(inSample, s => s.Source.EndsWith("ml fallback: bar inside TEST v1's training range (in-sample))", StringComparison.Ordinal));

        var stale = Run(config with { Parameters = new() { ["max_model_age_days"] = 30 } }, Models);
        Assert.Contains(stale, s => s.Source.Contains("is stale", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ml_bot_backtests_like_any_other()
    {
        var compiled = BotConfigValidator.CompileOrThrow(Config(new() { ["entry_probability"] = 0.5, ["exit_probability"] = 0.5 }));
        var bot = new CompiledBot
        {
            Config = compiled.Config, Timeframe = compiled.Timeframe, WindowStart = compiled.WindowStart, WindowEnd = compiled.WindowEnd,
            Variables = compiled.Variables,
            Strategy = compiled.Strategy with { Create = (c, v) => new MlEnsembleStrategy(c, v, Models) },
        };
        var bars = Bars.Select(b => new Bar("TEST", Timeframe.Day1, DateTime.UnixEpoch.AddMilliseconds(b.TimeMs),
            (decimal)b.Open, (decimal)b.High, (decimal)b.Low, (decimal)b.Close, (decimal)b.Volume)).ToList();
        var result = new Backtester(bot).Run(new Dictionary<string, IReadOnlyList<Bar>> { ["TEST"] = bars });
        Assert.NotEmpty(result.Trades);
        Assert.All(result.Signals, s => Assert.Equal(MlEnsembleStrategy.Id, s.Signal.Source));
        Assert.All(result.Trades, t => Assert.True(t.EntryTimeUtc > Trained.Value.Metrics.TrainToUtc));
    }
}
