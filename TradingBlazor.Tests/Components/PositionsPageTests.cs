using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Components.Pages;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class PositionsPageTests : ComponentTestBase
{
    private static readonly DateTime At = new(2025, 3, 12, 14, 31, 0, DateTimeKind.Utc); // 10:31 New York
    private readonly FakePositionsService _book = new();

    public PositionsPageTests()
    {
        Ctx.Services.AddSingleton<IPositionsService>(_book);
        Ctx.Services.AddSingleton<IKillSwitchService>(new FakeKillSwitchService());
        _book.Positions.Add(new OpenPosition(1, "Momentum", "SPY", 10m, 500m, 505.5m, 55m, At, false));
        _book.Positions.Add(new OpenPosition(2, "Pullback", "MSFT", 0.5m, 400m, 396m, -2m, At.AddMinutes(4), false));
        _book.Orders.Add(new WorkingOrder(1, "Momentum", "tb1-AAPL-202503121431-b", "AAPL", OrderSide.Buy, null, 2_000m, OrderStatus.Accepted, 0m, At));
    }

    private List<string[]> Rows(string grid) =>
        ByTestId(grid).QuerySelectorAll("tbody tr.mud-table-row").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    // The click's handler waits for the dialog: the returned task ends once the dialog is answered.
    private Task OpenCloseDialog(string testId)
    {
        var clicking = ByTestId(testId).ClickAsync(new());
        Host.WaitForElement("[data-testid='close-position-confirm']");
        return clicking;
    }

    [Fact]
    public void Lists_positions_with_their_marks_and_the_working_orders_with_the_totals()
    {
        Render<Positions>();

        Assert.Equal(new[] { "SPY", "Momentum", "10", "$500.00", "$505.50", "$5,055.00", "$55.00", "+1.10%", "03-12 10:31", "Close" }, Rows("positions-grid")[0]);
        Assert.Equal(new[] { "MSFT", "Pullback", "0.5", "$400.00", "$396.00", "$198.00", "-$2.00", "-1.00%", "03-12 10:35", "Close" }, Rows("positions-grid")[1]);
        Assert.Equal(new[] { "AAPL", "Momentum", "Buy", "$2,000.00", "0", "Accepted", "03-12 10:31:00", "tb1-AAPL-202503121431-b", "Cancel" }, Rows("orders-grid")[0]);
        Assert.Equal(("2", "$5,253.00", "$53.00"),
            (ByTestId("positions-count").TextContent.Trim(), ByTestId("positions-value").TextContent.Trim(), ByTestId("positions-unrealized").TextContent.Trim()));
        Assert.Equal("bots/2", ByTestId("positions-grid").QuerySelectorAll("a")[1].GetAttribute("href"));
        Assert.True(HasTestId("kill-switch"));
    }

    [Fact]
    public async Task Closing_asks_first_and_keeping_the_position_sells_nothing()
    {
        Render<Positions>();
        var clicking = OpenCloseDialog("close-1-SPY");
        Assert.Contains("Momentum sells its 10 SPY at the market now", Host.Find(".mud-dialog").TextContent);
        Assert.Contains("$55.00 (+1.10%)", Host.Find(".mud-dialog").TextContent);

        await ByTestId("close-position-cancel").ClickAsync(new());
        await clicking;

        Host.WaitForAssertion(() => Assert.Empty(Host.FindAll(".mud-dialog")));
        Assert.Empty(_book.Closes);
        Assert.Equal(2, Rows("positions-grid").Count);
    }

    [Fact]
    public async Task Confirming_closes_the_position_and_the_list_reloads_without_it()
    {
        Render<Positions>();
        var clicking = OpenCloseDialog("close-2-MSFT");

        await ByTestId("close-position-confirm").ClickAsync(new());
        await clicking;

        Assert.Equal(new[] { (2L, "MSFT") }, _book.Closes);
        Host.WaitForAssertion(() => Assert.Single(Rows("positions-grid")));
        Assert.Equal("SPY", Rows("positions-grid")[0][0]);
        Assert.Contains("Pullback sold its MSFT", Host.Find(".mud-snackbar").TextContent);
    }

    [Fact]
    public async Task A_refused_close_says_why_and_keeps_the_row()
    {
        _book.Refusal = "The bot holds no SPY.";
        Render<Positions>();
        var clicking = OpenCloseDialog("close-1-SPY");

        await ByTestId("close-position-confirm").ClickAsync(new());
        await clicking;

        Host.WaitForAssertion(() => Assert.Contains("Could not close SPY: The bot holds no SPY.", Host.Find(".mud-snackbar").TextContent));
        Assert.Equal(2, Rows("positions-grid").Count);
    }

    [Fact]
    public async Task Cancel_sends_the_order_to_be_cancelled_and_it_leaves_the_list()
    {
        Render<Positions>();

        await ByTestId("cancel-tb1-AAPL-202503121431-b").ClickAsync(new());

        Assert.Equal(new[] { (1L, "tb1-AAPL-202503121431-b") }, _book.Cancels);
        Host.WaitForAssertion(() => Assert.Contains("No orders working.", ByTestId("orders-grid").TextContent));
    }

    [Fact]
    public void Engine_events_reload_the_book_and_the_subscription_ends_with_the_page()
    {
        Render<Positions>();

        _book.Change(() => _book.Positions.Add(new OpenPosition(1, "Momentum", "AAPL", 3m, 200m, 201m, 3m, At, false)));
        Host.WaitForAssertion(() => Assert.Equal(3, Rows("positions-grid").Count));
        Assert.Equal("3", ByTestId("positions-count").TextContent.Trim());

        Host.FindComponent<Positions>().Instance.Dispose();
        Assert.False(_book.HasSubscribers);
    }

    [Fact]
    public void An_unmanaged_broker_position_is_shown_and_cannot_be_closed_here()
    {
        _book.Positions.Add(new OpenPosition(null, null, "TSLA", 4m, 250m, 250m, 0m, null, true));

        Render<Positions>();

        var row = Rows("positions-grid")[2];
        Assert.Equal(("TSLA", "Unmanaged", ""), (row[0], row[1], row[^1]));
    }
}
