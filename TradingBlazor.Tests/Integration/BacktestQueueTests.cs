using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TradingBlazor.Engine.Backtesting;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

/// <summary>A few requests cannot exhaust the machine: runs wait for a slot, and a run too large for the bar budget is refused.</summary>
public class BacktestQueueTests
{
    private static StringContent Request(string symbols, string timeframe, string from, string to) => new($$"""
        { "config": { "version": 1, "name": "queue", "symbols": [{{symbols}}], "capital": 10000, "timeframe": "{{timeframe}}",
            "indicators": ["sma(10)", "sma(30)"], "entry": { "rule": "sma_10 crosses_above sma_30" }, "exit": { "rule": "sma_10 crosses_below sma_30" } },
          "from": "{{from}}", "to": "{{to}}", "source": "simulated" }
        """, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Runs_beyond_the_concurrency_wait_in_the_queue_and_all_finish()
    {
        await using var app = await TestApp.StartAsync("--Backtests:MaxConcurrent=1");
        var service = app.Services.GetRequiredService<BacktestService>();
        var running = new ConcurrentDictionary<long, bool>();
        int most = 0;
        var finished = new ConcurrentBag<long>();
        service.Changed += p =>
        {
            if (p.Status == BacktestStatus.Running) running[p.Id] = true;
            else if (!p.Status.IsActive()) { running.TryRemove(p.Id, out _); finished.Add(p.Id); }
            int now = running.Count;
            int seen;
            while ((seen = most) < now && Interlocked.CompareExchange(ref most, now, seen) != seen) { }
        };
        using var http = app.CreateClient();
        var ids = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync("api/backtests", Request("\"SPY\", \"AAPL\"", "1d", "2015-01-02", "2024-12-31"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var started = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("queued", started.GetProperty("status").GetString()); // every run enters the queue first
            ids.Add(started.GetProperty("id").GetInt64());
        }
        await Eventually.HoldsAsync(() => ids.All(finished.Contains), "every queued run finished", TimeSpan.FromSeconds(180));
        Assert.Equal(1, most); // never two at once
        foreach (var id in ids)
            Assert.Equal("completed", (await http.GetFromJsonAsync<JsonElement>($"api/backtests/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_run_larger_than_the_bar_budget_is_refused_naming_the_limit()
    {
        await using var app = await TestApp.StartAsync();
        using var http = app.CreateClient();
        // Ten symbols of minute bars over twenty-five years: about 25 million bars.
        var ten = string.Join(", ", new[] { "SPY", "AAPL", "MSFT", "NVDA", "TSLA", "AMZN", "GOOG", "META", "QQQ", "IWM" }.Select(s => $"\"{s}\""));
        using var response = await http.PostAsync("api/backtests", Request(ten, "1m", "2000-01-03", "2024-12-31"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("to")[0].GetString();
        Assert.Contains("Backtests:MaxBars", message);
        Assert.Contains("20,000,000", message);
        Assert.Empty(await http.GetFromJsonAsync<JsonElement[]>("api/backtests") ?? []); // nothing stored, nothing queued
    }

    [Theory]
    [InlineData("1d", "2025-01-06", "2025-01-10", 1, 5)]      // one week of daily bars
    [InlineData("1m", "2025-01-06", "2025-01-06", 1, 390)]    // one session of minutes
    [InlineData("5m", "2025-01-06", "2025-01-12", 2, 2 * 5 * 78)]
    public void The_bar_estimate_counts_sessions_bars_and_symbols(string timeframe, string from, string to, int symbols, long expected)
    {
        var config = Domain.Strategies.Config.BotConfig.Parse($$"""
            { "name": "estimate", "symbols": [{{string.Join(',', Enumerable.Range(0, symbols).Select(i => $"\"S{i}\""))}}], "capital": 1000,
              "timeframe": "{{timeframe}}", "entry": { "rule": "close > 0" }, "exit": { "rule": "close < 0" } }
            """);
        var request = new BacktestRequest { Config = config, From = DateOnly.Parse(from), To = DateOnly.Parse(to) };
        Assert.Equal(expected, request.EstimatedBars(Domain.MarketData.Timeframe.Parse(timeframe)));
    }
}
