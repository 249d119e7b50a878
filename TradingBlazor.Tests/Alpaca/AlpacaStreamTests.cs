using TradingBlazor.Adapters.Alpaca;
using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Domain.Calendar;
using TradingBlazor.Domain.Execution;
using TradingBlazor.Domain.MarketData;
using TradingBlazor.Domain.Time;
using TradingBlazor.Domain.Trading;
using TradingBlazor.Infrastructure.Configuration;
using TradingBlazor.Tests.Support;

namespace TradingBlazor.Tests.Alpaca;

public class AlpacaStreamTests : IAsyncLifetime
{
    private static readonly StreamOptions Fast = new()
    {
        Backoff = _ => TimeSpan.FromMilliseconds(50), KeepAliveInterval = TimeSpan.FromSeconds(5), KeepAliveTimeout = TimeSpan.FromSeconds(10),
        HandshakeTimeout = TimeSpan.FromSeconds(5), WatchdogInterval = TimeSpan.FromMilliseconds(100),
    };

    private readonly CapturingLoggerProvider _logs = new();
    private readonly List<IAsyncDisposable> _owned = new();
    private FakeAlpaca _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeAlpaca.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var d in _owned) await d.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private AlpacaSettings Settings(string? secret = null) => new()
    {
        KeyId = FakeAlpaca.KeyId, SecretKey = secret ?? FakeAlpaca.Secret, TradingUrl = _fake.BaseUrl, DataUrl = _fake.BaseUrl,
    };

    private AlpacaHttp Http(AlpacaSettings settings) => new(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, settings, new AlpacaRateLimiter(), _ => TimeSpan.FromMilliseconds(10));

    private AlpacaDataStream DataStream(TimeProvider clock, string? secret = null)
    {
        var settings = Settings(secret);
        var stream = new AlpacaDataStream(settings, new AlpacaMarketDataClient(Http(settings), settings), new NyseCalendar(), clock, _logs.For<AlpacaDataStream>(), Fast);
        _owned.Add(stream);
        return stream;
    }

    private (AlpacaBrokerage Broker, AlpacaTradingClient Client) Brokerage(string? secret = null)
    {
        var settings = Settings(secret);
        var client = new AlpacaTradingClient(Http(settings), settings);
        var stream = new AlpacaTradingStream(settings, TimeProvider.System, _logs.For<AlpacaTradingStream>(), Fast);
        var broker = new AlpacaBrokerage(client, stream, paper: true, TimeProvider.System, _logs.For<AlpacaBrokerage>());
        _owned.Add(broker);
        return (broker, client);
    }

    /// <summary>A brokerage that records its fills, started and past its first reconciliation.</summary>
    private async Task<(AlpacaBrokerage Broker, AlpacaTradingClient Client, List<Fill> Fills)> StartedBrokerageAsync(Action<AlpacaBrokerage>? beforeStart = null)
    {
        var (broker, client) = Brokerage();
        var fills = new List<Fill>();
        broker.Filled += f => { lock (fills) fills.Add(f); };
        beforeStart?.Invoke(broker);
        broker.Start();
        await Eventually.HoldsAsync(() => broker.Stream.IsConnected && _fake.ListeningTradingPeers == 1, "listening and caught up");
        return (broker, client, fills);
    }

    [Fact]
    public async Task Data_stream_authenticates_subscribes_and_turns_bars_and_trades_into_feed_updates()
    {
        var clock = new FakeTimeProvider(FakeAlpaca.FirstBar.AddMinutes(10));
        var stream = DataStream(clock);
        var updates = new List<BarUpdate>();
        stream.BarUpdated += u => { lock (updates) updates.Add(u); };
        stream.Subscribe(new[] { "aapl" });
        stream.Start();
        await Eventually.HoldsAsync(() => _fake.SubscribedDataPeers == 1, "subscribed");
        Assert.Equal(StreamState.Connected, stream.Status.State);
        Assert.Equal("trades=AAPL bars=AAPL updatedBars=AAPL", _fake.DataSubscription);

        var minute = FakeAlpaca.FirstBar.AddMinutes(10);
        _fake.PublishTrade("AAPL", 190.10m, 5, minute.AddSeconds(3));
        _fake.PublishTrade("AAPL", 190.30m, 7, minute.AddSeconds(9));
        _fake.PublishBar("AAPL", minute, 190.10m, 190.40m, 190.00m, 190.30m, 1200);
        _fake.PublishBar("MSFT", minute, 1, 1, 1, 1, 1); // not subscribed: the server does not send it
        await Eventually.HoldsAsync(() => { lock (updates) return updates.Count == 3; }, "three updates");

        var forming = updates[1];
        Assert.Equal(BarUpdateKind.InProgress, forming.Kind);
        Assert.Equal((190.10m, 190.30m, 190.10m, 190.30m, 12m), (forming.Bar.Open, forming.Bar.High, forming.Bar.Low, forming.Bar.Close, forming.Bar.Volume));
        var closed = updates[2];
        Assert.Equal(BarUpdateKind.Closed, closed.Kind);
        Assert.Equal(new Bar("AAPL", Timeframe.Minute1, minute, 190.10m, 190.40m, 190.00m, 190.30m, 1200m, 190.30m, 12), closed.Bar);
        Assert.True(stream.LastUpdateUtc is not null);

        stream.Subscribe(new[] { "MSFT" }); // incremental, on the live connection
        await Eventually.HoldsAsync(() => _fake.DataSubscription == "trades=AAPL,MSFT bars=AAPL,MSFT updatedBars=AAPL,MSFT", "MSFT added");
        stream.Unsubscribe(new[] { "AAPL" });
        await Eventually.HoldsAsync(() => _fake.DataSubscription == "trades=MSFT bars=MSFT updatedBars=MSFT", "AAPL removed");
        Assert.Equal(new[] { "MSFT" }, stream.Subscriptions);

        var quotes = new List<StreamQuote>();
        stream.QuoteReceived += q => { lock (quotes) quotes.Add(q); };
        stream.SubscribeQuotes(new[] { "AAPL" });
        await Eventually.HoldsAsync(() => _fake.DataSubscription.EndsWith(" quotes=AAPL", StringComparison.Ordinal), "quotes subscribed");
        _fake.PublishQuote("AAPL", 190.20m, 190.24m, minute.AddSeconds(20));
        await Eventually.HoldsAsync(() => { lock (quotes) return quotes.Count == 1; }, "quote");
        Assert.Equal(new StreamQuote("AAPL", 190.20m, 3m, 190.24m, 4m, minute.AddSeconds(20)), quotes[0]); // ...20.000000022Z: nanoseconds past .NET's ticks dropped

        _fake.PublishDataError(405, "symbol limit exceeded");
        await Eventually.HoldsAsync(() => stream.StreamErrors.Lines.Count == 1, "error frame recorded");
        Assert.Equal("405 symbol limit exceeded", stream.StreamErrors.Lines[0]);
        Assert.Equal(StreamState.Connected, stream.Status.State); // an error frame is not a disconnect
    }

    [Fact]
    public async Task A_dropped_data_stream_reconnects_resubscribes_and_fills_the_gap_over_rest()
    {
        var clock = new FakeTimeProvider(FakeAlpaca.FirstBar.AddMinutes(10));
        var stream = DataStream(clock);
        var closed = new List<Bar>();
        stream.BarUpdated += u => { if (u.Kind == BarUpdateKind.Closed) lock (closed) closed.Add(u.Bar); };
        stream.Subscribe(new[] { "AAPL" });
        stream.Start();
        await Eventually.HoldsAsync(() => _fake.SubscribedDataPeers == 1, "subscribed");
        _fake.PublishBar("AAPL", FakeAlpaca.FirstBar.AddMinutes(9), 101, 101, 101, 101, 10);
        await Eventually.HoldsAsync(() => { lock (closed) return closed.Count == 1; }, "live bar");

        _fake.StreamsDown = true;
        _fake.DropStreams();
        await Eventually.HoldsAsync(() => stream.Status.State == StreamState.Reconnecting, "noticed the drop");
        clock.SetUtcNow(FakeAlpaca.FirstBar.AddMinutes(15).AddSeconds(30)); // five minutes pass while down
        _fake.StreamsDown = false;
        await Eventually.HoldsAsync(() => stream.Status is { State: StreamState.Connected, Reconnects: 1 }, "reconnected");

        lock (closed)
        {
            Assert.Equal(Enumerable.Range(9, 6).Select(m => FakeAlpaca.FirstBar.AddMinutes(m)), closed.Select(b => b.StartUtc));
            Assert.Equal(100 + 10 * 0.01m, closed[1].Open); // minute 10 as the REST history has it
        }
        Assert.Equal(5, stream.GapFilledBars);
        Assert.Equal(1, _fake.Requests["GET /v2/stocks/bars"]); // one multi-symbol request, whatever the watchlist
        Assert.DoesNotContain(_fake.Requests.Keys, k => k.StartsWith("GET /v2/stocks/AAPL/", StringComparison.Ordinal));
        Assert.Equal(1, _fake.SubscribedDataPeers); // resubscribed on the new connection
        _fake.PublishBar("AAPL", FakeAlpaca.FirstBar.AddMinutes(15), 102, 102, 102, 102, 10);
        await Eventually.HoldsAsync(() => { lock (closed) return closed.Count == 7; }, "live again");
        Assert.NotNull(stream.Status.LastReconnectTime);
    }

    [Fact]
    public async Task A_data_stream_silent_during_the_session_is_dropped_by_the_watchdog_and_caught_up()
    {
        var clock = new FakeTimeProvider(FakeAlpaca.FirstBar.AddMinutes(10)); // Monday 09:40 ET: the market is open
        var stream = DataStream(clock);
        int closed = 0;
        stream.BarUpdated += u => { if (u.Kind == BarUpdateKind.Closed) Interlocked.Increment(ref closed); };
        stream.Subscribe(new[] { "AAPL" });
        stream.Start();
        await Eventually.HoldsAsync(() => _fake.SubscribedDataPeers == 1, "subscribed");
        Assert.Equal(0, stream.Status.Reconnects);

        clock.Advance(stream.SilenceLimit + TimeSpan.FromMinutes(1)); // the socket is up, but nothing has arrived for too long
        await Eventually.HoldsAsync(() => stream.Status is { State: StreamState.Connected, Reconnects: 1 }, "watchdog reconnect");
        Assert.Equal(4, stream.GapFilledBars); // minutes 10..13 came over REST
        Assert.Equal(4, closed);
        Assert.Equal(2, _fake.StreamConnectionsAccepted);
    }

    [Fact]
    public async Task Data_stream_auth_failure_402_stops_for_good_and_never_shows_the_secret()
    {
        const string wrong = "wrong-secret-for-stream-7d1e";
        var stream = DataStream(TimeProvider.System, wrong);
        stream.Subscribe(new[] { "AAPL" });
        stream.Start();
        await Eventually.HoldsAsync(() => stream.Status.State == StreamState.Failed, "failed");
        Assert.Contains("402", stream.Status.LastError);
        Assert.Contains("auth failed", stream.Status.LastError);
        await Task.Delay(300);
        Assert.Equal(1, _fake.StreamConnectionsAccepted); // not retried: retrying cannot fix a key
        Assert.DoesNotContain(wrong, _logs.AllText);
        Assert.DoesNotContain(wrong, stream.Status.ToString());
    }

    [Fact]
    public async Task A_second_data_connection_gets_406_and_keeps_retrying_without_disturbing_the_first()
    {
        var first = DataStream(TimeProvider.System);
        first.Start();
        await Eventually.HoldsAsync(() => first.IsConnected, "first connected");
        var second = DataStream(TimeProvider.System);
        second.Start();
        await Eventually.HoldsAsync(() => second.Status.LastError?.Contains("406") == true, "406 seen");
        Assert.Contains("connection limit exceeded", second.Status.LastError);
        Assert.NotEqual(StreamState.Failed, second.Status.State);
        Assert.True(first.IsConnected);

        await first.StopAsync(); // the slot frees up: the retrying stream takes it
        await Eventually.HoldsAsync(() => second.IsConnected, "second connected after the first left");
    }

    [Fact]
    public async Task Trade_updates_arrive_in_binary_frames_and_each_fill_is_raised_once()
    {
        var (broker, _, fills) = await StartedBrokerageAsync();

        var order = await broker.SubmitAsync(new OrderRequest("tb-stream-1", "AAPL", OrderSide.Buy, 3, null, ProtectiveExits.None, null));
        Assert.Equal(OrderStatus.Filled, order.Status);
        await Eventually.HoldsAsync(() => { lock (fills) return fills.Count == 1; }, "fill event");
        Assert.Equal(new Fill("tb-stream-1", fills[0].ExecutionId, "AAPL", OrderSide.Buy, 3m, 190.25m, 0m, fills[0].TimeUtc, "stream"), fills[0]);

        broker.Stream.Drop(); // a reconnect reconciles, and must not report the same fill again
        await Eventually.HoldsAsync(() => broker.Stream.Status is { State: StreamState.Connected, Reconnects: 1 }, "reconnected");
        Assert.Single(fills);
        Assert.Equal(0, broker.ReconciledFills);
    }

    [Fact]
    public async Task A_fill_during_a_dropped_trading_socket_is_found_by_reconciliation_exactly_once()
    {
        IReadOnlyList<BrokerPosition>? synced = null;
        var (broker, client, fills) = await StartedBrokerageAsync(b => b.PositionsSynced += p => synced = p);

        _fake.NextFillFraction = 0.4m; // 40 of 100 fill now, live on the stream
        var order = await broker.SubmitAsync(new OrderRequest("tb-gap-1", "AAPL", OrderSide.Buy, 100, null, ProtectiveExits.None, null));
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        await Eventually.HoldsAsync(() => { lock (fills) return fills.Count == 1; }, "partial fill on the stream");

        _fake.StreamsDown = true;
        _fake.DropStreams();
        await Eventually.HoldsAsync(() => _fake.ListeningTradingPeers == 0 && broker.Stream.Status.State == StreamState.Reconnecting, "socket gone");
        int sentBefore = _fake.TradeUpdatesSent;
        _fake.Execute(order.BrokerOrderId, 35, 190.50m); // two executions nobody hears about
        _fake.Execute(order.BrokerOrderId, 25, 190.75m);
        Assert.Equal(sentBefore, _fake.TradeUpdatesSent);
        _fake.StreamsDown = false;

        await Eventually.HoldsAsync(() => { lock (fills) return fills.Count == 3; }, "reconciled fills");
        await Eventually.HoldsAsync(() => broker.Stream.Status.State == StreamState.Connected, "connected");
        await Task.Delay(200);
        var position = await client.GetPositionAsync("AAPL");
        lock (fills)
        {
            Assert.Equal(new[] { (40m, 190.25m, "stream"), (35m, 190.50m, "reconciled"), (25m, 190.75m, "reconciled") }, fills.Select(f => (f.Quantity, f.Price, f.Reason)));
            Assert.Equal(position!.Qty, fills.Sum(f => f.Quantity)); // position = sum of fills
        }
        Assert.Equal(2, broker.ReconciledFills);
        Assert.Equal(100m, Assert.Single(synced!).Quantity);
        Assert.Equal(1, _fake.OrdersCreated);

        await broker.ReconcileAsync(DateTime.UtcNow.AddHours(-1)); // running it again finds nothing new
        Assert.Equal(3, fills.Count);
    }

    [Fact]
    public async Task Random_executions_and_socket_drops_never_lose_or_double_a_fill()
    {
        var (broker, client, fills) = await StartedBrokerageAsync();
        _fake.MarketOpen = false; // orders wait; this test decides when and how much they fill
        var orders = new List<BrokerOrder>();
        for (int i = 0; i < 4; i++)
            orders.Add(await broker.SubmitAsync(new OrderRequest($"tb-prop-{i}", "AAPL", OrderSide.Buy, 50, null, ProtectiveExits.None, null)));

        var random = new Random(20261121);
        var executed = orders.ToDictionary(o => o.BrokerOrderId, _ => (Qty: 0m, Notional: 0m));
        for (int step = 0; step < 40; step++)
        {
            int action = random.Next(10);
            if (action < 6)
            {
                var open = executed.Where(e => e.Value.Qty < 50).Select(e => e.Key).ToList();
                if (open.Count == 0) continue;
                var id = open[random.Next(open.Count)];
                decimal qty = Math.Min(50 - executed[id].Qty, random.Next(1, 20));
                decimal price = 190 + random.Next(0, 100) / 100m;
                _fake.Execute(id, qty, price);
                executed[id] = (executed[id].Qty + qty, executed[id].Notional + qty * price);
            }
            else if (action < 8)
            {
                _fake.DropStreams(); // executions may land while the client is still reconnecting
            }
            else
            {
                _fake.StreamsDown = true; // a longer outage: executions in it are only found by reconciliation
                _fake.DropStreams();
                await Task.Delay(random.Next(20, 150));
                _fake.StreamsDown = false;
            }
            await Task.Delay(random.Next(0, 40));
        }

        decimal total = executed.Values.Sum(e => e.Qty);
        await Eventually.HoldsAsync(() => { lock (fills) return fills.Sum(f => f.Quantity) >= total; }, $"fills adding up to {total}", TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(() => broker.Stream.IsConnected, "connected");
        await broker.ReconcileAsync(DateTime.UtcNow.AddHours(-1)); // a full catch-up finds nothing new
        lock (fills)
        {
            foreach (var order in orders)
            {
                var mine = fills.Where(f => f.ClientOrderId == order.ClientOrderId).ToList();
                Assert.Equal(executed[order.BrokerOrderId].Qty, mine.Sum(f => f.Quantity)); // nothing lost, nothing twice
                Assert.Equal(executed[order.BrokerOrderId].Notional, mine.Sum(f => f.Quantity * f.Price)); // at the prices it really traded
            }
            Assert.Equal(total, fills.Sum(f => f.Quantity));
        }
        Assert.Equal(total, (await client.GetPositionAsync("AAPL"))?.Qty ?? 0m); // position = sum of fills
        Assert.True(broker.Stream.Status.Reconnects >= 5, $"only {broker.Stream.Status.Reconnects} reconnects");
        Assert.True(broker.ReconciledFills >= 1 && broker.ReconciledFills < fills.Count, $"{broker.ReconciledFills} of {fills.Count} fills reconciled"); // both paths exercised
    }

    [Fact]
    public async Task A_half_open_trading_connection_is_found_by_the_heartbeat_and_replaced()
    {
        await using var proxy = new FreezableTcpProxy(new Uri(_fake.BaseUrl).Port);
        var settings = Settings();
        settings.TradingStreamUrl = $"ws://127.0.0.1:{proxy.Port}/stream";
        var heartbeat = Fast with { KeepAliveInterval = TimeSpan.FromSeconds(1), KeepAliveTimeout = TimeSpan.FromSeconds(2) };
        var stream = new AlpacaTradingStream(settings, TimeProvider.System, _logs.For<AlpacaTradingStream>(), heartbeat);
        _owned.Add(stream);
        stream.Start();
        await Eventually.HoldsAsync(() => stream.IsConnected && _fake.ListeningTradingPeers == 1, "connected through the proxy");

        proxy.FreezeOpenConnections(); // no FIN, no RST: the socket looks open but nothing gets through, pings included
        await Eventually.HoldsAsync(() => stream.Status is { State: StreamState.Connected, Reconnects: 1 }, "reconnected after the missed pong", TimeSpan.FromSeconds(20));
        Assert.Equal(2, _fake.StreamConnectionsAccepted);
    }

    [Fact]
    public async Task Trading_stream_with_a_bad_key_fails_without_retrying_or_logging_the_secret()
    {
        const string wrong = "wrong-secret-trading-41ab";
        var (broker, _) = Brokerage(wrong);
        broker.Start();
        await Eventually.HoldsAsync(() => broker.Stream.Status.State == StreamState.Failed, "failed");
        Assert.Contains("access key verification failed", broker.Stream.Status.LastError);
        await Task.Delay(300);
        Assert.Equal(1, _fake.StreamConnectionsAccepted);
        Assert.DoesNotContain(wrong, _logs.AllText);
        Assert.DoesNotContain(FakeAlpaca.Secret, _logs.AllText);
    }
}
