using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Pages;
using TradingBlazor.Components.Reports;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Bots;
using TradingBlazor.Engine.ML;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

/// <summary>An ML bot's signals show their model, features hash and outcome; its report's hit rates sit beside buy-and-hold's.</summary>
public sealed class SignalPredictionTests : ComponentTestBase
{
    private static readonly DateTime Bar = new(2025, 3, 11, 14, 30, 0, DateTimeKind.Utc);
    private readonly FakeBotDetailService _details = new();

    public SignalPredictionTests() => Ctx.Services.AddSingleton<IBotDetailService>(_details);

    private static SignalView Signal(long id, SignalAction action, double pUp, bool? actualUp, MlPrediction? prediction = null) =>
        new(id, 3, "SPX", Bar.AddDays(-id), action, action == SignalAction.Buy ? pUp : 1 - pUp, "ml_ensemble",
            new Dictionary<string, double?> { ["p_forest"] = 0.61, ["p_momentum"] = 0.52, ["p_up"] = pUp }, true, "executed", null)
        {
            Prediction = prediction ?? new MlPrediction("SPX v2", "a1b2c3d4e5f60718", 1) { ActualUp = actualUp },
        };

    [Fact]
    public void Each_ml_signal_shows_its_model_and_features_and_once_known_whether_it_hit()
    {
        var card = FakeBotsService.Bot(3, "ML SPX", BotStatus.Running, equity: 10_000m, pnl: 0m);
        var ledger = new BotLedgerView(10_000m, 10_000m, 0m, 10_000m, 0m, 0m, Array.Empty<BotPositionView>());
        var signals = new[]
        {
            Signal(1, SignalAction.Buy, 0.62, actualUp: true),
            Signal(2, SignalAction.Sell, 0.40, actualUp: true),
            Signal(3, SignalAction.Buy, 0.58, actualUp: null),
            new SignalView(4, 3, "SPX", Bar, SignalAction.Buy, 0.9, "entry.rule (ml fallback: no model for SPX)", new Dictionary<string, double?> { ["close"] = 10 }, true, "executed", null),
        };
        _details.Bots[3] = new BotDetailView(card, "1d", ledger, Array.Empty<OrderView>(), signals, Array.Empty<TradeView>(), Array.Empty<EquityPoint>());
        Render<BotDetail>(p => p.Add(x => x.Id, 3));

        var hit = ByTestId("signal-1-prediction");
        foreach (var part in new[] { "SPX v2", "#a1b2c3d4e5f60718", "after 1 bar(s): up" }) Assert.Contains(part, hit.TextContent);
        Assert.Equal("hit", hit.QuerySelector("[data-testid=prediction-outcome]")!.TextContent.Trim());
        Assert.Equal("miss", ByTestId("signal-2-prediction").QuerySelector("[data-testid=prediction-outcome]")!.TextContent.Trim()); // sold, and it rose
        Assert.Equal("outcome after 1 bar(s)", ByTestId("signal-3-prediction").QuerySelector("[data-testid=prediction-outcome]")!.TextContent.Trim());
        Assert.Contains("p_forest 0.61", ByTestId("signal-1").TextContent);
        Assert.False(HasTestId("signal-4-prediction")); // the rules decided: nothing predicted
    }

    [Fact]
    public void The_reports_predictions_table_puts_each_model_beside_buy_and_hold()
    {
        var score = new PredictionScore(5, 4, new[] { new ModelHitRate("ensemble", 4, 3), new ModelHitRate("forest", 4, 2) }, new ModelHitRate("buy and hold", 4, 1));
        Render<ModelHitRates>(p => p.Add(x => x.Score, score));
        Assert.Contains("5 ML signal(s) in the period, 4 with a known outcome", ByTestId("report-predictions").TextContent);
        Assert.Contains("75.0%", ByTestId("hit-rate-ensemble").TextContent);
        Assert.Contains("50.0%", ByTestId("hit-rate-forest").TextContent);
        Assert.Contains("25.0%", ByTestId("hit-rate-buy-and-hold").TextContent);
    }
}
