using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadDesk.Tests.Handoff;

/// <summary>
/// Holds a context's first SaveChanges until released: the service has loaded the lead and acted on it, and the test can
/// let someone else commit in between. That is the true race, made deterministic.
/// </summary>
public sealed class PauseBeforeSave : SaveChangesInterceptor
{
    private int _paused;

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _paused, 1) == 0)
        {
            Reached.SetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        return result;
    }
}
