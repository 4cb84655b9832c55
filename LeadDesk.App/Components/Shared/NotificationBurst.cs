namespace LeadDesk.App.Components.Shared;

/// <summary>
/// Gathers live notifications for a short window and hands them over together, so a screen reacts once to a burst
/// instead of once per lead: saving a scoring model can promote thousands of leads within seconds, and a toast and
/// a reload for each would bury the user.
/// </summary>
public sealed class NotificationBurst<T>(TimeProvider clock, TimeSpan window, Func<IReadOnlyList<T>, Task> flush) : IDisposable
{
    private readonly Lock _gate = new();
    private List<T> _pending = [];
    private ITimer? _timer;
    private bool _disposed;

    /// <summary>Adds an item; the first item of a burst starts the window, and everything added in it is flushed together.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            if (_disposed) return;
            _pending.Add(item);
            _timer ??= clock.CreateTimer(_ => _ = FlushAsync(), null, window, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task FlushAsync()
    {
        List<T> items;
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            if (_disposed) return;
            (items, _pending) = (_pending, []);
        }
        try
        {
            await flush(items);
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed while the window was open; nobody is left to tell.
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            _pending = [];
        }
    }
}
