using TradingBlazor.Domain.MarketData;

namespace TradingBlazor.Engine.Trading;

/// <summary>
/// When a bot acts on its signals: at every closed bar of its timeframe (the default), or every <c>check_every</c>
/// counted from the 09:30 New York open (a 1m bot checking every 5m acts on the bars ending 09:35, 09:40, ...).
/// Indicators and rules still see every bar, so crossovers between checks are not lost from the rules' state.
/// </summary>
public sealed class CheckSchedule
{
    private readonly Timeframe _timeframe;
    private readonly TimeSpan? _every;

    public CheckSchedule(Timeframe timeframe, string? checkEvery)
    {
        _timeframe = timeframe;
        var every = checkEvery is null ? null : Timeframe.Parse(checkEvery);
        _every = every is null || every.IsDaily || timeframe.IsDaily || every.Duration == timeframe.Duration ? null : every.Duration;
    }

    public bool EveryBar => _every is null;

    public bool IsCheck(Bar bar)
    {
        if (_every is not { } every) return true;
        var end = bar.StartUtc + _timeframe.Duration;
        var fromOpen = end - BarAggregator.BucketStart(bar.StartUtc, Timeframe.Day1);
        return fromOpen.Ticks % every.Ticks == 0;
    }
}
