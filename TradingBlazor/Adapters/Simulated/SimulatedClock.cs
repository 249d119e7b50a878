using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;

namespace TradingBlazor.Adapters.Simulated;

/// <summary>
/// The simulated market's clock: runs <c>speed</c> times faster than real time and only during sessions (at a close
/// it jumps to the next open), so an accelerated demo always has a market to watch. It is a <see cref="TimeProvider"/>
/// like the app's real clock, and reads real time from one, so tests can drive it.
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    private readonly IMarketCalendar _calendar;
    private readonly TimeProvider _real;
    private readonly double _speed;
    private readonly object _gate = new();
    private DateTime _simulated;
    private DateTime _lastReal;

    public SimulatedClock(IMarketCalendar calendar, TimeProvider real, double speed, DateTime? startAt)
    {
        _calendar = calendar;
        _real = real;
        _speed = speed;
        _lastReal = real.UtcNow();
        _simulated = IntoSession(startAt ?? DefaultStart(calendar, _lastReal));
    }

    /// <summary>One hour into the latest session that has started by now (or the next one's open).</summary>
    public static DateTime DefaultStart(IMarketCalendar calendar, DateTime realNow)
    {
        var date = MarketTime.EasternDate(realNow);
        for (int i = 0; i < 15; i++, date = date.AddDays(-1))
        {
            if (calendar.GetSession(date) is { } s && s.OpenUtc <= realNow)
                return s.OpenUtc.AddHours(1);
        }
        return calendar.NextOpen(realNow);
    }

    public double Speed => _speed;

    // Only the wall time is simulated: elapsed time and timers run on the real clock (a test's fake one included).
    public override long TimestampFrequency => _real.TimestampFrequency;

    public override long GetTimestamp() => _real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, dueTime, period);

    /// <summary>The current simulated instant (advances on every read).</summary>
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            var real = _real.UtcNow();
            var delta = TimeSpan.FromTicks((long)((real - _lastReal).Ticks * _speed));
            _lastReal = real;
            if (delta > TimeSpan.Zero) Advance(delta);
            return new DateTimeOffset(_simulated);
        }
    }

    private void Advance(TimeSpan delta)
    {
        while (delta > TimeSpan.Zero)
        {
            var close = _calendar.NextClose(_simulated);
            var left = close - _simulated;
            if (delta < left)
            {
                _simulated += delta;
                return;
            }
            delta -= left;
            _simulated = _calendar.NextOpen(close);
        }
    }

    private DateTime IntoSession(DateTime instant) => _calendar.IsOpenAt(instant) ? instant : _calendar.NextOpen(instant);
}
