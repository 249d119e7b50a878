using System.Diagnostics;
using System.Text.Json;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Alpaca;

/// <summary>
/// The fake Alpaca, driven by Alpaca's official JS SDK (an independent client with its own generated models): if the
/// fake spoke the protocol wrongly, the SDK would fail to parse it. scripts/test.sh installs the SDK with npm ci.
/// </summary>
public class OfficialSdkCrossCheckTests
{
    [Fact]
    public async Task The_official_js_sdk_accepts_the_fakes_rest_answers_and_trade_updates_stream()
    {
        await using var fake = await FakeAlpaca.StartAsync();
        var dir = Path.Combine(TestPaths.RepositoryRoot, "tools", "alpaca-crosscheck");
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules", "@alpacahq")), "run `npm ci` in tools/alpaca-crosscheck (scripts/test.sh does)");
        var start = new ProcessStartInfo("node", new[] { "crosscheck.js", fake.BaseUrl }) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["APCA_API_KEY_ID"] = FakeAlpaca.KeyId;
        start.Environment["APCA_API_SECRET_KEY"] = FakeAlpaca.Secret;
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await Eventually.HoldsAsync(() => fake.SubscribedDataPeers == 1 || node.HasExited, "the SDK subscribed to market data");
        var minute = FakeAlpaca.FirstBar.AddMinutes(5);
        fake.PublishBar("AAPL", minute, 190.10m, 190.40m, 190.00m, 190.30m, 1200);
        fake.PublishTrade("AAPL", 190.25m, 7, minute.AddSeconds(61).AddTicks(1234567));
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(node.ExitCode == 0, await stderr);

        var seen = JsonDocument.Parse(await stdout).RootElement;
        Assert.Equal("authenticated", seen.GetProperty("streamAuth").GetString());
        Assert.Equal("ACTIVE", seen.GetProperty("account").GetProperty("status").GetString());
        Assert.Equal("100000", seen.GetProperty("account").GetProperty("cash").GetString());
        Assert.True(seen.GetProperty("clockIsOpen").GetBoolean());
        Assert.Equal("filled", seen.GetProperty("placed").GetProperty("status").GetString());
        Assert.Equal("2", seen.GetProperty("placed").GetProperty("filledQty").GetString());
        Assert.Equal(422, seen.GetProperty("duplicate").GetInt32());
        Assert.True(seen.GetProperty("byClientId").GetBoolean());
        Assert.Equal(new[] { "js-2" }, seen.GetProperty("openOrders").EnumerateArray().Select(e => e.GetString()));
        Assert.True(seen.GetProperty("replaced").GetProperty("replaces").GetBoolean());
        Assert.Equal("301", seen.GetProperty("replaced").GetProperty("limitPrice").GetString());
        Assert.Equal("canceled", seen.GetProperty("afterCancel").GetString());
        Assert.Equal(new[] { "AAPL:2" }, seen.GetProperty("positions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, seen.GetProperty("fills").GetInt32());
        Assert.Equal(new[] { "AAPL" }, seen.GetProperty("barsPage").GetProperty("symbols").EnumerateArray().Select(e => e.GetString()));
        Assert.True(seen.GetProperty("barsPage").GetProperty("nextPageToken").GetBoolean());
        Assert.Equal(new[] { "new:js-1", "fill:js-1", "new:js-2", "replaced:js-2", "canceled:js-2b" }, seen.GetProperty("tradeUpdates").EnumerateArray().Select(e => e.GetString()));

        // Market data in MessagePack, timestamps as the nanosecond extension: decoded by the SDK's own msgpack codec.
        Assert.Equal("authenticated", seen.GetProperty("dataAuth").GetString());
        Assert.Equal("AAPL 190.1 190.4 190 190.3 1200 2026-11-02T14:35:00.000000000Z", Assert.Single(seen.GetProperty("bars").EnumerateArray()).GetString());
        Assert.Equal(new[] { "AAPL 190.25 7 2026-11-02T14:36:01.123456712Z" }, seen.GetProperty("trades").EnumerateArray().Select(e => e.GetString()));
    }
}
