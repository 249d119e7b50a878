using TradingBlazor.Services;

namespace TradingBlazor.Tests.Services;

public class TradeSheetTests
{
    private static readonly DateTime At = new(2025, 3, 12, 14, 31, 0, DateTimeKind.Utc);

    private static TradeLine Line(long id, decimal? pnl, decimal fees = 1m, decimal entry = 100m, decimal? exit = 101m) =>
        new(id, 1, "Momentum", "SPY", 3m, At, entry, pnl is null ? null : At.AddHours(1), pnl is null ? null : exit, pnl, fees, pnl is null ? null : "signal");

    [Fact]
    public void Totals_count_every_trade_but_rate_and_factor_only_closed_ones()
    {
        var totals = TradeTotals.Of(new[] { Line(1, 30m), Line(2, -10m), Line(3, -5m), Line(4, 0m), Line(5, null, fees: 0.25m) });

        Assert.Equal((5, 4, 1), (totals.Count, totals.Closed, totals.Winners));
        Assert.Equal(0.25m, totals.WinRate);
        Assert.Equal((15m, 4.25m), (totals.RealizedPnl, totals.Fees));
        Assert.Equal(2m, totals.ProfitFactor);
    }

    [Fact]
    public void Win_rate_and_profit_factor_are_absent_when_undefined()
    {
        Assert.Equal((null, null), (TradeTotals.Of(new[] { Line(1, null) }).WinRate, TradeTotals.Of(new[] { Line(1, null) }).ProfitFactor));
        var onlyWinners = TradeTotals.Of(new[] { Line(1, 10m) });
        Assert.Equal((1m, (decimal?)null), (onlyWinners.WinRate, onlyWinners.ProfitFactor));
        Assert.Equal(0, TradeTotals.Of(Array.Empty<TradeLine>()).Count);
    }

    [Theory]
    [InlineData(TradeOutcome.All, new long[] { 1, 2, 3, 4 })]
    [InlineData(TradeOutcome.Winners, new long[] { 1 })]
    [InlineData(TradeOutcome.Losers, new long[] { 2 })]
    [InlineData(TradeOutcome.Open, new long[] { 4 })]
    public void The_outcome_filter_keeps_winners_losers_or_open_trades_and_breakeven_is_neither(TradeOutcome outcome, long[] kept)
    {
        var sheet = TradeSheet.Of(new TradeFilter(Outcome: outcome), new[] { Line(1, 5m), Line(2, -5m), Line(3, 0m), Line(4, null) }, truncated: false);

        Assert.Equal(kept, sheet.Lines.Select(l => l.Id));
        Assert.Equal(kept.Length, sheet.Totals.Count);
    }

    [Fact]
    public void New_york_dates_become_a_utc_range_across_daylight_time()
    {
        var winter = new TradeFilter(From: new DateOnly(2025, 3, 7), To: new DateOnly(2025, 3, 7)).UtcRange();
        var summer = new TradeFilter(From: new DateOnly(2025, 3, 10), To: new DateOnly(2025, 3, 12)).UtcRange();

        Assert.Equal((new DateTime(2025, 3, 7, 5, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 8, 5, 0, 0, DateTimeKind.Utc)), (winter.FromUtc!.Value, winter.ToUtc!.Value));
        Assert.Equal((new DateTime(2025, 3, 10, 4, 0, 0, DateTimeKind.Utc), new DateTime(2025, 3, 13, 4, 0, 0, DateTimeKind.Utc)), (summer.FromUtc!.Value, summer.ToUtc!.Value));
        Assert.Equal((null, null), new TradeFilter().UtcRange());
    }

    [Fact]
    public void The_csv_has_the_sheets_lines_in_order_with_cents_four_decimal_returns_and_clean_quantities()
    {
        var divided = 1000m / 7m; // 142.857142857142857142857142857
        var lines = new[]
        {
            new TradeLine(7, 2, "Mean \"reversion\", v2", "AAPL", 0.333333333333m, At, divided, At.AddMinutes(90), 150m, 2.3809523809523809m, 0.0049m, "take_profit"),
            new TradeLine(6, null, null, "SPY", 12.500000000m, At, 500m, null, null, null, 0m, null),
        };

        var csv = TradeSheet.Of(new TradeFilter(), lines, truncated: false).ToCsv().Split("\r\n");

        Assert.Equal(TradeSheet.CsvHeader, csv[0]);
        Assert.Equal("7,2,\"Mean \"\"reversion\"\", v2\",AAPL,0.333333333,2025-03-12T14:31:00Z,142.86,2025-03-12T16:01:00Z,150.00,5.0000,2.38,0.00,take_profit", csv[1]);
        Assert.Equal("6,,,SPY,12.5,2025-03-12T14:31:00Z,500.00,,,,,0.00,", csv[2]);
        Assert.Equal("", csv[3]);
        Assert.Equal(4, csv.Length);
    }
}
