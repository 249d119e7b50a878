using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Domain.MarketData;

/// <summary>
/// Live 1-minute bars into a bot's timeframe, bucketed as <see cref="BarAggregator"/> does (from the 09:30 open). A
/// bucket is emitted as soon as its last minute arrives (or the session's last minute, on an early close), so a
/// 5-minute bot decides at 09:35 and not when the 09:35 minute shows up; a gap (a minute that never came) is closed
/// by the next minute of a later bucket. Bars already of the target timeframe pass through.
/// </summary>
public sealed class StreamingBarAggregator
{
    private readonly Timeframe _target;
    private readonly IMarketCalendar _calendar;
    private Bar? _current;
    private DateTime _lastMinute;

    public StreamingBarAggregator(Timeframe target, IMarketCalendar calendar)
    {
        _target = target;
        _calendar = calendar;
    }

    /// <summary>Adds a closed bar; appends the bars of the target timeframe it completed (none, one, or two after a gap).</summary>
    public void Add(Bar bar, List<Bar> done)
    {
        if (bar.Timeframe == _target)
        {
            done.Add(bar);
            return;
        }
        if (bar.StartUtc <= _lastMinute) return; // a repeat (a reconnect's gap fill) or out of order
        _lastMinute = bar.StartUtc;
        var bucket = BarAggregator.BucketStart(bar.StartUtc, _target);
        if (_current is not null && _current.StartUtc != bucket)
        {
            done.Add(_current);
            _current = null;
        }
        _current = _current is null
            ? bar with { Timeframe = _target, StartUtc = bucket, Vwap = null }
            : _current with
            {
                High = Math.Max(_current.High, bar.High), Low = Math.Min(_current.Low, bar.Low), Close = bar.Close,
                Volume = _current.Volume + bar.Volume, TradeCount = _current.TradeCount + bar.TradeCount,
            };
        if (IsLastMinute(bar.StartUtc, bucket))
        {
            done.Add(_current);
            _current = null;
        }
    }

    private bool IsLastMinute(DateTime minuteUtc, DateTime bucket)
    {
        var next = minuteUtc.AddMinutes(1);
        if (!_target.IsDaily && next >= bucket + _target.Duration) return true;
        var session = _calendar.GetSession(MarketTime.EasternDate(minuteUtc));
        return session is not null && next >= session.CloseUtc;
    }
}
