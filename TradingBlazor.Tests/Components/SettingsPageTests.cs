using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingBlazor.Components.Pages;
using TradingBlazor.Infrastructure.Configuration;
using TradingBlazor.Services;
using TradingBlazor.Tests.Components.Fakes;

namespace TradingBlazor.Tests.Components;

public sealed class SettingsPageTests : ComponentTestBase
{
    private static readonly string DataDirectory = Path.Combine(Path.GetTempPath(), "tb-settings-test");
    private readonly FakeBrokerService _broker = new();

    public SettingsPageTests()
    {
        Ctx.Services.AddSingleton(Options.Create(new StorageSettings { DataDirectory = DataDirectory }));
        Ctx.Services.AddSingleton(Options.Create(new LogSettings { RetainedDays = 14 }));
        Ctx.Services.AddSingleton<IBrokerService>(_broker);
        Ctx.Services.AddSingleton<IApiKeysService>(new FakeApiKeysService());
    }

    private List<string[]> CalendarRows() =>
        ByTestId("settings-calendar").QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public void Shows_where_the_database_and_logs_live()
    {
        Render<Settings>();

        var storage = ByTestId("settings-storage").TextContent;
        Assert.Contains(Path.Combine(DataDirectory, "tradingblazor.db"), storage);
        Assert.Contains(Path.Combine(DataDirectory, "logs"), storage);
        Assert.Contains("14 days", storage);
    }

    [Fact]
    public void Lists_the_years_holidays_and_early_closes_on_weekdays()
    {
        Render<Settings>();

        Assert.Contains("NYSE holidays and early closes, 2025", ByTestId("settings-calendar").TextContent);
        var rows = CalendarRows();
        Assert.Equal(14, rows.Count);
        Assert.Equal(new[] { "Wed 2025-01-01", "Closed: New Year's Day" }, rows[0]);
        Assert.Contains(new[] { "Thu 2025-01-09", "Closed: National Day of Mourning (Jimmy Carter)" }, rows);
        Assert.Contains(new[] { "Thu 2025-07-03", "Early close 13:00 ET" }, rows);
        Assert.Contains(new[] { "Fri 2025-07-04", "Closed: Independence Day" }, rows);
        Assert.Contains(new[] { "Fri 2025-11-28", "Early close 13:00 ET" }, rows);
        Assert.Equal(new[] { "Thu 2025-12-25", "Closed: Christmas Day" }, rows[^1]);
        Assert.DoesNotContain(rows, r => r[0].StartsWith("Sat", StringComparison.Ordinal) || r[0].StartsWith("Sun", StringComparison.Ordinal));
    }

    [Fact]
    public void The_year_follows_the_clock()
    {
        StartClockAt(new DateTimeOffset(2026, 6, 1, 14, 0, 0, TimeSpan.Zero));

        Render<Settings>();

        Assert.Contains("NYSE holidays and early closes, 2026", ByTestId("settings-calendar").TextContent);
        var rows = CalendarRows();
        Assert.Contains(new[] { "Fri 2026-04-03", "Closed: Good Friday" }, rows);
        Assert.Contains(new[] { "Fri 2026-07-03", "Closed: Independence Day" }, rows);
        Assert.All(rows, r => Assert.Contains("2026-", r[0]));
    }

    [Fact]
    public void Links_the_api_reference_and_hosts_the_broker_panel()
    {
        Render<Settings>();

        Assert.Equal("scalar", ByTestId("api-reference").GetAttribute("href"));
        Assert.Contains(ByTestId("settings-api").QuerySelectorAll("a"), a => a.GetAttribute("href") == "openapi/v1.json");
        Assert.Equal("Simulated (offline)", ByTestId("broker-current").TextContent.Trim());
    }
}
