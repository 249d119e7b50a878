using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Engine.Reports.Divergence;

/// <summary>
/// Bars as live traded them, where they come from (shown with the divergence), and whether the bot traded on the simulated
/// broker (which holds stops and targets itself; on a real broker the engine watches them, and so does the backtest).
/// </summary>
public sealed record RecordedBars(IHistoricalBars History, string Name, bool SimulatedBroker);

/// <summary>The bars a bot traded live: the simulated market for a demo bot or while trading is simulated, otherwise what the charts read.</summary>
public delegate Task<RecordedBars> RecordedBarSource(string symbol, Timeframe timeframe, bool demo, CancellationToken ct);

/// <summary>
/// Backtest against live: the bot's stored config run by the <see cref="Backtester"/> (the pipeline the live engine runs) over
/// the period's recorded bars — indicators warmed as live warms them, trading from the period's start, on the live realized
/// equity then — and matched trade by trade with what live did.
/// </summary>
public sealed class DivergenceService(ReportSource reports, DivergenceSource source, RecordedBarSource bars)
{
    /// <summary>The scope's divergence (each bot's, for the portfolio), or null when the scope names a bot that does not exist.</summary>
    public async Task<DivergenceReport?> BuildAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var bots = scope.BotId is { } id ? new[] { id } : (await reports.BotsAsync(ct)).Select(b => b.Id).ToArray();
        var found = new List<BotDivergence>();
        var failures = new List<DivergenceFailure>();
        foreach (var botId in bots)
        {
            var bot = await source.BotAsync(botId, ct);
            if (bot is null)
            {
                if (scope.BotId is not null) return null;
                continue;
            }
            try { found.Add(await ForBotAsync(bot, from, to, ct)); }
            // A config that no longer compiles, or no bars to replay: that bot says why; the others still compare.
            catch (Exception ex) when (ex is BotConfigException or InvalidOperationException or ArgumentException or FormatException)
            {
                failures.Add(new DivergenceFailure(bot.Id, bot.Name, ex.Message));
            }
        }
        return new DivergenceReport(scope, from, to, found, failures);
    }

    private async Task<BotDivergence> ForBotAsync(DivergenceBot bot, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var compiled = BotConfigValidator.CompileOrThrow(BotConfig.Parse(bot.ConfigJson));
        var (fromUtc, toUtc) = (MarketTime.ToUtc(from, TimeOnly.MinValue), MarketTime.ToUtc(to.AddDays(1), TimeOnly.MinValue));
        var liveInputs = await reports.LoadAsync(ReportScope.Bot(bot.Id), from, to, ct) ?? throw new InvalidOperationException($"Bot {bot.Id} is gone.");
        var (liveTrades, journal) = await source.LoadAsync(bot, fromUtc, toUtc, ct);

        var (data, recorded) = await LoadBarsAsync(compiled, bot.IsDemo, fromUtc, toUtc, ct);
        decimal start = liveInputs.Capital + liveInputs.PnlBefore;
        // A bot that started inside the period is compared from its first live signal: before it, it could not trade.
        var tradeFromUtc = journal.FirstSignalUtc is { } first && first > fromUtc ? first : fromUtc;
        var options = new BacktestOptions
        {
            Capital = start, TradeFromUtc = tradeFromUtc, Fill = FillModel.Default, WatchExits = !recorded.SimulatedBroker,
        };
        var result = await Task.Run(() => new Backtester(compiled, options).Run(data, ct: ct), ct);
        var backtestTrades = Legs(result, tradeFromUtc);

        var bar = compiled.Timeframe.IsDaily ? TimeSpan.FromDays(1) : compiled.Timeframe.Duration;
        var (trades, summary) = DivergenceMatcher.Match(new DivergenceInputs(liveTrades, backtestTrades, journal, result.Signals, bar));
        var live = ReportCalculator.Compute(liveInputs);
        var backtest = ReportCalculator.Compute(BacktestInputs(liveInputs, start, bot, backtestTrades));
        var figures = ReportFigures.Of(live).Zip(ReportFigures.Of(backtest), (l, b) => new FigurePair(l, b)).ToList();
        return new BotDivergence(bot.Id, bot.Name, from, to, bot.Revision, recorded.Name, backtest, figures, trades, summary);
    }

    private async Task<(Dictionary<string, IReadOnlyList<Bar>>, RecordedBars)> LoadBarsAsync(CompiledBot bot, bool demo, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var data = new Dictionary<string, IReadOnlyList<Bar>>();
        RecordedBars? recorded = null;
        var warmFrom = BotRuntime.WarmUpFrom(bot.Timeframe, fromUtc);
        foreach (var symbol in bot.Config.Symbols.Select(s => s.ToUpperInvariant()).Distinct())
        {
            recorded = await bars(symbol, bot.Timeframe, demo, ct);
            var series = await recorded.History.GetBarsAsync(symbol, bot.Timeframe, warmFrom, toUtc, ct);
            if (series.Count > 0) data[symbol] = series;
        }
        if (data.Count == 0 || recorded is null) throw new InvalidOperationException($"No recorded {bot.Timeframe} bars of {string.Join(", ", bot.Config.Symbols)} to backtest the period on.");
        return (data, recorded);
    }

    // The backtest's round trips entered in the period; a position open at the end keeps the bar of the signal that bought it.
    private static List<TradeLeg> Legs(BacktestResult result, DateTime fromUtc)
    {
        var legs = result.Trades.Where(t => t.EntryTimeUtc >= fromUtc)
            .Select(t => new TradeLeg(t.Symbol, OrderSide.Buy, t.EntryTimeUtc, t.EntryPrice, t.Quantity, t.ExitTimeUtc, t.ExitPrice, t.Pnl, t.ExitReason, t.EntrySignal?.TimeUtc, t.Fees))
            .ToList();
        foreach (var p in result.OpenPositions.Where(p => p.EntryTimeUtc >= fromUtc))
        {
            var signal = result.Signals.LastOrDefault(s => s.Executed && s.Signal.Symbol == p.Symbol && s.Signal.Action == SignalAction.Buy && s.Signal.TimeUtc <= p.EntryTimeUtc);
            legs.Add(new TradeLeg(p.Symbol, OrderSide.Buy, p.EntryTimeUtc, p.EntryPrice, p.Quantity, null, null, null, null, signal?.Signal.TimeUtc));
        }
        return legs;
    }

    // The backtest as a report of the same scope and sessions, so its figures are computed exactly as live's.
    private static ReportInputs BacktestInputs(ReportInputs live, decimal start, DivergenceBot bot, List<TradeLeg> legs)
    {
        long id = 0;
        var closed = legs.Where(l => !l.IsOpen).Select(l => new ReportTrade(++id, bot.Id, bot.Name, l.Symbol, l.Quantity, l.EntryPrice, l.EntryUtc,
            l.ExitPrice!.Value, l.ExitUtc!.Value, l.Pnl!.Value, l.Fees, l.ExitReason)).ToList();
        return live with
        {
            Title = $"{bot.Name} (backtest)", Capital = start, PnlBefore = 0m, Trades = closed,
            Holdings = legs.Select(l => new HoldingSpan(l.EntryUtc, l.ExitUtc)).ToList(),
        };
    }
}
