namespace TradingBlazor.Adapters.Alpaca.Streaming;

/// <summary>What the market-data stream asks Alpaca for.</summary>
public enum DataKind
{
    /// <summary>Trades, minute bars and their corrections: what a live bar feed needs.</summary>
    Bars,
    /// <summary>Top-of-book quotes (heavy: only when asked for).</summary>
    Quotes,
}

/// <summary>
/// The symbols wanted per kind of data, and the messages that ask Alpaca for them. Alpaca's subscriptions are incremental,
/// so a change sends only what changed, and a new connection sends the whole set.
/// </summary>
internal sealed class DataSubscriptions
{
    private static readonly string[][] Channels = { new[] { "trades", "bars", "updatedBars" }, new[] { "quotes" } };
    private readonly object _gate = new();
    private readonly HashSet<string>[] _wanted = { new(StringComparer.Ordinal), new(StringComparer.Ordinal) };

    public IReadOnlySet<string> Of(DataKind kind)
    {
        lock (_gate) return new HashSet<string>(_wanted[(int)kind], StringComparer.Ordinal);
    }

    /// <summary>Adds or removes symbols; returns those that really changed.</summary>
    public string[] Change(DataKind kind, IEnumerable<string> symbols, bool add)
    {
        var list = symbols.Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct().ToArray();
        lock (_gate)
        {
            var set = _wanted[(int)kind];
            return list.Where(s => add ? set.Add(s) : set.Remove(s)).ToArray();
        }
    }

    public IReadOnlySet<string>[] Snapshot() => new[] { Of(DataKind.Bars), Of(DataKind.Quotes) };

    /// <summary>One subscribe message for everything in <paramref name="snapshot"/>, or null when it is empty.</summary>
    public static Dictionary<string, object>? SubscribeAll(IReadOnlySet<string>[] snapshot)
    {
        var message = new Dictionary<string, object> { ["action"] = "subscribe" };
        for (int k = 0; k < snapshot.Length; k++)
            if (snapshot[k].Count > 0) foreach (var channel in Channels[k]) message[channel] = snapshot[k].ToArray();
        return message.Count > 1 ? message : null;
    }

    /// <summary>The messages that take a connection subscribed to <paramref name="sent"/> to what is wanted now.</summary>
    public IEnumerable<Dictionary<string, object>> Catchup(IReadOnlySet<string>[] sent)
    {
        var now = Snapshot();
        for (int k = 0; k < now.Length; k++)
        {
            if (now[k].Except(sent[k]).ToArray() is { Length: > 0 } added) yield return Message("subscribe", (DataKind)k, added);
            if (sent[k].Except(now[k]).ToArray() is { Length: > 0 } removed) yield return Message("unsubscribe", (DataKind)k, removed);
        }
    }

    // A dictionary, not an anonymous object: Alpaca's channel names are camelCase (updatedBars), outside our snake_case policy.
    public static Dictionary<string, object> Message(string action, DataKind kind, string[] symbols)
    {
        var message = new Dictionary<string, object> { ["action"] = action };
        foreach (var channel in Channels[(int)kind]) message[channel] = symbols;
        return message;
    }
}
