namespace LeadDesk.Domain.Background;

/// <summary>
/// Wakes a <see cref="PollingWorker"/> as soon as there is work for it, instead of at its next poll. Each worker has
/// its own subclass, so each is a singleton of its own in the container.
/// </summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
