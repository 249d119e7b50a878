using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.ML;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Engine.Charts;

namespace TradingBlazor.Engine.ML;

/// <summary>One model's out-of-sample hits over a bot's resolved ML signals (every signal bar is after its training range).</summary>
public sealed record ModelHitRate(string Model, int Predictions, int Hits)
{
    public double HitRatePct => Predictions == 0 ? double.NaN : 100.0 * Hits / Predictions;
}

/// <summary>
/// A bot's ML signals against what happened: each model's hit rate beside buy-and-hold's (always calling up, which
/// hits whenever the close rose), over the signals whose outcome is known.
/// </summary>
public sealed record PredictionScore(int Signals, int Resolved, IReadOnlyList<ModelHitRate> Models, ModelHitRate BuyAndHold);

/// <summary>
/// Fills in the outcome of stored ML signals once their label horizon has passed: the close that many bars after the
/// signal's bar, read from the source the charts read, against the bar's own close. The outcome is written once.
/// </summary>
public sealed class PredictionOutcomes(IDbContextFactory<TradingDbContext> db, PredictionOutcomes.BarSource sources, ILogger<PredictionOutcomes> log)
{
    /// <summary>Where a symbol's bars and the time they run to are read (the charts' source).</summary>
    public delegate Task<ChartSource> BarSource(string symbol, Timeframe timeframe, CancellationToken ct);

    public static PredictionOutcomes Create(IServiceProvider sp)
    {
        var resolver = sp.GetRequiredService<ChartSourceResolver>();
        return new PredictionOutcomes(sp.GetRequiredService<IDbContextFactory<TradingDbContext>>(), resolver.ResolveAsync, sp.GetRequiredService<ILogger<PredictionOutcomes>>());
    }

    /// <summary>Resolves the bot's pending predictions whose horizon has passed; returns how many were filled in.</summary>
    public async Task<int> ResolveAsync(long botId, CancellationToken ct = default)
    {
        await using var c = await db.CreateDbContextAsync(ct);
        var pending = await c.Signals.Where(s => s.BotId == botId && s.PredictionModel != null && s.ActualUp == null).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var configJson = await c.Bots.AsNoTracking().Where(b => b.Id == botId).Select(b => b.ConfigJson).SingleOrDefaultAsync(ct);
        if (configJson is null) return 0;
        Timeframe timeframe;
        try { timeframe = Timeframe.Parse(BotConfig.Parse(configJson).Timeframe); }
        catch (Exception ex) when (ex is BotConfigException or FormatException) { return 0; }

        int resolved = 0;
        foreach (var group in pending.GroupBy(s => s.Symbol))
        {
            try
            {
                var source = await sources(group.Key, timeframe, ct);
                var from = group.Min(s => s.Timestamp);
                var bars = await source.History.GetBarsAsync(group.Key, timeframe, from, source.Now(), ct);
                var index = Enumerable.Range(0, bars.Count).ToDictionary(i => bars[i].StartUtc);
                foreach (var s in group)
                {
                    if (!index.TryGetValue(s.Timestamp, out var i) || i + (s.LabelHorizon ?? 1) >= bars.Count) continue;
                    s.ActualUp = bars[i + (s.LabelHorizon ?? 1)].Close > bars[i].Close;
                    resolved++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // No bars for the symbol right now (a broker that is away): the outcomes wait for the next look.
                log.LogInformation(ex, "Outcomes of bot {Bot}'s {Symbol} predictions wait: no bars", botId, group.Key);
            }
        }
        if (resolved > 0) await c.SaveChangesAsync(ct);
        return resolved;
    }

    /// <summary>The bot's ML signals in [fromUtc, toUtc) scored per model and against buy-and-hold; null when it has none.</summary>
    public async Task<PredictionScore?> ScoreAsync(long botId, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        await ResolveAsync(botId, ct);
        await using var c = await db.CreateDbContextAsync(ct);
        var signals = await c.Signals.AsNoTracking()
            .Where(s => s.BotId == botId && s.PredictionModel != null && s.Timestamp >= fromUtc && s.Timestamp < toUtc).ToListAsync(ct);
        if (signals.Count == 0) return null;
        var known = signals.Where(s => s.ActualUp is not null).ToList();
        var models = known
            .SelectMany(s => MlPrediction.Probabilities(s.Values).Select(p => (p.Model, Hit: MlPrediction.Hit(p.Probability, s.ActualUp!.Value))))
            .GroupBy(x => x.Model)
            .Select(g => new ModelHitRate(g.Key, g.Count(), g.Count(x => x.Hit)))
            .OrderBy(m => m.Model == "ensemble" ? 0 : 1).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        return new PredictionScore(signals.Count, known.Count, models, new ModelHitRate("buy and hold", known.Count, known.Count(s => s.ActualUp == true)));
    }
}
