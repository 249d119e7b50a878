using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Time;
using TradingBlazor.Infrastructure.Configuration;

namespace TradingBlazor.Engine.Brokerage;

/// <summary>One connected Alpaca account (paper or live): REST clients, both streams, and the brokerage over them.</summary>
public sealed class AlpacaSession : IAsyncDisposable
{
    public AlpacaSession(AlpacaSettings settings, AlpacaHttp http, IMarketCalendar calendar, TimeProvider clock, ILoggerFactory logs, IEnumerable<string> watchlist)
    {
        Trading = new AlpacaTradingClient(http, settings);
        Data = new AlpacaMarketDataClient(http, settings);
        TradeUpdates = new AlpacaTradingStream(settings, clock, logs.CreateLogger<AlpacaTradingStream>());
        Brokerage = new AlpacaBrokerage(Trading, TradeUpdates, settings.Paper, clock, logs.CreateLogger<AlpacaBrokerage>());
        MarketData = new AlpacaDataStream(settings, Data, calendar, clock, logs.CreateLogger<AlpacaDataStream>());
        MarketData.Subscribe(watchlist);
    }

    public AlpacaTradingClient Trading { get; }
    public AlpacaMarketDataClient Data { get; }
    public AlpacaTradingStream TradeUpdates { get; }
    public AlpacaDataStream MarketData { get; }
    public AlpacaBrokerage Brokerage { get; }

    public IReadOnlyList<StreamStatus> Streams => new[] { TradeUpdates.Status, MarketData.Status };

    public void Start()
    {
        Brokerage.Start();
        MarketData.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await Brokerage.DisposeAsync();
        await MarketData.DisposeAsync();
    }
}
