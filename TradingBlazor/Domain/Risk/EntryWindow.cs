using TradingBlazor.Domain.Time;

namespace TradingBlazor.Domain.Risk;

/// <summary>The New York hours [Start, End) in which a bot may open positions (a bar counts by its start).</summary>
public sealed record EntryWindow(TimeOnly Start, TimeOnly End)
{
    public bool Allows(DateTime utc)
    {
        var eastern = TimeOnly.FromDateTime(MarketTime.ToEastern(utc));
        return eastern >= Start && eastern < End;
    }
}
