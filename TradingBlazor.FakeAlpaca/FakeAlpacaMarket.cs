using System.Globalization;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Fakes;

// The fake's market data: a fixed, exactly predictable series for tests, or (live) a gently moving market up to now
// whose stream publishes trades every second and each minute's bar as it closes, during NYSE sessions only.
public sealed partial class FakeAlpaca
{
    private const int LiveHistoryDays = 30;
    private static readonly NyseCalendar Calendar = new();
    private readonly CancellationTokenSource _stopMarket = new();
    private Task _market = Task.CompletedTask;
    private bool _live;

    /// <summary>Where bar 0 starts (<see cref="FirstBar"/> for tests; 30 days ago in live mode).</summary>
    public DateTime SeriesStart { get; private set; } = FirstBar;

    /// <summary>How many bars of <paramref name="stepMinutes"/> the series has: BarCount for tests, every closed one up to now live.</summary>
    private int SeriesLength(int stepMinutes) => _live ? (int)((DateTime.UtcNow - SeriesStart).TotalMinutes / stepMinutes) : BarCount;

    /// <summary>Test series: 100 + 0.01 per bar. Live: a slow daily wave and a faster wiggle around each symbol's price.</summary>
    private decimal OpenAt(string symbol, int minute)
    {
        if (!_live) return 100 + minute * 0.01m;
        double basePrice = (double)Prices.GetValueOrDefault(symbol, 100m), phase = symbol.Sum(c => c) % 97;
        double wave = 1 + 0.02 * Math.Sin((minute + phase * 13) / 390.0 * 2 * Math.PI) + 0.004 * Math.Sin((minute + phase) / 7.0);
        return Math.Round((decimal)(basePrice * wave), 2);
    }

    private string BarJson(string symbol, int i, int stepMinutes)
    {
        var (o, h, l, c) = Candle(symbol, i, stepMinutes);
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"t\":\"{SeriesStart.AddMinutes(i * stepMinutes):yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"o\":{o},\"h\":{h},\"l\":{l},\"c\":{c},\"v\":{Volume(i, stepMinutes)},\"n\":{10 + i % 7},\"vw\":{o + 0.005m}}}");
    }

    /// <summary>Bar i: tests get o, o+0.05, o-0.03, o+0.01; live bars close where the next one opens.</summary>
    private (decimal O, decimal H, decimal L, decimal C) Candle(string symbol, int i, int stepMinutes)
    {
        if (!_live) { decimal t = OpenAt(symbol, i); return (t, t + 0.05m, t - 0.03m, t + 0.01m); }
        decimal o = OpenAt(symbol, i * stepMinutes), c = OpenAt(symbol, (i + 1) * stepMinutes);
        return (o, Math.Max(o, c) + 0.04m, Math.Min(o, c) - 0.04m, c);
    }

    /// <summary>Tests: 1000 + i. Live: busier when the price moves, per minute of the bar.</summary>
    private long Volume(int i, int stepMinutes) => _live ? stepMinutes * (800 + (long)(1200 * Math.Abs(Math.Sin(i * stepMinutes / 11.0)))) : 1000 + i;

    private async Task RunMarketAsync(CancellationToken ct)
    {
        var lastBar = MarketTime.MinuteStart(DateTime.UtcNow);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = DateTime.UtcNow;
                if (!Calendar.IsOpenAt(now)) { lastBar = MarketTime.MinuteStart(now); continue; }
                int minute = (int)((now - SeriesStart).TotalMinutes);
                foreach (var symbol in DataSymbols())
                {
                    decimal price = OpenAt(symbol, minute) + (decimal)Math.Round(Math.Sin(now.Second / 3.0) * 0.03, 2);
                    Prices[symbol] = price; // market orders fill here
                    PublishTrade(symbol, price, 100, now);
                    if (MarketTime.MinuteStart(now) > lastBar)
                    {
                        var (o, h, l, c) = Candle(symbol, minute - 1, 1);
                        PublishBar(symbol, MarketTime.MinuteStart(now).AddMinutes(-1), o, h, l, c, Volume(minute - 1, 1));
                    }
                }
                lastBar = MarketTime.MinuteStart(now);
            }
        }
        catch (OperationCanceledException) { }
    }
}
