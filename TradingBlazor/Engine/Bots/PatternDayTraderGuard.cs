using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.Risk;
using TradingBlazor.Domain.Strategies;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;

namespace TradingBlazor.Engine.Bots;

/// <summary>An execution on the broker account, as day-trade counting needs it.</summary>
public readonly record struct AccountFill(string ExecutionId, string Symbol, OrderSide Side, DateTime TimeUtc);

/// <summary>
/// FINRA's pattern-day-trader rule as the account sees it: a day trade is a buy and a later sell of the same symbol in
/// the same New York session (buys, then sells, count once; buying again after selling starts another).
/// </summary>
public static class DayTrades
{
    /// <summary>The day trades among <paramref name="fills"/> in sessions from <paramref name="firstSession"/> on.</summary>
    public static int Count(IEnumerable<AccountFill> fills, DateOnly firstSession)
    {
        int count = 0;
        var bought = new HashSet<(DateOnly, string)>();
        foreach (var f in fills.OrderBy(f => f.TimeUtc).ThenBy(f => f.Side)) // a buy and a sell at the same instant: buy first
        {
            var day = MarketTime.EasternDate(f.TimeUtc);
            if (day < firstSession) continue;
            var key = (day, f.Symbol.ToUpperInvariant());
            if (f.Side == OrderSide.Buy) bought.Add(key);
            else if (bought.Remove(key)) count++;
        }
        return count;
    }

    /// <summary>The first of the <paramref name="sessions"/> sessions ending with <paramref name="today"/> (or the last before it).</summary>
    public static DateOnly WindowStart(IMarketCalendar calendar, DateOnly today, int sessions)
    {
        var recent = calendar.SessionsBetween(today.AddDays(-7 * sessions - 14), today).TakeLast(sessions).ToList();
        return recent.Count > 0 ? recent[0].Date : today;
    }
}

/// <summary>
/// Refuses an entry on an Alpaca account under $25,000 of equity that already has three day trades in the last five
/// sessions: a fourth would flag it as a pattern day trader (and freeze day trading for 90 days). The check runs on
/// the bot's hot path, so it only reads a cache: the account's equity and its fills from the store are refreshed in
/// the background at most once a minute, and the account's executions since are added as the broker reports them.
/// </summary>
public sealed class PatternDayTraderGuard
{
    public const decimal MinimumEquity = 25_000m;
    public const int AllowedDayTrades = 3;
    public const int WindowSessions = 5;
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);
    private readonly IBrokerage _broker;
    private readonly IDbContextFactory<TradingDbContext> _db;
    private readonly IMarketCalendar _calendar;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private readonly Dictionary<string, AccountFill> _fills = new(StringComparer.Ordinal);
    private decimal? _equity;
    private DateTime _refreshedUtc = DateTime.MinValue;
    private bool _refreshing;

    public PatternDayTraderGuard(IBrokerage broker, IDbContextFactory<TradingDbContext> db, IMarketCalendar calendar, TimeProvider clock, ILogger log)
    {
        (_broker, _db, _calendar, _clock, _log) = (broker, db, calendar, clock, log);
        broker.Filled += f => Add(new AccountFill(f.ExecutionId, f.Symbol, f.Side, f.TimeUtc));
    }

    /// <summary>Null to allow the entry, or the refusal.</summary>
    public RiskRejection? Check(Signal signal)
    {
        var now = _clock.UtcNow();
        decimal? equity;
        List<AccountFill> fills;
        lock (_gate)
        {
            if (!_refreshing && now - _refreshedUtc >= RefreshEvery)
            {
                // Marked as refreshed now: a failing broker is asked again a minute later, not on every entry.
                (_refreshing, _refreshedUtc) = (true, now);
                _ = RefreshInBackgroundAsync();
            }
            equity = _equity;
            if (equity is null or >= MinimumEquity) return null; // unknown until the first answer: the broker enforces the rule too
            fills = _fills.Values.ToList();
        }
        int count = DayTrades.Count(fills, DayTrades.WindowStart(_calendar, MarketTime.EasternDate(now), WindowSessions));
        if (count < AllowedDayTrades) return null;
        return new RiskRejection(RiskRejectionCode.PatternDayTrader, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The account has {count} day trades in the last {WindowSessions} sessions and {equity:N2} equity (under {MinimumEquity:N0}): a {signal.Symbol} entry could make a 4th and flag it as a pattern day trader."));
    }

    /// <summary>Reads the account's equity and its stored executions of the last five sessions.</summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        var now = _clock.UtcNow();
        var first = DayTrades.WindowStart(_calendar, MarketTime.EasternDate(now), WindowSessions);
        var fromUtc = MarketTime.ToUtc(first, TimeOnly.MinValue);
        var account = await _broker.GetAccountAsync(ct);
        List<AccountFill> stored;
        await using (var db = await _db.CreateDbContextAsync(ct))
        {
            // Every bot's executions at a broker account (simulated ones start with "sim-"), not only this bot's.
            stored = (await db.Fills.Where(f => f.FilledAt >= fromUtc && f.ExecutionId != null && !f.ExecutionId.StartsWith("sim-"))
                    .Select(f => new { f.ExecutionId, f.Symbol, f.Side, f.FilledAt }).ToListAsync(ct))
                .Select(f => new AccountFill(f.ExecutionId!, f.Symbol, f.Side, f.FilledAt)).ToList();
        }
        lock (_gate)
        {
            _equity = account.Equity;
            foreach (var key in _fills.Where(kv => kv.Value.TimeUtc < fromUtc).Select(kv => kv.Key).ToList()) _fills.Remove(key);
            foreach (var f in stored) _fills[f.ExecutionId] = f;
            _refreshedUtc = now;
        }
    }

    private void Add(AccountFill fill)
    {
        lock (_gate) _fills[fill.ExecutionId] = fill;
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await Task.Yield(); // never on the bot's thread
            await RefreshAsync();
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Could not refresh {Broker}'s equity and day trades; the last known ones stay in force", _broker.Name);
        }
        finally
        {
            lock (_gate) _refreshing = false;
        }
    }
}
