using TradingBlazor.Engine.Backtesting;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Integration;

/// <summary>No backtest stays "running" forever: one whose entry fires before its exit's indicators warm up completes, and runs a killed process left running end as interrupted.</summary>
public sealed class BacktestRunEndingTests
{
    [Fact]
    public async Task An_entry_before_the_exits_warm_up_completes_with_its_trades()
    {
        await using var app = await TestApp.StartAsync("--Trading:DemoBots=false");
        using var http = app.CreateClient();
        const string body = """
            { "config": { "version": 1, "name": "early entry", "symbols": ["SPY"], "capital": 10000, "timeframe": "1d",
                "indicators": ["sma(10)", "sma(30)"], "entry": { "rule": "close > 1" }, "exit": { "rule": "sma_10 crosses_below sma_30" },
                "risk": { "position_sizing": "all_in" }, "execution": { "mode": "auto" } },
              "from": "2025-01-02", "to": "2025-12-31", "source": "simulated" }
            """;
        using var start = await http.PostAsync("api/backtests", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        long id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        JsonElement run = default;
        await Eventually.HoldsAsync(async () =>
        {
            run = await http.GetFromJsonAsync<JsonElement>($"api/backtests/{id}");
            return run.GetProperty("status").GetString() is not ("running" or "queued");
        }, "the run ended", TimeSpan.FromSeconds(30));
        Assert.Equal("completed", run.GetProperty("status").GetString());
        var trades = await http.GetFromJsonAsync<JsonElement>($"api/backtests/{id}/trades");
        Assert.True(trades.GetArrayLength() > 0);
    }

    [Fact]
    public async Task Runs_left_running_by_a_dead_process_end_as_interrupted()
    {
        var dir = TestPaths.NewTempDirectory("tb-interrupted");
        var path = Path.Combine(dir, "tradingblazor.db");
        var options = DataServices.Configure(new DbContextOptionsBuilder<TradingDbContext>(), path).Options;
        await using (var db = new TradingDbContext((DbContextOptions<TradingDbContext>)options))
        {
            await db.Database.MigrateAsync();
            db.BacktestRuns.Add(new BacktestRunRecord { Name = "killed", RequestJson = "{}", Symbols = "SPY", Timeframe = "1d", Source = "simulated", Status = BacktestStatus.Running,
                FromUtc = DateTime.UtcNow, ToUtc = DateTime.UtcNow, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var app = await TestApp.StartInAsync(dir, "--Trading:DemoBots=false");
        using var http = app.CreateClient();
        var runs = await http.GetFromJsonAsync<JsonElement>("api/backtests");
        var killed = runs.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "killed");
        Assert.Equal("interrupted", killed.GetProperty("status").GetString());
        Assert.Contains("stopped before this run finished", killed.GetProperty("error").GetString());
    }
}
