using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Reports;
using TradingBlazor.Engine.Reports.Divergence;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Cli;

/// <summary>Synthetic backtest-vs-live inputs for <c>bench reports</c>: the report's trades as the backtest, live missing or repricing some.</summary>
public static class DivergenceBench
{
    public static DivergenceInputs Inputs(IReadOnlyList<ReportTrade> trades)
    {
        var bar = TimeSpan.FromMinutes(1);
        TradeLeg Leg(ReportTrade t) => new(t.Symbol, OrderSide.Buy, t.EntryUtc, t.EntryPrice, t.Quantity, t.ExitUtc, t.ExitPrice, t.Pnl, t.ExitReason, t.EntryUtc - bar, t.Fees);
        var backtest = trades.Select(Leg).ToList();
        var live = new List<TradeLeg>(trades.Count);
        var signals = new List<LiveSignal>();
        for (int i = 0; i < backtest.Count; i++)
        {
            var b = backtest[i];
            signals.Add(new LiveSignal(b.Symbol, b.SignalUtc!.Value, SignalAction.Buy, i % 10 != 3, i % 10 == 3 ? "BotPaused: The bot is paused: no new entries." : "executed", null));
            if (i % 10 == 3) continue;
            live.Add(i % 10 == 7 ? b with { EntryUtc = b.EntryUtc.AddSeconds(2), EntryPrice = b.EntryPrice + 0.03m } : b);
        }
        return new DivergenceInputs(live, backtest, new LiveJournal(signals, [], [], backtest.Min(b => b.SignalUtc), 1), [], bar);
    }
}
