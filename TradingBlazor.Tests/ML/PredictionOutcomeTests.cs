using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Data.Trading;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.ML;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.ML;

/// <summary>
/// Every ml_ensemble signal keeps its prediction in the journal; once the label horizon has passed its outcome is
/// filled in from the stored bars, shown with the bot's signals and scored per model beside buy-and-hold in its report.
/// </summary>
public sealed class PredictionOutcomeTests
{
    private static readonly Domain.Indicators.Framework.Ohlcv[] Bars = MlSeries.Planted(900, seed: 4);
    private static readonly Lazy<TrainedModels> Trained = new(() => ModelTrainer.Train(HonestyTests.Request(Bars[..500])));

    [Fact]
    public void Ml_signals_carry_their_model_features_hash_and_horizon_and_the_same_features_give_the_same_hash()
    {
        var config = new BotConfig { Name = "ml", Symbols = { "TEST" }, Timeframe = "1d", Strategy = MlEnsembleStrategy.Id, Parameters = new() { ["entry_probability"] = 0.5 } };
        List<Signal> Run()
        {
            var bot = BotConfigValidator.CompileOrThrow(config);
            var strategy = new MlEnsembleStrategy(config, bot.Variables, new FixedModels(new LoadedModels(HonestyTests.Info(Trained.Value), Trained.Value.Members, null)));
            var frame = new IndicatorFrame(bot.Variables, 14);
            var signals = new List<Signal>();
            foreach (var bar in Bars)
            {
                frame.Update(in bar);
                if (strategy.OnBar("TEST", DateTime.UnixEpoch.AddMilliseconds(bar.TimeMs), frame, false) is { } s) signals.Add(s);
            }
            return signals;
        }
        var first = Run();
        Assert.NotEmpty(first);
        Assert.All(first, s =>
        {
            var p = Assert.IsType<MlPrediction>(s.Prediction);
            Assert.Equal("TEST v1", p.Model);
            Assert.Matches("^[0-9a-f]{16}$", p.FeaturesHash);
            Assert.Equal(1, p.Horizon);
            Assert.Null(p.ActualUp);
        });
        Assert.True(first.Select(s => s.Prediction!.FeaturesHash).Distinct().Count() > first.Count / 2, "different bars, different features");
        Assert.Equal(first.Select(s => s.Prediction!.FeaturesHash), Run().Select(s => s.Prediction!.FeaturesHash));
    }

    [Fact]
    public async Task Outcomes_are_filled_in_once_the_horizon_has_passed_shown_on_the_bot_and_scored_in_its_report()
    {
        await using var app = await TestApp.StartAsync();
        await StoredSpx.StoreAsync(app.Services, 40);
        var store = app.Services.GetRequiredService<IBarStore>();
        var bars = await store.GetBarsAsync("SPX", Timeframe.Day1, DateTime.UnixEpoch, DateTime.UtcNow);
        var db = app.Services.GetRequiredService<IDbContextFactory<TradingDbContext>>();
        long botId;
        await using (var c = await db.CreateDbContextAsync())
        {
            var config = new BotConfig { Name = "ml spx", Symbols = { "SPX" }, Timeframe = "1d", Strategy = MlEnsembleStrategy.Id };
            var bot = new BotRecord { Name = config.Name, ConfigJson = config.ToJson(), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            c.Bots.Add(bot);
            await c.SaveChangesAsync();
            botId = bot.Id;
        }

        // Three predictions: two whose next close is stored, one on the last stored bar (its outcome is not known yet).
        var journal = new StoreJournal(db, botId, new FakeTimeProvider(bars[^1].StartUtc));
        int[] at = { 30, 31, bars.Count - 1 };
        foreach (var i in at)
        {
            var values = new Dictionary<string, double> { ["p_forest"] = 0.7, ["p_momentum"] = 0.4, ["p_up"] = 0.58, ["close"] = (double)bars[i].Close };
            var signal = new Signal("SPX", bars[i].StartUtc, SignalAction.Buy, 0.58, MlEnsembleStrategy.Id, values) { Prediction = new MlPrediction("SPX v1", $"{i:x16}", 1) };
            await journal.SignalAsync(new SignalOutcome(signal, false, null));
        }
        bool[] up = at[..2].Select(i => bars[i + 1].Close > bars[i].Close).ToArray();

        var outcomes = app.Services.GetRequiredService<PredictionOutcomes>();
        Assert.Equal(2, await outcomes.ResolveAsync(botId));
        Assert.Equal(0, await outcomes.ResolveAsync(botId)); // written once
        await using (var c = await db.CreateDbContextAsync())
        {
            var stored = await c.Signals.AsNoTracking().Where(s => s.BotId == botId).OrderBy(s => s.Timestamp).ToListAsync(); // the demo bots signal too
            Assert.Equal(new bool?[] { up[0], up[1], null }, stored.Select(s => s.ActualUp));
            Assert.All(stored, s => Assert.Equal(("SPX v1", 1), (s.PredictionModel, s.LabelHorizon)));
        }

        var detail = await app.Services.GetRequiredService<IBotDetailService>().LoadAsync(botId);
        var shown = detail!.Signals.OrderBy(s => s.TimeUtc).Select(s => s.Prediction).ToList();
        Assert.Equal(new bool?[] { up[0], up[1], null }, shown.Select(p => p!.ActualUp));
        Assert.Equal($"{30:x16}", shown[0]!.FeaturesHash);

        var report = await app.Services.GetRequiredService<ReportService>().BuildAsync(ReportScope.Bot(botId), new DateOnly(2000, 1, 1), new DateOnly(2000, 3, 31));
        var score = report!.Predictions!;
        Assert.Equal((3, 2), (score.Signals, score.Resolved));
        int ups = up.Count(u => u);
        // The forest (0.7) and the ensemble (0.58) called up, momentum (0.4) down; buy-and-hold always calls up.
        Assert.Equal(new[] { "ensemble", "forest", "momentum" }, score.Models.Select(m => m.Model));
        Assert.Equal(new[] { ups, ups, 2 - ups }, score.Models.Select(m => m.Hits));
        Assert.All(score.Models, m => Assert.Equal(2, m.Predictions));
        Assert.Equal((2, ups), (score.BuyAndHold.Predictions, score.BuyAndHold.Hits));

        var portfolio = await app.Services.GetRequiredService<ReportService>().BuildAsync(ReportScope.Portfolio, new DateOnly(2000, 1, 1), new DateOnly(2000, 3, 31));
        Assert.Null(portfolio!.Predictions);
    }
}
