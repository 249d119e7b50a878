namespace TradingBlazor.Adapters.Alpaca.Streaming;

/// <summary>The last few lines of something (errors shown to the trader), safe to add to from any thread.</summary>
public sealed class BoundedLog(int capacity)
{
    private readonly Queue<string> _lines = new();

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity) _lines.Dequeue();
        }
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToArray(); }
    }
}
