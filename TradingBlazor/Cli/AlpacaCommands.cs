using System.Globalization;
using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Cli;

/// <summary>
/// <c>broker check</c> and <c>data download --symbols AAPL,MSFT --timeframe 1Min --from 2024-01-02 --to 2024-01-31 [--feed iex|sip] [--adjustment raw|split|dividend|all] [--out file.csv]</c>,
/// using the same configuration as the app (Alpaca__KeyId, Alpaca__SecretKey, Alpaca__Paper, Alpaca__TradingUrl, Alpaca__DataUrl, Alpaca__Feed).
/// </summary>
public static class AlpacaCommands
{
    public const string CheckUsage = "broker check [--stream-timeout 10]";
    public const string DownloadUsage = "data download --symbols AAPL,MSFT --timeframe 1Min|5Min|15Min|1Hour|1Day --from YYYY-MM-DD --to YYYY-MM-DD [--feed iex|sip] [--adjustment raw|split|dividend|all] [--out file.csv]";

    private static async Task<WebApplication> HostAsync(string[] hostArgs, bool needStore)
    {
        var app = await CliHost.StartAsync(hostArgs, migrate: needStore);
        if (!app.Services.GetRequiredService<IOptions<AlpacaSettings>>().Value.HasKeys)
            throw new CliUsageException("Alpaca keys are not configured: set Alpaca__KeyId and Alpaca__SecretKey (environment, user-secrets or .env)");
        return app;
    }

    public static async Task<int> CheckAsync(CliArguments args, string[] hostArgs, TextWriter stdout)
    {
        var streamTimeout = TimeSpan.FromSeconds(args.Int("stream-timeout", 10, 1, 120));
        args.RejectUnknown();
        await using var app = await HostAsync(hostArgs, needStore: false);
        var client = app.Services.GetRequiredService<AlpacaTradingClient>();
        var settings = app.Services.GetRequiredService<IOptions<AlpacaSettings>>().Value;
        return await Guard(client.BaseUrl, async () =>
        {
            var account = await client.GetAccountAsync() ?? throw new CliUsageException("Alpaca returned no account");
            var clock = await client.GetClockAsync();
            var positions = await client.GetPositionsAsync();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Alpaca {(settings.Paper ? "paper" : "LIVE")} account {account.AccountNumber}: {account.Status}"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cash {account.Cash:N2} · equity {account.Equity:N2} · buying power {account.BuyingPower:N2}{(account.PatternDayTrader ? " · pattern day trader" : "")}{(account.TradingBlocked ? " · TRADING BLOCKED" : "")}"));
            if (clock is not null)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"market {(clock.IsOpen ? "open" : "closed")} · next open {clock.NextOpen:yyyy-MM-dd HH:mm}Z · next close {clock.NextClose:yyyy-MM-dd HH:mm}Z"));
            stdout.WriteLine(positions.Count == 0 ? "no open positions" : $"{positions.Count} open positions:");
            foreach (var p in positions)
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Symbol} {p.Qty} @ {p.AvgEntryPrice} (value {p.MarketValue:N2}, unrealized {p.UnrealizedPl:N2})"));
            return await CheckStreamsAsync(app.Services, settings, streamTimeout, stdout);
        });
    }

    /// <summary>Opens both streams once: REST can work while a stream refuses the keys or the feed (e.g. 409 for sip without a plan).</summary>
    private static async Task<int> CheckStreamsAsync(IServiceProvider services, AlpacaSettings settings, TimeSpan timeout, TextWriter stdout)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var logs = services.GetRequiredService<ILoggerFactory>();
        var data = services.GetRequiredService<AlpacaMarketDataClient>();
        await using var trading = new AlpacaTradingStream(settings, clock, logs.CreateLogger<AlpacaTradingStream>());
        await using var market = new AlpacaDataStream(settings, data, services.GetRequiredService<Domain.Calendar.IMarketCalendar>(), clock,
            logs.CreateLogger<AlpacaDataStream>());
        var streams = new AlpacaStream[] { trading, market };
        foreach (var stream in streams) stream.Start();
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < timeout && streams.Any(s => s.Status.State is not (StreamState.Connected or StreamState.Failed)))
            await Task.Delay(50);
        string? failure = null;
        foreach (var status in streams.Select(s => s.Status))
        {
            string line = status.State switch
            {
                StreamState.Connected => $"{status.Name}: connected",
                StreamState.Failed => $"{status.Name}: refused: {status.LastError}",
                _ => $"{status.Name}: not connected after {timeout.TotalSeconds:F0} s ({status.LastError ?? "no answer"})",
            };
            stdout.WriteLine(line);
            if (status.State != StreamState.Connected) failure ??= line;
        }
        return failure is null ? 0 : throw new CliUsageException($"stream check failed: {failure}");
    }

    public static async Task<int> DownloadAsync(CliArguments args, string[] hostArgs, TextWriter stdout)
    {
        var symbols = args.Required("symbols").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToList();
        var timeframe = Timeframe.Parse(args.Required("timeframe"));
        var from = Date(args.Required("from"), "from");
        var to = Date(args.Required("to"), "to");
        var feed = args.Optional("feed");
        var adjustment = args.Optional("adjustment") ?? "raw";
        var outPath = args.OptionalPath("out");
        args.RejectUnknown();
        if (to < from) throw new CliUsageException("--to must not be before --from");
        if (feed is not null and not ("iex" or "sip")) throw new CliUsageException("--feed must be iex or sip");
        if (Array.IndexOf(AlpacaMarketDataClient.Adjustments, adjustment) < 0) throw new CliUsageException($"--adjustment must be one of {string.Join(", ", AlpacaMarketDataClient.Adjustments)}");

        if (feed is not null) hostArgs = hostArgs.Append($"--Alpaca:Feed={feed}").ToArray();
        await using var app = await HostAsync(hostArgs, needStore: true);
        var data = app.Services.GetRequiredService<AlpacaMarketDataClient>();
        var store = app.Services.GetRequiredService<IBarStore>();
        var trading = app.Services.GetRequiredService<AlpacaTradingClient>();
        return await Guard(trading.BaseUrl, async () =>
        {
            var all = new List<Bar>();
            var fromUtc = Domain.Time.MarketTime.ToUtc(from, TimeOnly.MinValue);
            var toUtc = Domain.Time.MarketTime.ToUtc(to.AddDays(1), TimeOnly.MinValue);
            foreach (var symbol in symbols)
            {
                var bars = await data.GetBarsAsync(symbol, timeframe, fromUtc, toUtc, adjustment);
                int added = await store.UpsertAsync(bars);
                stdout.WriteLine($"{symbol} {timeframe}: {bars.Count} bars downloaded, {added} new in the store");
                all.AddRange(bars);
            }
            if (outPath is not null)
            {
                await using var writer = new StreamWriter(outPath.Full);
                await writer.WriteLineAsync(symbols.Count > 1 ? "symbol,timestamp,open,high,low,close,volume" : "timestamp,open,high,low,close,volume");
                foreach (var b in all)
                    await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{(symbols.Count > 1 ? b.Symbol + "," : "")}{b.StartUtc:yyyy-MM-dd'T'HH:mm:ss'Z'},{b.Open},{b.High},{b.Low},{b.Close},{b.Volume}"));
                stdout.WriteLine($"wrote {all.Count} bars to {outPath}");
            }
            return 0;
        });
    }

    /// <summary>Auth and network failures become one clear line (never with credentials).</summary>
    private static async Task<int> Guard(Uri endpoint, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (AlpacaApiException ex) when (ex.IsAuthFailure || ex.Status is 401 or 403)
        {
            throw new CliUsageException($"Alpaca rejected the keys ({ex.Status} {ex.Code}: {ex.AlpacaMessage}); check Alpaca__KeyId, Alpaca__SecretKey and Alpaca__Paper");
        }
        catch (AlpacaAmbiguousException ex)
        {
            throw new CliUsageException($"cannot reach Alpaca at {endpoint.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
        }
    }

    private static DateOnly Date(string text, string name) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new CliUsageException($"--{name} must be a date yyyy-MM-dd (got '{text}')");
}
