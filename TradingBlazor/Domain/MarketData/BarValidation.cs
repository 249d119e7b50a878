namespace TradingBlazor.Domain.MarketData;

/// <summary>Rules every bar must satisfy before anything uses it; a bad bar is rejected with a reason, never silently used.</summary>
public static class BarValidation
{
    /// <summary>Null when the bar is sound, else why not. <paramref name="previous"/> is the bar before it in the same series.</summary>
    public static string? Check(Bar bar, Bar? previous = null)
    {
        if (bar.StartUtc.Kind != DateTimeKind.Utc) return "timestamp is not UTC";
        if (bar.Open <= 0 || bar.High <= 0 || bar.Low <= 0 || bar.Close <= 0) return "prices must be positive";
        if (bar.High < Math.Max(bar.Open, bar.Close)) return $"high {bar.High} is below max(open, close) {Math.Max(bar.Open, bar.Close)}";
        if (bar.Low > Math.Min(bar.Open, bar.Close)) return $"low {bar.Low} is above min(open, close) {Math.Min(bar.Open, bar.Close)}";
        if (bar.Volume < 0) return $"volume {bar.Volume} is negative";
        if (previous is not null && bar.StartUtc <= previous.StartUtc) return $"time {bar.StartUtc:O} does not increase (previous {previous.StartUtc:O})";
        return null;
    }
}
