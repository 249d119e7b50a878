using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using TradingBlazor.Components.Pages;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class TradesPageTests : ComponentTestBase
{
    // 10:31 in New York (daylight time since March 9).
    private static readonly DateTime At = new(2025, 3, 12, 14, 31, 0, DateTimeKind.Utc);
    private readonly FakeTradesService _trades = new();

    public TradesPageTests()
    {
        Ctx.Services.AddSingleton<ITradesService>(_trades);
        _trades.Bots.Add(new BotChoice(1, "Momentum", new[] { "SPY", "AAPL" }));
        _trades.Bots.Add(new BotChoice(2, "Pullback", new[] { "MSFT" }));
    }

    private static TradeLine Closed(long id, long bot, string symbol, decimal pnl, DateTime? entry = null) =>
        new(id, bot, bot == 1 ? "Momentum" : "Pullback", symbol, 10m, entry ?? At, 100m, (entry ?? At).AddMinutes(30), 100m + pnl / 10m, pnl, 0.5m, "signal");

    private List<string[]> Rows() =>
        ByTestId("trades-grid").QuerySelectorAll("tbody tr.mud-table-row").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    private string Total(string name) => ByTestId($"total-{name}").TextContent.Trim();

    [Fact]
    public void Says_when_there_are_no_trades_yet()
    {
        Render<Trades>();

        Assert.Equal(new TradeFilter(), Assert.Single(_trades.Loads));
        Assert.Contains("No trades yet. Trades appear here as soon as a bot fills an order.", ByTestId("trades-grid").TextContent);
        Assert.Equal("0", Total("count"));
        Assert.Equal("—", Total("win-rate"));
        Assert.True(ByTestId("trades-export").HasAttribute("disabled"));
    }

    [Fact]
    public void Shows_closed_and_open_trades_in_new_york_time_with_links_to_their_bots_and_the_totals()
    {
        _trades.Lines.Add(new TradeLine(2, 1, "Momentum", "AAPL", 0.125m, At.AddMinutes(29), 210m, null, null, null, 0.01m, null));
        _trades.Lines.Add(new TradeLine(1, 1, "Momentum", "SPY", 10m, At, 1234.5m, At.AddHours(2), 1240.25m, 57m, 0.5m, "take_profit"));

        Render<Trades>();

        var rows = Rows();
        Assert.Equal(new[] { "AAPL", "Momentum", "03-12 11:00", "0.125", "$210.00", "—", "—", "—", "open", "$0.01", "" }, rows[0]);
        Assert.Equal(new[] { "SPY", "Momentum", "03-12 10:31", "10", "$1,234.50", "03-12 12:31", "$1,240.25", "+0.47%", "$57.00", "$0.50", "take_profit" }, rows[1]);
        Assert.All(Host.FindAll("[data-testid='trade-bot-link']"), a => Assert.Equal("bots/1", a.GetAttribute("href")));
        Assert.Equal(("2", "100.00%", "$57.00", "$0.51", "—"), (Total("count"), Total("win-rate"), Total("pnl"), Total("fees"), Total("profit-factor")));
    }

    [Fact]
    public async Task Filters_reload_the_list_and_the_totals_follow_what_is_shown()
    {
        _trades.Lines.AddRange(new[] { Closed(4, 2, "MSFT", -20m), Closed(3, 1, "SPY", 30m), Closed(2, 1, "AAPL", -10m), Closed(1, 1, "SPY", 50m) });
        Render<Trades>();
        Assert.Equal(("4", "50.00%", "$50.00", "2.67"), (Total("count"), Total("win-rate"), Total("pnl"), Total("profit-factor")));

        await SelectAsync<long>("Bot", 1);
        Host.WaitForAssertion(() => Assert.Equal(3, Rows().Count));
        Assert.Equal(1, _trades.Loads.Last().BotId);
        Assert.Equal(("3", "66.67%", "$70.00", "8.00"), (Total("count"), Total("win-rate"), Total("pnl"), Total("profit-factor")));

        await SelectAsync("Result", TradeOutcome.Losers);
        Host.WaitForAssertion(() => Assert.Single(Rows()));
        Assert.Equal("AAPL", Rows()[0][0]);
        Assert.Equal(("1", "0.00%", "-$10.00"), (Total("count"), Total("win-rate"), Total("pnl")));

        await SelectAsync("Symbol", "SPY");
        Host.WaitForAssertion(() => Assert.Contains("No trades match these filters.", ByTestId("trades-grid").TextContent));
        Assert.Equal(new TradeFilter(1, "SPY", null, null, TradeOutcome.Losers), _trades.Loads.Last());
    }

    [Fact]
    public async Task Export_streams_exactly_the_filtered_trades_to_the_browser()
    {
        _trades.Lines.AddRange(new[] { Closed(3, 1, "SPY", 30m), Closed(2, 1, "AAPL", -10m), Closed(1, 2, "MSFT", 50m) });
        var module = Ctx.JSInterop.SetupModule("./js/download.js");
        var save = module.SetupVoid("saveFile", _ => true);
        Render<Trades>();
        await SelectAsync<long>("Bot", 1);
        Host.WaitForAssertion(() => Assert.Equal(2, Rows().Count));

        var clicking = ByTestId("trades-export").ClickAsync(new());
        Host.WaitForAssertion(() => Assert.Single(save.Invocations));
        var call = save.Invocations.Single();
        var data = Assert.IsType<DotNetStreamReference>(call.Arguments[2]);
        var csv = await new StreamReader(data.Stream, Encoding.UTF8).ReadToEndAsync();
        save.SetVoidResult();
        await clicking;

        Assert.Equal(("trades-test.csv", "text/csv"), (call.Arguments[0], call.Arguments[1]));
        var lines = csv.Split("\r\n");
        Assert.Equal(TradeSheet.CsvHeader, lines[0]);
        Assert.Equal("3,1,Momentum,SPY,10,2025-03-12T14:31:00Z,100.00,2025-03-12T15:01:00Z,103.00,3.0000,30.00,0.50,signal", lines[1]);
        Assert.Equal("2,1,Momentum,AAPL,10,2025-03-12T14:31:00Z,100.00,2025-03-12T15:01:00Z,99.00,-1.0000,-10.00,0.50,signal", lines[2]);
        Assert.Equal(new[] { "", }, lines[3..]);
        Assert.Equal(2, _trades.Exports.Single().Lines.Count);
        Host.WaitForAssertion(() => Assert.Contains("Exported 2 trade(s)", Host.Find(".mud-snackbar").TextContent));
    }

    [Fact]
    public async Task A_fill_shows_at_once_unless_live_updates_are_paused()
    {
        _trades.Lines.Add(Closed(1, 1, "SPY", 10m));
        Render<Trades>();

        _trades.Fill(Closed(2, 1, "AAPL", 20m, At.AddMinutes(5)));
        Host.WaitForAssertion(() => Assert.Equal(2, Rows().Count));
        Assert.Equal("AAPL", Rows()[0][0]);

        await Host.Find("[data-testid='trades-live'] input, input[data-testid='trades-live']").ChangeAsync(new ChangeEventArgs { Value = false });
        _trades.Fill(Closed(3, 2, "MSFT", 5m, At.AddMinutes(6)));
        Host.WaitForAssertion(() => Assert.Contains("1 fill(s) since", ByTestId("trades-status").TextContent));
        Assert.Equal(2, Rows().Count);

        await Host.Find("[data-testid='trades-live'] input, input[data-testid='trades-live']").ChangeAsync(new ChangeEventArgs { Value = true });
        Host.WaitForAssertion(() => Assert.Equal(3, Rows().Count));
        Assert.Equal("3", Total("count"));
    }

    [Fact]
    public void Leaving_the_page_ends_its_subscription()
    {
        Render<Trades>();
        Assert.True(_trades.HasSubscribers);

        Host.FindComponent<Trades>().Instance.Dispose();

        Assert.False(_trades.HasSubscribers);
    }
}
