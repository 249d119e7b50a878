using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Reports.Divergence;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Tests.Reports;

/// <summary>
/// A worked divergence on the report calculator's week (bot 1 "A", 15-minute bars): AAPL agrees, SPY filled 25 cents
/// higher live, and the backtest's Friday AAPL entry was rejected at approval live.
/// </summary>
public static class DivergenceSamples
{
    public static readonly TimeSpan Bar = TimeSpan.FromMinutes(15);
    private static DateTime Utc(int day, int hour, int minute = 0) => new(2025, 3, day, hour, minute, 0, DateTimeKind.Utc);

    public static TradeLeg Leg(string symbol, DateTime entry, decimal price, decimal quantity, DateTime? exit, decimal? exitPrice, string? reason = "signal") =>
        new(symbol, OrderSide.Buy, entry, price, quantity, exit, exitPrice, exit is null ? null : (exitPrice - price) * quantity, exit is null ? null : reason, entry - Bar);

    public static readonly TradeLeg[] Live =
    {
        Leg("AAPL", Utc(3, 15), 100m, 10m, Utc(4, 15), 120m),
        Leg("SPY", Utc(5, 15), 500.25m, 5m, Utc(5, 18), 480m, "stop"),
    };

    public static readonly TradeLeg[] Backtest =
    {
        Leg("AAPL", Utc(3, 15), 100m, 10m, Utc(4, 15), 120m),
        Leg("SPY", Utc(5, 15), 500m, 5m, Utc(5, 18), 480m, "stop"),
        Leg("AAPL", Utc(7, 14, 45), 110m, 5m, Utc(7, 15), 120m, "target"),
    };

    public static readonly LiveJournal Journal = new(
        new[] { new LiveSignal("AAPL", Utc(7, 14, 30), SignalAction.Buy, false, "rejected by trader: rejected", "tb1-aapl") },
        new[] { new LiveApproval("tb1-aapl", ApprovalStatus.Rejected, "rejected") }, Array.Empty<LiveOrder>(), Utc(3, 14, 45), 1);

    public static BotDivergence Bot()
    {
        var (trades, summary) = DivergenceMatcher.Match(new DivergenceInputs(Live, Backtest, Journal, Array.Empty<SignalOutcome>(), Bar));
        var live = Report("A", Live);
        var backtest = Report("A (backtest)", Backtest);
        var figures = ReportFigures.Of(live).Zip(ReportFigures.Of(backtest), (l, b) => new FigurePair(l, b)).ToList();
        return new BotDivergence(1, "A", Monday, Monday.AddDays(4), 1, "Simulated market", backtest, figures, trades, summary);
    }

    public static DivergenceReport ForBot() => new(ReportScope.Bot(1), Monday, Monday.AddDays(4), new[] { Bot() }, Array.Empty<DivergenceFailure>());

    public static DivergenceReport ForPortfolio() => new(ReportScope.Portfolio, Monday, Monday.AddDays(4), new[] { Bot() },
        new[] { new DivergenceFailure(2, "B", "No recorded 1m bars of QQQ to backtest the period on.") });

    private static readonly DateOnly Monday = new(2025, 3, 3);

    private static PerformanceReport Report(string title, IEnumerable<TradeLeg> legs)
    {
        long id = 0;
        var trades = legs.Where(l => !l.IsOpen).Select(l => new ReportTrade(++id, 1, "A", l.Symbol, l.Quantity, l.EntryPrice, l.EntryUtc, l.ExitPrice!.Value,
            l.ExitUtc!.Value, l.Pnl!.Value, 0m, l.ExitReason)).ToList();
        return ReportCalculator.Compute(new ReportInputs(ReportScope.Bot(1), title, Monday, Monday.AddDays(4), 10_000m, 0m, trades,
            trades.Select(t => new HoldingSpan(t.EntryUtc, t.ExitUtc)).ToList(), new NyseCalendar().SessionsBetween(Monday, Monday.AddDays(4)).Select(s => s.Date).ToList()));
    }
}
