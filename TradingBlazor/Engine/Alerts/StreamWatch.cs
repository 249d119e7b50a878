using TradingBlazor.Adapters.Alpaca.Streaming;

namespace TradingBlazor.Engine.Alerts;

/// <summary>
/// Turns polled broker stream states into alerts: a stream that was connected and no longer is (or failed for good), and
/// one that came back after such an alert. A stream seen for the first time only alerts if it has already failed.
/// </summary>
public sealed class StreamWatch
{
    private readonly Dictionary<string, (StreamState State, bool Alerted)> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<AlertDraft> Observe(IReadOnlyList<StreamStatus> streams)
    {
        var drafts = new List<AlertDraft>();
        // A different session (or none): forget the old streams; their closing is the trader's own switch.
        foreach (var gone in _seen.Keys.Where(k => streams.All(s => s.Name != k)).ToList()) _seen.Remove(gone);
        foreach (var s in streams)
        {
            bool known = _seen.TryGetValue(s.Name, out var before);
            bool alerted = known && before.Alerted;
            if (s.State == StreamState.Connected)
            {
                if (alerted) drafts.Add(new(AlertSeverity.Success, AlertKind.BrokerReconnected, $"Broker stream back: {s.Name}",
                    $"{s.Name} reconnected after {s.Reconnects} reconnect(s)."));
                alerted = false;
            }
            else if (s.State == StreamState.Failed && !(alerted && before.State == StreamState.Failed))
            {
                drafts.Add(new(AlertSeverity.Error, AlertKind.BrokerDisconnected, $"Broker stream failed: {s.Name}",
                    $"{s.Name} stopped for good: {s.LastError ?? "no reason given"}. Check the keys and the subscription, then switch the broker again."));
                alerted = true;
            }
            else if (s.State is StreamState.Reconnecting or StreamState.Stopped && known && before.State == StreamState.Connected)
            {
                drafts.Add(new(AlertSeverity.Warning, AlertKind.BrokerDisconnected, $"Broker stream lost: {s.Name}",
                    $"{s.Name} disconnected{(s.LastError is { } e ? $" ({e})" : "")}; reconnecting."));
                alerted = true;
            }
            _seen[s.Name] = (s.State, alerted);
        }
        return drafts;
    }
}
