using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Reports.Divergence;

/// <summary>
/// Pairs live trades with backtest trades — same symbol and side, entries less than a bar apart (nearest first), then
/// entries from the same signal bar (an approval delays live's) — and says, for each pair or lone trade, what differs
/// and why. Pure: no store, no clock.
/// </summary>
public static class DivergenceMatcher
{
    /// <summary>Prices closer than this agree (the store keeps money to 1e-8; a backtest's average cost carries more digits).</summary>
    public const decimal PriceTolerance = 0.0001m;
    private const decimal QuantityTolerance = 0.000001m;

    public static (IReadOnlyList<TradeMatch> Trades, DivergenceSummary Summary) Match(DivergenceInputs input)
    {
        var reasons = new DivergenceReasons(input);
        var live = input.Live.OrderBy(t => t.EntryUtc).ToList();
        var backtest = input.Backtest.OrderBy(t => t.EntryUtc).ToList();
        var pairs = PairByEntry(live, backtest, input.Bar);
        PairBySignal(live, backtest, pairs);

        var matches = new List<TradeMatch>(live.Count + backtest.Count);
        var paired = new HashSet<TradeLeg>(ReferenceEqualityComparer.Instance);
        foreach (var (l, b) in pairs)
        {
            paired.Add(l);
            paired.Add(b);
            matches.Add(new TradeMatch(l, b, Compare(l, b, input.Bar, reasons)));
        }
        foreach (var b in backtest.Where(b => !paired.Contains(b))) matches.Add(new TradeMatch(null, b, new[] { reasons.MissingInLive(b) }));
        foreach (var l in live.Where(l => !paired.Contains(l))) matches.Add(new TradeMatch(l, null, new[] { reasons.MissingInBacktest(l) }));
        matches.Sort((x, y) => x.EntryUtc != y.EntryUtc ? x.EntryUtc.CompareTo(y.EntryUtc) : string.CompareOrdinal(x.Symbol, y.Symbol));
        return (matches, Summarize(matches));
    }

    // Per symbol and side, each backtest entry takes the nearest live entry less than a bar away that is still free.
    private static List<(TradeLeg Live, TradeLeg Backtest)> PairByEntry(List<TradeLeg> live, List<TradeLeg> backtest, TimeSpan bar)
    {
        var pairs = new List<(TradeLeg, TradeLeg)>();
        var liveByKey = live.GroupBy(Key).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var group in backtest.GroupBy(Key))
        {
            if (!liveByKey.TryGetValue(group.Key, out var candidates)) continue;
            var taken = new bool[candidates.Count];
            int start = 0;
            foreach (var b in group)
            {
                while (start < candidates.Count && candidates[start].EntryUtc <= b.EntryUtc - bar) start++;
                int best = -1;
                for (int i = start; i < candidates.Count && candidates[i].EntryUtc < b.EntryUtc + bar; i++)
                    if (!taken[i] && (best < 0 || Distance(candidates[i], b) < Distance(candidates[best], b))) best = i;
                if (best < 0) continue;
                taken[best] = true;
                pairs.Add((candidates[best], b));
            }
        }
        return pairs;
    }

    // What is left: entries decided on the same bar (live's waited for the trader) are the same trade, entered later.
    private static void PairBySignal(List<TradeLeg> live, List<TradeLeg> backtest, List<(TradeLeg Live, TradeLeg Backtest)> pairs)
    {
        var used = new HashSet<TradeLeg>(pairs.SelectMany(p => new[] { p.Live, p.Backtest }), ReferenceEqualityComparer.Instance);
        var bySignal = backtest.Where(b => !used.Contains(b) && b.SignalUtc is not null).GroupBy(b => (Key(b), b.SignalUtc)).ToDictionary(g => g.Key, g => new Queue<TradeLeg>(g));
        foreach (var l in live.Where(l => !used.Contains(l) && l.SignalUtc is not null))
            if (bySignal.TryGetValue((Key(l), l.SignalUtc), out var queue) && queue.TryDequeue(out var b)) pairs.Add((l, b));
    }

    private static (string, OrderSide) Key(TradeLeg t) => (t.Symbol, t.Side);

    private static TimeSpan Distance(TradeLeg a, TradeLeg b) => (a.EntryUtc - b.EntryUtc).Duration();

    private static List<Divergence> Compare(TradeLeg live, TradeLeg backtest, TimeSpan bar, DivergenceReasons reasons)
    {
        var found = new List<Divergence>();
        if (Distance(live, backtest) >= bar) found.Add(reasons.EntryTime(live, backtest));
        if (Math.Abs(live.EntryPrice - backtest.EntryPrice) > PriceTolerance)
            found.Add(new(DivergenceKind.EntryPrice, DivergenceReason.FillPrice, PriceDetail("Entry", live.EntryPrice, backtest.EntryPrice)));
        if (Math.Abs(live.Quantity - backtest.Quantity) > QuantityTolerance)
            found.Add(new(DivergenceKind.Quantity, DivergenceReason.Sizing, FormattableString.Invariant(
                $"Live bought {live.Quantity:0.####} shares, the backtest {backtest.Quantity:0.####}: the order was sized on a different cash balance.")));
        if (live.IsOpen != backtest.IsOpen || (!live.IsOpen && (live.ExitUtc!.Value - backtest.ExitUtc!.Value).Duration() >= bar))
            found.Add(reasons.ExitTime(live, backtest));
        else if (!live.IsOpen && Math.Abs(live.ExitPrice!.Value - backtest.ExitPrice!.Value) > PriceTolerance)
            found.Add(new(DivergenceKind.ExitPrice, DivergenceReason.FillPrice, PriceDetail("Exit", live.ExitPrice.Value, backtest.ExitPrice.Value)));
        return found;
    }

    private static string PriceDetail(string what, decimal live, decimal backtest)
    {
        decimal bps = backtest != 0 ? (live - backtest) / backtest * 10_000m : 0;
        return FormattableString.Invariant($"{what} filled at {live:0.00##} live against {backtest:0.00##} in the backtest ({bps:+0.0;-0.0} bps): the real fill against the fill model.");
    }

    private static DivergenceSummary Summarize(List<TradeMatch> matches)
    {
        var differences = matches.SelectMany(m => m.Differences).ToList();
        int Count(params DivergenceKind[] kinds) => differences.Count(d => kinds.Contains(d.Kind));
        var paired = matches.Where(m => m.Live is not null && m.Backtest is not null).ToList();
        return new DivergenceSummary(paired.Count, paired.Count(m => m.Agrees), Count(DivergenceKind.MissingInLive), Count(DivergenceKind.MissingInBacktest),
            Count(DivergenceKind.EntryPrice, DivergenceKind.ExitPrice), Count(DivergenceKind.Quantity), Count(DivergenceKind.EntryTime, DivergenceKind.ExitTime),
            matches.Sum(m => m.Live?.Pnl ?? 0m), matches.Sum(m => m.Backtest?.Pnl ?? 0m),
            differences.GroupBy(d => d.Reason).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()));
    }
}
