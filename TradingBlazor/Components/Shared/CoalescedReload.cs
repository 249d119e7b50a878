namespace TradingBlazor.Components.Shared;

/// <summary>
/// A page's reload for a burst of engine events: one runs at a time, and one more follows if events came in meanwhile,
/// so ten fills in a second cost two reloads, not ten, and the last state is never missed.
/// </summary>
public sealed class CoalescedReload(Func<Task> reload)
{
    private readonly object _gate = new();
    private bool _running, _again;

    public async Task RequestAsync()
    {
        lock (_gate)
        {
            if (_running)
            {
                _again = true;
                return;
            }
            _running = true;
        }
        try
        {
            while (true)
            {
                await reload();
                lock (_gate)
                {
                    if (!_again) return;
                    _again = false;
                }
            }
        }
        finally
        {
            lock (_gate) _running = false;
        }
    }
}
