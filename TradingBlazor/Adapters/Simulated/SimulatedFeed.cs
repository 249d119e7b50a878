using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Adapters.Simulated;

/// <summary>
/// The live side of the simulated market: a background loop that, for every subscribed symbol, publishes the closes
/// of the minutes that finished on the simulated clock and an in-progress update of the current minute.
/// </summary>
public sealed class SimulatedFeed : BackgroundService, IMarketDataFeed
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly SimulatedMarket _market;
    private readonly ILogger<SimulatedFeed> _log;
    private readonly TimeProvider _real;
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTime> _lastClosed = new(StringComparer.OrdinalIgnoreCase); // symbol -> start of its last published closed minute
    private HashSet<string> _subscriptions = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="real">Real time, for <see cref="LastUpdateUtc"/> (health measures staleness in real seconds).</param>
    public SimulatedFeed(SimulatedMarket market, TimeProvider real, ILogger<SimulatedFeed> log)
    {
        _market = market;
        _real = real;
        _log = log;
        Subscribe(market.Symbols);
    }

    public string Name => SimulatedMarket.DisplayName;
    public bool IsSimulated => true;
    public DateTime? LastUpdateUtc { get; private set; }
    public event Action<BarUpdate>? BarUpdated;

    public IReadOnlySet<string> Subscriptions
    {
        get { lock (_gate) return new HashSet<string>(_subscriptions, StringComparer.OrdinalIgnoreCase); }
    }

    public void Subscribe(IEnumerable<string> symbols)
    {
        lock (_gate) _subscriptions = new HashSet<string>(_subscriptions.Concat(symbols.Select(s => s.ToUpperInvariant())), StringComparer.OrdinalIgnoreCase);
    }

    public void Unsubscribe(IEnumerable<string> symbols)
    {
        lock (_gate) _subscriptions = new HashSet<string>(_subscriptions.Except(symbols, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _log.LogInformation("Simulated market running at {Speed}x from {Start:yyyy-MM-dd HH:mm} ET", _market.Clock.Speed, MarketTime.ToEastern(_market.Clock.UtcNow()));
        using var timer = new PeriodicTimer(Tick, _real);
        do
        {
            try
            {
                Publish(_market.Clock.UtcNow());
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "Simulated feed tick failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Publishes everything due at a simulated instant (the loop calls it; tests may too).</summary>
    public void Publish(DateTime now)
    {
        HashSet<string> symbols;
        lock (_gate) symbols = _subscriptions;
        var currentMinute = MarketTime.MinuteStart(now);
        foreach (var symbol in symbols)
        {
            // A new subscription starts with the most recent closed minute.
            var since = _lastClosed.TryGetValue(symbol, out var last) ? last : currentMinute.AddMinutes(-2);
            var date = MarketTime.EasternDate(since);
            // Closes of every minute between the last published one and now (across a session jump too).
            for (var d = date; d <= MarketTime.EasternDate(now); d = d.AddDays(1))
            {
                foreach (var bar in _market.Session(symbol, d))
                {
                    if (bar.StartUtc <= since || bar.StartUtc >= currentMinute) continue;
                    Raise(new BarUpdate(bar, BarUpdateKind.Closed));
                    _lastClosed[symbol] = bar.StartUtc;
                }
            }
            if (!_lastClosed.ContainsKey(symbol)) _lastClosed[symbol] = since;
            if (_market.InProgress(symbol, now) is { } live) Raise(new BarUpdate(live, BarUpdateKind.InProgress));
        }
        LastUpdateUtc = _real.UtcNow();
    }

    private void Raise(BarUpdate update)
    {
        var handlers = BarUpdated;
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<BarUpdate>>())
        {
            try
            {
                handler(update);
            }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "A bar subscriber failed on {Symbol}", update.Bar.Symbol);
            }
        }
    }
}
