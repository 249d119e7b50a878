using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Alpaca;

public class AlpacaCliTests : IAsyncLifetime
{
    private FakeAlpaca _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeAlpaca.StartAsync();
    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private Dictionary<string, string> Env(string? secret = null, string? url = null) => new()
    {
        ["Alpaca__KeyId"] = FakeAlpaca.KeyId,
        ["Alpaca__SecretKey"] = secret ?? FakeAlpaca.Secret,
        ["Alpaca__TradingUrl"] = url ?? _fake.BaseUrl,
        ["Alpaca__DataUrl"] = url ?? _fake.BaseUrl,
    };

    [Fact]
    public async Task Broker_check_prints_the_account_clock_and_positions()
    {
        var result = await AppProcess.RunAsync(Env(), new[] { "broker", "check" }, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("Alpaca paper account PAFAKE0001: ACTIVE", result.StdOut);
        Assert.Contains("cash 100,000.00", result.StdOut);
        Assert.Contains("market open", result.StdOut);
        Assert.Contains("no open positions", result.StdOut);
        Assert.Contains("Trade updates stream: connected", result.StdOut);
        Assert.Contains("Market data stream: connected", result.StdOut);
    }

    [Fact]
    public async Task Broker_check_fails_in_one_line_when_the_streams_do_not_answer()
    {
        _fake.StreamsDown = true; // REST works; every stream connection is refused
        var result = await AppProcess.RunAsync(Env(), new[] { "broker", "check", "--stream-timeout", "2" }, TimeSpan.FromSeconds(60));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cash 100,000.00", result.StdOut);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: stream check failed: Trade updates stream: not connected after 2 s", line.Trim());
        Assert.DoesNotContain(FakeAlpaca.Secret, result.StdErr + result.StdOut);
    }

    [Theory]
    [InlineData("wrong-secret-abcdef123456", null, "Alpaca rejected the keys (401 40110000")]
    [InlineData(null, "http://127.0.0.1:9/", "cannot reach Alpaca at http://127.0.0.1:9")]
    public async Task Bad_keys_or_no_network_are_one_line(string? secret, string? url, string expected)
    {
        var result = await AppProcess.RunAsync(Env(secret, url), new[] { "broker", "check" }, TimeSpan.FromSeconds(90));
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.DoesNotContain(secret ?? FakeAlpaca.Secret, result.StdErr + result.StdOut);
    }

    [Fact]
    public async Task Missing_keys_say_how_to_configure_them()
    {
        var result = await AppProcess.RunAsync(new Dictionary<string, string>(), new[] { "broker", "check" }, TimeSpan.FromSeconds(60));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Alpaca keys are not configured: set Alpaca__KeyId and Alpaca__SecretKey", result.StdErr);
    }

    [Fact]
    public async Task Data_download_pages_into_the_store_and_adds_nothing_twice()
    {
        _fake.BarCount = 1_200;
        var dir = TestPaths.NewTempDirectory();
        var env = Env();
        env["Storage__DataDirectory"] = dir;
        var csv = Path.Combine(dir, "out.csv");
        var args = new[] { "data", "download", "--symbols", "AAPL,MSFT", "--timeframe", "1Min", "--from", "2026-11-01", "--to", "2026-11-30", "--out", csv };

        var first = await AppProcess.RunAsync(env, args, TimeSpan.FromSeconds(90));
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.Contains("AAPL 1m: 1200 bars downloaded, 1200 new in the store", first.StdOut);
        Assert.Contains("MSFT 1m: 1200 bars downloaded, 1200 new in the store", first.StdOut);
        Assert.Equal(2401, File.ReadAllLines(csv).Length);

        var second = await AppProcess.RunAsync(env, args, TimeSpan.FromSeconds(90));
        Assert.Contains("AAPL 1m: 1200 bars downloaded, 0 new in the store", second.StdOut);
        Assert.All(_fake.RequestLines.Where(l => l.Contains("/bars")), l => Assert.Contains("adjustment=raw", l));
    }

    [Fact]
    public async Task Data_download_asks_for_the_adjustment_given_and_refuses_unknown_ones_in_one_line()
    {
        var env = Env();
        env["Storage__DataDirectory"] = TestPaths.NewTempDirectory();
        var args = new[] { "data", "download", "--symbols", "SPY", "--timeframe", "1Day", "--from", "2026-11-01", "--to", "2026-11-30" };
        var adjusted = await AppProcess.RunAsync(env, args.Append("--adjustment").Append("all").ToArray(), TimeSpan.FromSeconds(90));
        Assert.True(adjusted.ExitCode == 0, adjusted.StdErr);
        Assert.Contains(_fake.RequestLines, l => l.StartsWith("GET /v2/stocks/SPY/bars?", StringComparison.Ordinal) && l.Contains("adjustment=all") && l.Contains("timeframe=1Day"));

        var bad = await AppProcess.RunAsync(env, args.Append("--adjustment").Append("splits").ToArray(), TimeSpan.FromSeconds(60));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--adjustment must be one of raw, split, dividend, all", Assert.Single(bad.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
