using TradingBlazor.Adapters.Alpaca.Streaming;
using TradingBlazor.Engine.Alerts;

namespace TradingBlazor.Tests.Alerts;

public sealed class StreamWatchTests
{
    private readonly StreamWatch _watch = new();

    private static StreamStatus S(StreamState state, string name = "trade_updates", string? error = null) => new(name, state, null, null, 1, error, null);

    private IReadOnlyList<(AlertSeverity, AlertKind)> See(params StreamStatus[] streams) => _watch.Observe(streams).Select(d => (d.Severity, d.Kind)).ToList();

    [Fact]
    public void A_drop_after_connected_warns_once_and_the_return_says_so()
    {
        Assert.Empty(See(S(StreamState.Connecting)));
        Assert.Empty(See(S(StreamState.Connected)));
        Assert.Equal(new[] { (AlertSeverity.Warning, AlertKind.BrokerDisconnected) }, See(S(StreamState.Reconnecting, error: "socket closed")));
        Assert.Empty(See(S(StreamState.Reconnecting)));
        Assert.Equal(new[] { (AlertSeverity.Success, AlertKind.BrokerReconnected) }, See(S(StreamState.Connected)));
        Assert.Empty(See(S(StreamState.Connected)));
    }

    [Fact]
    public void A_failed_stream_is_an_error_even_first_seen_and_only_once()
    {
        var drafts = _watch.Observe(new[] { S(StreamState.Failed, error: "auth failed") });
        Assert.Equal((AlertSeverity.Error, AlertKind.BrokerDisconnected), (drafts.Single().Severity, drafts.Single().Kind));
        Assert.Contains("auth failed", drafts.Single().Message);
        Assert.Empty(See(S(StreamState.Failed)));
    }

    [Fact]
    public void A_lost_then_failed_stream_escalates_and_closing_the_session_is_quiet()
    {
        See(S(StreamState.Connected), S(StreamState.Connected, "market_data"));
        Assert.Equal(new[] { (AlertSeverity.Warning, AlertKind.BrokerDisconnected) }, See(S(StreamState.Reconnecting), S(StreamState.Connected, "market_data")));
        Assert.Equal(new[] { (AlertSeverity.Error, AlertKind.BrokerDisconnected) }, See(S(StreamState.Failed), S(StreamState.Connected, "market_data")));
        Assert.Empty(See());
        Assert.Empty(See(S(StreamState.Connecting)));
    }
}
