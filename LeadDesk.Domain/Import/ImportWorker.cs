using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Import;

/// <summary>
/// The background importer: runs queued imports one after the other, oldest first. At start-up, a job still marked
/// Running was interrupted by the stop and goes back to the queue, to resume after its last committed batch. Drafts
/// nobody started within a day are removed with their files.
/// </summary>
public sealed class ImportWorker(
    IDbContextFactory<LeadDeskDbContext> contexts, ImportRunner runner, ImportSignals signals, ImportStorage storage,
    TimeProvider clock, ILogger<ImportWorker> logger) : BackgroundService
{
    /// <summary>The importer also looks for queued jobs this often, should a wake-up have been missed.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DraftLifetime = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await RequeueInterruptedAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await NextQueuedAsync(stoppingToken) is { } jobId)
                    await runner.RunAsync(jobId, stoppingToken);
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

    private async Task RequeueInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var interrupted = await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Running).ToListAsync(cancellationToken);
        foreach (var job in interrupted)
        {
            job.Requeue();
            logger.LogInformation("Import {JobId} was interrupted after {Rows} rows; it resumes", job.Id, job.RowsDone);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<int?> NextQueuedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.Where(j => j.Status == ImportJobStatus.Queued)
            .OrderBy(j => j.Id).Select(j => (int?)j.Id).FirstOrDefaultAsync(cancellationToken);
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
