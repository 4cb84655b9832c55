using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// PostgreSQL only: every few seconds, adds the lead tally changes the triggers recorded into the tallies
/// (<see cref="LeadTallyTriggers.FoldAsync"/>). Counts are exact whether or not this has run — they sum both tables —
/// but each one reads the changes not yet folded, so they must not pile up. Every node runs it; an advisory lock lets
/// one fold at a time.
/// </summary>
internal sealed class LeadTallyFolder(IDbContextFactory<LeadDeskDbContext> contexts, ILogger<LeadTallyFolder> logger) : BackgroundService
{
    /// <summary>At a few thousand new leads a second (a large import), a count reads at most some ten thousand change rows.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                await LeadTallyTriggers.FoldAsync(db, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not fold the lead tally changes; trying again in {Interval}", Interval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }
}
