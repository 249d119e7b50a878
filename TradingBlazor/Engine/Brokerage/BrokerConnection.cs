using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Simulated;
using TradingBlazor.Data;
using TradingBlazor.Data.Entities;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.Brokerage;

/// <summary>
/// Which broker the app trades through, as the trader chose it on the Settings page (kept in the store, so it survives a
/// restart). Switching to Alpaca opens both streams; live trading needs keys and an explicit confirmation every time it
/// is chosen. The keys themselves only ever come from configuration (environment, user-secrets, .env).
/// </summary>
public sealed class BrokerConnection : IHostedService, IAsyncDisposable
{
    public const string SettingKey = "broker.mode";
    private readonly IDbContextFactory<TradingDbContext> _db;
    private readonly AlpacaSettings _settings;
    private readonly AlpacaHttp _http;
    private readonly IMarketCalendar _calendar;
    private readonly TimeProvider _clock;
    private readonly ILoggerFactory _logs;
    private readonly IReadOnlyList<string> _watchlist;
    private readonly SemaphoreSlim _switching = new(1, 1);
    private readonly ILogger<BrokerConnection> _log;

    public BrokerConnection(IDbContextFactory<TradingDbContext> db, IOptions<AlpacaSettings> settings, AlpacaHttp http, IMarketCalendar calendar, TimeProvider clock,
        ILoggerFactory logs, SimulatedMarket market)
    {
        _db = db;
        _settings = settings.Value;
        _http = http;
        _calendar = calendar;
        _clock = clock;
        _logs = logs;
        _log = logs.CreateLogger<BrokerConnection>();
        _watchlist = market.Symbols.ToList();
    }

    public BrokerMode Mode { get; private set; } = BrokerMode.Simulated;
    public AlpacaSession? Alpaca { get; private set; }
    public bool HasKeys => _settings.HasKeys;
    public event Action? Changed;
    /// <summary>Why the broker may not be switched now (bots trading on the current account), or null.</summary>
    public Func<string?>? SwitchGuard { get; set; }

    /// <summary>A session was created and is about to connect: the engine hooks into it before the first message.</summary>
    public event Action<AlpacaSession>? SessionOpening;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await _db.CreateDbContextAsync(cancellationToken);
        var saved = await db.AppSettings.FindAsync(new object[] { SettingKey }, cancellationToken);
        if (saved is null || !Enum.TryParse<BrokerMode>(saved.Value, out var mode) || mode == BrokerMode.Simulated) return;
        if (!HasKeys)
        {
            _log.LogWarning("Broker mode {Mode} was saved but no Alpaca keys are configured; trading stays simulated", mode);
            return;
        }
        Open(mode);
    }

    /// <summary>Switches brokers. Returns an error for the trader (field, message), or null when done.</summary>
    /// <param name="confirmation">For live trading, the phrase the trader typed (<see cref="Domain.Safety.Confirmation.LiveTrading"/>).</param>
    public async Task<(string Field, string Message)?> SetModeAsync(BrokerMode mode, string? confirmation, CancellationToken ct = default)
    {
        if (mode != BrokerMode.Simulated && !HasKeys)
            return ("mode", "Alpaca keys are not configured: set Alpaca__KeyId and Alpaca__SecretKey in the environment, user-secrets or .env, then restart.");
        if (mode == BrokerMode.AlpacaLive && mode != Mode && !Domain.Safety.Confirmation.Matches(Domain.Safety.Confirmation.LiveTrading, confirmation))
            return (Domain.Safety.Confirmation.Field, $"Live trading uses real money: type {Domain.Safety.Confirmation.LiveTrading} to switch.");
        await _switching.WaitAsync(ct);
        try
        {
            if (mode == Mode) return null;
            if (SwitchGuard?.Invoke() is { } busy) return ("mode", busy);
            await CloseAsync();
            if (mode != BrokerMode.Simulated) Open(mode);
            else Mode = BrokerMode.Simulated;
            await using var db = await _db.CreateDbContextAsync(ct);
            var row = await db.AppSettings.FindAsync(new object[] { SettingKey }, ct);
            if (row is null) db.AppSettings.Add(row = new AppSettingRecord { Key = SettingKey, Value = "" });
            row.Value = mode.ToString();
            row.UpdatedAt = _clock.UtcNow();
            await db.SaveChangesAsync(ct);
            _log.LogWarning("Broker switched to {Mode:l}", mode.Describe());
        }
        finally
        {
            _switching.Release();
        }
        Changed?.Invoke();
        return null;
    }

    /// <summary>Asks Alpaca for the account and the market clock with the configured keys (for the chosen or the given account).</summary>
    public async Task<ConnectionTest> TestAsync(bool paper, CancellationToken ct = default)
    {
        if (!HasKeys) return ConnectionTest.Failed("Alpaca keys are not configured.");
        var client = Alpaca is { } session && Mode == (paper ? BrokerMode.AlpacaPaper : BrokerMode.AlpacaLive) ? session.Trading : new AlpacaTradingClient(_http, _settings.ForAccount(paper));
        try
        {
            var account = await client.GetAccountAsync(ct);
            var clock = await client.GetClockAsync(ct);
            return new ConnectionTest(true, null, account, clock, client.BaseUrl.ToString());
        }
        catch (AlpacaApiException ex)
        {
            return ConnectionTest.Failed(ex.IsAuthFailure ? $"Alpaca rejected the keys ({ex.Status} {ex.Code}): check that they belong to the {(paper ? "paper" : "live")} account." : ex.Message);
        }
        catch (AlpacaAmbiguousException ex)
        {
            return ConnectionTest.Failed($"cannot reach Alpaca at {client.BaseUrl}: {ex.Message}");
        }
    }

    private void Open(BrokerMode mode)
    {
        var session = new AlpacaSession(_settings.ForAccount(mode == BrokerMode.AlpacaPaper), _http, _calendar, _clock, _logs, _watchlist);
        SessionOpening?.Invoke(session);
        Alpaca = session;
        session.Start();
        Mode = mode;
    }

    private async Task CloseAsync()
    {
        if (Alpaca is { } session)
        {
            Alpaca = null;
            await session.DisposeAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => CloseAsync();

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _switching.Dispose();
    }
}

/// <summary>The answer to "test connection": the account and clock, or why not.</summary>
public sealed record ConnectionTest(bool Ok, string? Error, AlpacaAccount? Account, AlpacaClock? Clock, string? Url)
{
    public static ConnectionTest Failed(string error) => new(false, error, null, null, null);
}
