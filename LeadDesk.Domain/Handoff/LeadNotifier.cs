namespace LeadDesk.Domain.Handoff;

/// <summary>Something happened to a lead that open screens may want to show at once.</summary>
public sealed record LeadNotification(
    int LeadId,
    string LeadName,
    LifecycleVerb Verb,
    LifecycleStage Stage,
    string ActorId,
    string ActorName,
    string? AssignedRepId,
    DateTime At);

/// <summary>
/// Tells open screens about decisions as they are committed. One small interface, so a cross-node implementation
/// (PostgreSQL LISTEN/NOTIFY) can replace the in-process one without touching the screens.
/// </summary>
public interface ILeadNotifier
{
    void Publish(LeadNotification notification);

    /// <summary>Calls <paramref name="handler"/> for every notification until the returned handle is disposed.</summary>
    IDisposable Subscribe(Func<LeadNotification, Task> handler);
}

/// <summary>Notifications within one app process (the SQLite deployment).</summary>
public sealed class InProcessLeadNotifier : ILeadNotifier
{
    private readonly Lock _gate = new();
    private ImmutableHandlers _handlers = new([]);

    public void Publish(LeadNotification notification)
    {
        foreach (var handler in _handlers.Items)
        {
            // Fire and forget: a slow or broken screen must not hold up or fail the action that was just committed.
            _ = Task.Run(async () =>
            {
                try { await handler(notification); }
                catch (Exception) { /* the subscriber's own problem; its circuit reports it */ }
            });
        }
    }

    public IDisposable Subscribe(Func<LeadNotification, Task> handler)
    {
        lock (_gate) _handlers = new([.. _handlers.Items, handler]);
        return new Subscription(() =>
        {
            lock (_gate) _handlers = new([.. _handlers.Items.Where(h => h != handler)]);
        });
    }

    private sealed record ImmutableHandlers(Func<LeadNotification, Task>[] Items);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
