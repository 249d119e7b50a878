using System.Text.Json;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Backtesting;

public class BacktestCliTests
{
    private static string Sample(string name) => Path.Combine(TestPaths.RepositoryRoot, "samples", "strategies", name);

    [Fact]
    public async Task The_cli_writes_summary_trades_and_equity_matching_the_reference()
    {
        var outDir = TestPaths.NewTempDirectory();
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(),
            new[] { "backtest", "--data", SpxFixture.BarsPath, "--symbol", "SPX", "--strategy", Sample("sma_cross.json"), "--capital", "10000", "--fractional", "--out", outDir },
            TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("final equity 16,402.86", result.StdOut);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        foreach (var key in new[] { "final_equity", "total_return_pct", "closed_trades", "max_drawdown_pct", "win_rate_pct", "sharpe", "sortino", "profit_factor", "exposure_pct", "benchmark_return_pct" })
            Assert.True(summary.RootElement.TryGetProperty(key, out _), $"summary.json lacks {key}");
        Assert.Equal(87, summary.RootElement.GetProperty("closed_trades").GetInt32());
        Assert.Equal(16402.862044741516, summary.RootElement.GetProperty("final_equity").GetDouble(), 1e-6 * 16402);
        Assert.Equal(88, File.ReadAllLines(Path.Combine(outDir, "trades.csv")).Length);
        Assert.Equal(5106, File.ReadAllLines(Path.Combine(outDir, "equity.csv")).Length);
    }

    [Theory]
    [InlineData("--capital", "-5", "--capital must be a positive number")]
    [InlineData("--fill", "tomorrow", "--fill must be next_open or same_close")]
    [InlineData("--strategy", "missing.json", "strategy file 'missing.json' does not exist")]
    [InlineData("--strategy", "RSI", "holds 1d bars but the strategy runs on 5m")]
    public async Task Bad_input_is_one_line_and_a_non_zero_exit(string option, string value, string expected)
    {
        var args = new List<string> { "backtest", "--data", SpxFixture.BarsPath, "--symbol", "SPX", "--strategy", Sample("sma_cross.json") };
        int i = args.IndexOf(option);
        var actual = value == "RSI" ? Sample("rsi_mean_reversion.json") : value;
        if (i >= 0) args[i + 1] = actual; else args.AddRange(new[] { option, actual });
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), args.ToArray(), TimeSpan.FromSeconds(60));
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task A_bad_config_names_the_field()
    {
        var dir = TestPaths.NewTempDirectory();
        var bad = Path.Combine(dir, "bad.json");
        File.WriteAllText(bad, File.ReadAllText(Sample("sma_cross.json")).Replace("sma_10 crosses_above sma_30", "sma_11 crosses_above sma_30"));
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), new[] { "backtest", "--data", SpxFixture.BarsPath, "--strategy", bad }, TimeSpan.FromSeconds(60));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: entry.rule: unknown variable 'sma_11'", result.StdErr.Trim());
    }
}
