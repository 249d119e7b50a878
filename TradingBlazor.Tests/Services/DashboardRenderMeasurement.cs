using System.Diagnostics;
using TradingBlazor.Tests.Support;
using Xunit.Abstractions;

namespace TradingBlazor.Tests.Services;

/// <summary>
/// A measurement, not a speed test: the server render of the Dashboard with 20 bots and 1,000 stored trades, printed for
/// the report. It asserts only that every bot's card was rendered.
/// </summary>
public sealed class DashboardRenderMeasurement(ITestOutputHelper output)
{
    [Fact]
    public async Task The_dashboard_renders_twenty_bots_and_a_thousand_trades()
    {
        await using var app = await TestApp.StartAsync("--Trading:DemoBots=false");
        var ids = await DashboardFleet.SeedAsync(app);
        using var http = app.CreateClient();

        var times = new List<double>();
        string html = "";
        for (int i = 0; i < 6; i++)
        {
            var watch = Stopwatch.StartNew();
            html = await http.GetStringAsync("");
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"Dashboard server render, 20 bots, 1,000 trades: first {times[0]:0} ms, then median {Median(times.Skip(1)):0} ms " +
                         $"(min {times.Skip(1).Min():0}, max {times.Skip(1).Max():0}); {html.Length / 1024} KiB of HTML");
        foreach (var id in ids) Assert.Contains($"data-testid=\"bot-tile-{id}\"", html);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
