using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.MarketData;

public class SimulatedMarketTests
{
    private static readonly NyseCalendar Calendar = new();

    private static DateTime Utc(int y, int m, int d, int h, int mi = 0) => new(y, m, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void The_same_seed_gives_the_same_bars_in_any_order_of_requests()
    {
        var a = new SimulatedPriceModel(Calendar, 42);
        var b = new SimulatedPriceModel(Calendar, 42);
        var late = a.MinuteBars("AAPL", new DateOnly(2026, 11, 20));
        b.MinuteBars("AAPL", new DateOnly(2025, 3, 3));
        Assert.Equal(late, b.MinuteBars("AAPL", new DateOnly(2026, 11, 20)));
        Assert.NotEqual(late, new SimulatedPriceModel(Calendar, 43).MinuteBars("AAPL", new DateOnly(2026, 11, 20)));
    }

    [Fact]
    public void Sessions_follow_the_calendar()
    {
        var model = new SimulatedPriceModel(Calendar, 1);
        Assert.Equal(390, model.MinuteBars("SPY", new DateOnly(2026, 11, 25)).Count);
        Assert.Equal(210, model.MinuteBars("SPY", new DateOnly(2026, 11, 27)).Count); // early close
        Assert.Empty(model.MinuteBars("SPY", new DateOnly(2026, 11, 26)));            // Thanksgiving
        Assert.Empty(model.MinuteBars("SPY", new DateOnly(2026, 11, 21)));            // Saturday
        var bars = model.MinuteBars("SPY", new DateOnly(2026, 3, 9));
        Assert.Equal(Utc(2026, 3, 9, 13, 30), bars[0].StartUtc);                      // 09:30 EDT
    }

    [Fact]
    public void Every_bar_is_valid_positive_and_on_the_penny_grid_over_a_year()
    {
        var model = new SimulatedPriceModel(Calendar, 7);
        Bar? previous = null;
        foreach (var session in Calendar.SessionsBetween(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)))
        {
            var bars = model.MinuteBars("TSLA", session.Date);
            Assert.Equal(bars[0].Open, bars[0].Open); // first open exists
            foreach (var bar in bars)
            {
                Assert.Null(BarValidation.Check(bar, previous));
                foreach (var price in new[] { bar.Open, bar.High, bar.Low, bar.Close })
                {
                    Assert.True(price > 0);
                    Assert.Equal(price, Math.Round(price, 2));
                }
                Assert.Equal(bar.Volume, Math.Round(bar.Volume));
                previous = bar;
            }
            for (int i = 1; i < bars.Count; i++) Assert.Equal(bars[i - 1].Close, bars[i].Open); // continuous within a session
        }
    }

    [Fact]
    public void Intraday_activity_is_u_shaped_and_volatility_clusters()
    {
        var model = new SimulatedPriceModel(Calendar, 3);
        double edgeMove = 0, middleMove = 0, edgeVolume = 0, middleVolume = 0;
        var dailyReturns = new List<double>();
        decimal? previousClose = null;
        int gaps = 0;
        foreach (var session in Calendar.SessionsBetween(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31)))
        {
            var bars = model.MinuteBars("NVDA", session.Date);
            if (bars.Count != 390) continue;
            for (int i = 0; i < 390; i++)
            {
                double move = Math.Abs(Math.Log((double)bars[i].Close / (double)bars[i].Open));
                bool edge = i < 30 || i >= 360, middle = i >= 165 && i < 225;
                if (edge) { edgeMove += move; edgeVolume += (double)bars[i].Volume; }
                if (middle) { middleMove += move; middleVolume += (double)bars[i].Volume; }
            }
            if (previousClose is { } pc)
            {
                dailyReturns.Add(Math.Log((double)bars[^1].Close / (double)pc));
                if (Math.Abs((double)(bars[0].Open / pc) - 1) > 0.01) gaps++;
            }
            previousClose = bars[^1].Close;
        }
        Assert.True(edgeMove / 60 > 1.3 * middleMove / 60, "moves near the open/close should be larger than at midday");
        Assert.True(edgeVolume / 60 > 1.3 * middleVolume / 60, "volume near the open/close should be larger than at midday");
        Assert.True(gaps > 3, "there should be occasional opening gaps");
        var abs = dailyReturns.Select(Math.Abs).ToArray();
        double mean = abs.Average();
        double lag1 = Enumerable.Range(1, abs.Length - 1).Sum(i => (abs[i] - mean) * (abs[i - 1] - mean)) / abs.Sum(v => (v - mean) * (v - mean));
        Assert.True(lag1 > 0.05, $"absolute daily returns should be autocorrelated (volatility clustering), got {lag1:F3}");
    }

    [Fact]
    public void Aggregation_is_exact_and_aligned_to_the_open()
    {
        var minutes = new SimulatedPriceModel(Calendar, 5).MinuteBars("MSFT", new DateOnly(2026, 11, 25));
        var hours = BarAggregator.Aggregate(minutes, Timeframe.Hour1);
        Assert.Equal(7, hours.Count);
        Assert.Equal(Utc(2026, 11, 25, 14, 30), hours[0].StartUtc);
        Assert.Equal(Utc(2026, 11, 25, 20, 30), hours[^1].StartUtc); // 15:30-16:00 ET
        var fives = BarAggregator.Aggregate(minutes, Timeframe.Minute5);
        Assert.Equal(78, fives.Count);
        Assert.Equal(minutes.Take(5).Max(b => b.High), fives[0].High);
        Assert.Equal(minutes[4].Close, fives[0].Close);
        var day = Assert.Single(BarAggregator.Aggregate(minutes, Timeframe.Day1));
        Assert.Equal(minutes[0].Open, day.Open);
        Assert.Equal(minutes.Max(b => b.High), day.High);
        Assert.Equal(minutes.Min(b => b.Low), day.Low);
        Assert.Equal(minutes[^1].Close, day.Close);
        Assert.Equal(minutes.Sum(b => b.Volume), day.Volume);
        Assert.Equal(hours.Sum(b => b.Volume), day.Volume);
    }

    [Fact]
    public async Task History_never_contains_bars_that_have_not_closed_on_the_simulated_clock()
    {
        var real = new FakeTimeProvider(Utc(2026, 11, 20, 12, 0));
        var clock = new SimulatedClock(Calendar, real, speed: 60, startAt: Utc(2026, 11, 20, 15, 0)); // 10:00 ET
        var market = new SimulatedMarket(new SimulatedPriceModel(Calendar, 42), clock, new[] { "SPY" });
        var bars = await market.GetBarsAsync("SPY", Timeframe.Minute1, Utc(2026, 11, 20, 0, 0), Utc(2026, 11, 21, 0, 0));
        Assert.Equal(30, bars.Count); // 09:30 .. 09:59
        Assert.Equal(Utc(2026, 11, 20, 14, 59), bars[^1].StartUtc);

        real.Advance(TimeSpan.FromSeconds(30)); // 30 simulated minutes
        Assert.Equal(60, (await market.GetBarsAsync("SPY", Timeframe.Minute1, Utc(2026, 11, 20, 0, 0), Utc(2026, 11, 21, 0, 0))).Count);
        var daily = await market.GetBarsAsync("SPY", Timeframe.Day1, Utc(2026, 11, 1, 0, 0), Utc(2026, 11, 21, 0, 0));
        Assert.Equal(new DateOnly(2026, 11, 19), MarketTime.EasternDate(daily[^1].StartUtc)); // today's session is not complete
    }

    [Fact]
    public void The_clock_runs_only_during_sessions()
    {
        var real = new FakeTimeProvider(Utc(2026, 11, 20, 12, 0));
        var clock = new SimulatedClock(Calendar, real, speed: 600, startAt: Utc(2026, 11, 20, 20, 50)); // Friday 15:50 ET
        real.Advance(TimeSpan.FromSeconds(2)); // 20 simulated minutes: 10 to the close, then 10 into Monday
        Assert.Equal(Utc(2026, 11, 23, 14, 40), clock.UtcNow());
        Assert.True(Calendar.IsOpenAt(clock.UtcNow()));
    }

    [Fact]
    public void The_feed_publishes_closed_minutes_in_order_and_the_live_minute()
    {
        var real = new FakeTimeProvider(Utc(2026, 11, 20, 12, 0));
        var clock = new SimulatedClock(Calendar, real, speed: 60, startAt: Utc(2026, 11, 20, 15, 0));
        var market = new SimulatedMarket(new SimulatedPriceModel(Calendar, 42), clock, new[] { "SPY", "AAPL" });
        using var feed = new SimulatedFeed(market, real, Microsoft.Extensions.Logging.Abstractions.NullLogger<SimulatedFeed>.Instance);
        var updates = new List<BarUpdate>();
        feed.BarUpdated += updates.Add;

        feed.Publish(clock.UtcNow());
        real.Advance(TimeSpan.FromSeconds(3.5)); // 3.5 simulated minutes
        feed.Publish(clock.UtcNow());

        var spyClosed = updates.Where(u => u.Bar.Symbol == "SPY" && u.Kind == BarUpdateKind.Closed).Select(u => u.Bar).ToList();
        Assert.Equal(new[] { Utc(2026, 11, 20, 14, 59), Utc(2026, 11, 20, 15, 0), Utc(2026, 11, 20, 15, 1), Utc(2026, 11, 20, 15, 2) }, spyClosed.Select(b => b.StartUtc));
        var session = market.Session("SPY", new DateOnly(2026, 11, 20));
        Assert.Equal(session[30], spyClosed[1]); // the live feed publishes exactly the history's bars
        var live = updates.Last(u => u.Bar.Symbol == "AAPL").Bar;
        Assert.Equal(Utc(2026, 11, 20, 15, 3), live.StartUtc);
        Assert.Null(BarValidation.Check(live));
        Assert.Contains(updates, u => u.Kind == BarUpdateKind.InProgress && u.Bar.Symbol == "SPY");
    }
}
