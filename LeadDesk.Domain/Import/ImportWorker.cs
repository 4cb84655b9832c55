using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Import;

/// <summary>
/// The background importer: runs queued imports one after the other, oldest first. A job still Running whose lease has
/// run out was interrupted — by a restart of this node, or by the death of the node that ran it — and is resumed after
/// its last committed batch; one whose lease another node holds is that node's to finish. Drafts nobody started
/// within a day are removed with their files.
/// </summary>
public sealed class ImportWorker(
    IDbContextFactory<LeadDeskDbContext> contexts, ImportRunner runner, ImportSignals signals, ImportStorage storage,
    TimeProvider clock, ILogger<ImportWorker> logger) : BackgroundService
{
    /// <summary>
    /// The importer also looks for jobs this often: should a wake-up have been missed, for jobs queued through another
    /// node, and for jobs whose node died (resumed at most this long after their lease, <see cref="JobLeases.Duration"/>, runs out).
    /// </summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DraftLifetime = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken)) { }
                await RemoveStaleDraftsAsync(stoppingToken);
                await signals.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database was unavailable, say; try again after a pause rather than stop importing for good.
                logger.LogError(ex, "The importer could not look for queued imports");
                try { await Task.Delay(Poll, clock, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Runs the oldest active job whose lease this node can take; false when there is none.</summary>
    private async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        List<int> active;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            active = await db.ImportJobs.Where(ImportJob.Active)
                .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
        }
        foreach (var jobId in active)
            if (await runner.RunAsync(jobId, cancellationToken)) return true;
        return false;
    }

    private async Task RemoveStaleDraftsAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - DraftLifetime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stale = await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Draft && j.CreatedAt < before).ToListAsync(cancellationToken);
        if (stale.Count == 0) return;
        db.ImportJobs.RemoveRange(stale);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var job in stale) storage.Delete(job.StoredFileName);
    }
}
