using TradingBlazor.Adapters.Replay;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Strategies.Config;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Engine.Bots;

namespace TradingBlazor.Engine.Backtesting;

/// <summary>
/// Recorded bars through the live engine — a fresh SQLite store, the bot service, the runtime with its worker and
/// check schedule, the pipeline, the order manager and the simulated broker — published as fast as the engine takes
/// them. Each instant's bars are drained before the next, so the equity curve is taken where the backtester takes it.
/// The result must equal the backtest of the same bars: both drive the same pipeline.
/// The store is written beside its path (".partial") and moved there when the replay has ended: a replay that is
/// killed or fails midway never leaves a store that looks finished, with its bot still running.
/// </summary>
public sealed class LiveReplay
{
    private readonly string _databasePath;

    public LiveReplay(string databasePath) => _databasePath = databasePath;

    public sealed record Outcome(BacktestResult Result, long BotId, string DatabasePath);

    public async Task<Outcome> RunAsync(BotConfig config, IReadOnlyDictionary<string, IReadOnlyList<Bar>> data, BacktestOptions options, CancellationToken ct = default)
    {
        if (File.Exists(_databasePath)) throw new IOException($"{_databasePath} exists: a replay writes a fresh store");
        string partial = _databasePath + ".partial";
        SqliteFiles.Delete(partial); // what a replay that did not end left behind
        try
        {
            var outcome = await ReplayAsync(partial, config, data, options, ct);
            SqliteFiles.ClosePooled();
            SqliteFiles.Move(partial, _databasePath);
            return outcome with { DatabasePath = _databasePath };
        }
        catch
        {
            SqliteFiles.ClosePooled();
            SqliteFiles.Delete(partial);
            throw;
        }
    }

    private static async Task<Outcome> ReplayAsync(string databasePath, BotConfig config, IReadOnlyDictionary<string, IReadOnlyList<Bar>> data,
        BacktestOptions options, CancellationToken ct)
    {
        var feed = new RecordedBarFeed();
        var fill = options.Fill with { FractionalShares = options.FractionalShares ?? config.Risk.FractionalShares };
        var runtimeOptions = new RuntimeOptions { Fill = fill, ApproveAll = true, WarmUp = false, KeepSignals = true };
        await using var engine = await StandaloneEngine.StartAsync(databasePath, feed, new NoHistory(), runtimeOptions, ct: ct);
        var (runtime, bots) = (engine.Runtime, engine.Bots);

        var symbols = data.Keys.Select(s => s.ToUpperInvariant()).ToList();
        var replayed = config with
        {
            Symbols = symbols,
            Capital = options.Capital ?? config.Capital,
            Risk = config.Risk with { FractionalShares = fill.FractionalShares },
        };
        var created = await bots.CreateAsync(replayed, ct);
        if (created.Problem is { } p) throw new BotConfigException(p.Field, p.Message);
        long id = created.Bot!.Summary.Id;
        var started = await bots.CommandAsync(id, BotCommand.Start, ct: ct);
        if (started.Problem is { } q) throw new InvalidOperationException(q.Message);

        var worker = runtime.Worker(id)!;
        var run = new BacktestRun(worker.Pipeline.Bot, worker.Pipeline, (SimulatedBroker)worker.Pipeline.Orders.Broker, runtime.Signals(id)!,
            data.Values.Max(b => b.Count));
        foreach (var instant in data.SelectMany(kv => kv.Value).GroupBy(b => b.StartUtc).OrderBy(g => g.Key))
        {
            ct.ThrowIfCancellationRequested();
            foreach (var bar in instant.OrderBy(b => b.Symbol, StringComparer.Ordinal)) feed.Publish(bar with { Symbol = bar.Symbol.ToUpperInvariant() });
            await worker.DrainAsync();
            run.Mark(instant.Key);
        }
        BacktestResult? result = null;
        await worker.RunAsync(async _ =>
        {
            result = run.Finish(options.EndOfData);
            await worker.Pipeline.Orders.FlushAsync();
        });
        await bots.CommandAsync(id, BotCommand.Stop, ct: ct);
        return new Outcome(result!, id, databasePath);
    }
}
