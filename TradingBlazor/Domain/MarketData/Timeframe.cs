namespace TradingBlazor.Domain.MarketData;

/// <summary>A bar size. Intraday bars are aligned to the 09:30 New York open; a daily bar is one trading session.</summary>
public sealed record Timeframe(string Code, TimeSpan Duration, string AlpacaCode)
{
    public static readonly Timeframe Minute1 = new("1m", TimeSpan.FromMinutes(1), "1Min");
    public static readonly Timeframe Minute5 = new("5m", TimeSpan.FromMinutes(5), "5Min");
    public static readonly Timeframe Minute15 = new("15m", TimeSpan.FromMinutes(15), "15Min");
    public static readonly Timeframe Hour1 = new("1h", TimeSpan.FromHours(1), "1Hour");
    public static readonly Timeframe Day1 = new("1d", TimeSpan.FromDays(1), "1Day");

    public static IReadOnlyList<Timeframe> All { get; } = new[] { Minute1, Minute5, Minute15, Hour1, Day1 };

    public bool IsDaily => this == Day1;

    /// <summary>Accepts our codes (1m, 1d) and Alpaca's (1Min, 1Day), case-insensitively.</summary>
    public static Timeframe Parse(string text) =>
        Find(text) ?? throw new FormatException($"Unknown timeframe '{text}'. Use one of: {string.Join(", ", All.Select(t => t.Code))}.");

    /// <summary>As <see cref="Parse"/>, null for an unknown code.</summary>
    public static Timeframe? Find(string? text) =>
        All.FirstOrDefault(t => string.Equals(t.Code, text, StringComparison.OrdinalIgnoreCase) || string.Equals(t.AlpacaCode, text, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Code;
}
