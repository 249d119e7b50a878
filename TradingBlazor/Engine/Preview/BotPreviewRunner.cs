using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Charts;
using TradingBlazor.Engine.Trading;

namespace TradingBlazor.Engine.Preview;

/// <summary>
/// Runs a bot's config over the last days of its symbols' bars, from the source each symbol charts from (the broker,
/// the simulation or imported history), through the backtester's pipeline; earlier bars only warm the indicators up.
/// </summary>
public sealed class BotPreviewRunner(ChartSourceResolver sources)
{
    public const int MaxDays = 365;

    public async Task<BotPreview> RunAsync(CompiledBot bot, int days, CancellationToken ct = default)
    {
        if (days is < 1 or > MaxDays) throw new ArgumentOutOfRangeException(nameof(days), $"A preview covers 1 to {MaxDays} days.");
        var data = new Dictionary<string, IReadOnlyList<Bar>>();
        var names = new List<string>();
        DateTime? tradeFrom = null;
        foreach (var symbol in bot.Config.Symbols.Select(s => s.Trim().ToUpperInvariant()).Distinct())
        {
            var source = await sources.ResolveAsync(symbol, bot.Timeframe, ct);
            var now = source.Now();
            var from = now - TimeSpan.FromDays(days);
            var bars = await source.History.GetBarsAsync(symbol, bot.Timeframe, from - WarmUp(bot), now, ct);
            if (!bars.Any(b => b.StartUtc >= from))
                throw new InvalidOperationException($"No {bot.Timeframe} bars for {symbol} in the last {days} days ({source.Name}).");
            data[symbol] = bars;
            if (!names.Contains(source.Name)) names.Add(source.Name);
            tradeFrom = tradeFrom is { } t && t < from ? t : from;
        }
        var result = await Task.Run(() => new Backtester(bot, new BacktestOptions { TradeFromUtc = tradeFrom }).Run(data, ct: ct), ct);
        // The backtest acted on everything that passed risk; the live gate says which of those would have waited.
        var gate = new ApprovalGate(bot.Config.Execution, approveAll: false, window: null);
        var signals = result.Signals.Select(o => o.Rejection is { } r
                ? new PreviewSignal(o.Signal.Symbol, o.Signal.TimeUtc, o.Signal.Action, o.Signal.Confidence, PreviewOutcome.Refused, r.Code, r.Message)
                : Judged(o.Signal, gate))
            .ToList();
        return new BotPreview(tradeFrom!.Value, result.ToUtc, string.Join(", ", names), result.Bars, signals, result.Trades.Count,
            result.InitialCapital, result.FinalEquity);
    }

    private static PreviewSignal Judged(Domain.Strategies.Signal signal, ApprovalGate gate)
    {
        var (verdict, reason) = gate.Judge(signal);
        var (outcome, code) = verdict switch
        {
            GateVerdict.Wait => (PreviewOutcome.AwaitsApproval, (RiskRejectionCode?)null),
            GateVerdict.Ignore => (PreviewOutcome.BelowThreshold, RiskRejectionCode.BelowApprovalThreshold),
            _ => (PreviewOutcome.Executed, null),
        };
        return new PreviewSignal(signal.Symbol, signal.TimeUtc, signal.Action, signal.Confidence, outcome, code, reason.Length == 0 ? null : reason);
    }

    /// <summary>Calendar time that holds the indicators' longest look-back in trading bars (6.5-hour sessions, weekends).</summary>
    public static TimeSpan WarmUp(CompiledBot bot)
    {
        int lookback = bot.Variables.Indicators.Select(s => s.Lookback).DefaultIfEmpty(0).Max() + Math.Max(bot.Config.Risk.AtrPeriod, 1) + 1;
        double sessions = bot.Timeframe.IsDaily ? lookback : Math.Ceiling(lookback * bot.Timeframe.Duration.TotalMinutes / 390);
        return TimeSpan.FromDays(Math.Ceiling(sessions * 7 / 5) + 4);
    }
}
