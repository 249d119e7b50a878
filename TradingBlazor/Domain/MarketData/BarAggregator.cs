using TradingBlazor.Domain.Time;

namespace TradingBlazor.Domain.MarketData;

/// <summary>
/// Exact aggregation of finer bars (1-minute, or any size that fits the target's buckets, e.g. 15m into 1h) into larger
/// bars aligned to the 09:30 New York open: 5m/15m/1h buckets count
/// from the session open (the last hour of a regular day is 15:30–16:00), and a daily bar is one whole session
/// (starting at its open), never a UTC day. Prices stay exact decimals; volume adds up.
/// </summary>
public static class BarAggregator
{
    public static IReadOnlyList<Bar> Aggregate(IReadOnlyList<Bar> minuteBars, Timeframe target)
    {
        if (minuteBars.Count == 0 || minuteBars[0].Timeframe == target) return minuteBars;
        var result = new List<Bar>();
        Bar? current = null;
        DateTime currentBucket = default;
        foreach (var bar in minuteBars)
        {
            if (!target.IsDaily && (bar.Timeframe.IsDaily || target.Duration.Ticks % bar.Timeframe.Duration.Ticks != 0))
                throw new ArgumentException($"{bar.Timeframe} bars do not fit {target} buckets.", nameof(minuteBars));
            var bucket = BucketStart(bar.StartUtc, target);
            if (current is not null && bucket == currentBucket)
            {
                current = current with
                {
                    High = Math.Max(current.High, bar.High),
                    Low = Math.Min(current.Low, bar.Low),
                    Close = bar.Close,
                    Volume = current.Volume + bar.Volume,
                    TradeCount = current.TradeCount + bar.TradeCount,
                    Vwap = null,
                };
                continue;
            }
            if (current is not null) result.Add(current);
            current = bar with { Timeframe = target, StartUtc = bucket, Vwap = null };
            currentBucket = bucket;
        }
        if (current is not null) result.Add(current);
        return result;
    }

    /// <summary>The start of the target bar containing a minute: whole buckets counted from that session's 09:30 open.</summary>
    public static DateTime BucketStart(DateTime minuteUtc, Timeframe target)
    {
        var date = MarketTime.EasternDate(minuteUtc);
        var open = MarketTime.ToUtc(date, new TimeOnly(9, 30));
        if (target.IsDaily) return open;
        long size = target.Duration.Ticks;
        long offset = minuteUtc.Ticks - open.Ticks;
        long buckets = offset >= 0 ? offset / size : -((-offset + size - 1) / size);
        return new DateTime(open.Ticks + buckets * size, DateTimeKind.Utc);
    }
}
