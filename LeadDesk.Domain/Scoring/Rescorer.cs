using System.Data.Common;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Scoring;

/// <summary>Wakes the <see cref="RescoreWorker"/> as soon as a run is queued, instead of at its next poll.</summary>
public sealed class RescoreSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Carries out rescore runs. Each batch of leads is one transaction: changed scores are written with one prepared
/// UPDATE per lead (no entity tracking, the concurrency token left alone so no open screen is told the lead changed),
/// unchanged scores only get the new version. Leads that newly meet the MQL definition in Lead or Nurture go through
/// the domain (<see cref="ScoringService.Rescore"/>), which records their promotion as for any other score change.
/// </summary>
public sealed class Rescorer(IDbContextFactory<LeadDeskDbContext> contexts, ScoringService scoring, ILeadNotifier notifier,
    JobLeases leases, TimeProvider clock, ILogger<Rescorer> logger)
{
    /// <summary>The lease that makes one node at a time rescore (<see cref="JobLeases"/>).</summary>
    public const string Lease = "rescore";

    /// <summary>Leads per batch: per transaction, and per progress step of the run.</summary>
    internal int BatchSize { get; init; } = ScoringInput.BatchSize;

    /// <summary>Called after each batch's progress is saved; tests use it to stop a node between batches.</summary>
    internal Action<RescoreRun>? BatchSaved { get; init; }

    /// <summary>
    /// Runs the newest unfinished run to its end (older unfinished ones are superseded). False when none waits, or when
    /// another node holds the rescore lease (it is doing the work; if it dies, its lease runs out and this node resumes).
    /// </summary>
    public async Task<bool> RunPendingAsync(CancellationToken cancellationToken)
    {
        if (!await leases.TryAcquireAsync(Lease, cancellationToken)) return false;
        try
        {
            return await RunNewestAsync(cancellationToken);
        }
        finally
        {
            await leases.ReleaseAsync(Lease, CancellationToken.None);
        }
    }

    private async Task<bool> RunNewestAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.RescoreRuns
            .Where(r => r.Status == RescoreStatus.Queued || r.Status == RescoreStatus.Running)
            .OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        if (pending.Count == 0) return false;
        var run = pending[0];
        foreach (var older in pending.Skip(1)) older.Finish(Now, RescoreStatus.Superseded);
        run.Start(Now);
        await db.SaveChangesAsync(cancellationToken);

        try
        {
            var model = await db.ScoringModels.AsNoTracking().SingleAsync(m => m.Version == run.ModelVersion, cancellationToken);
            await using var reader = await contexts.CreateDbContextAsync(cancellationToken);
            await foreach (var batch in ScoringInput.BatchesAsync(reader, run.LastLeadId, cancellationToken, BatchSize))
            {
                // Renewed before each batch; lost only if this node stalled past the lease and another took over,
                // in which case that node carries on from the last saved batch and this one stops.
                if (!await leases.TryAcquireAsync(Lease, cancellationToken))
                {
                    logger.LogWarning("The rescore lease passed to another node; leaving run {Run} to it", run.Id);
                    return true;
                }
                var (changed, promoted) = await ScoreBatchAsync(batch, model, cancellationToken);
                run.Advance(batch.Count, changed, promoted, batch[^1].Id);
                await db.SaveChangesAsync(cancellationToken);
                BatchSaved?.Invoke(run);
            }
            run.Finish(Now, RescoreStatus.Completed);
            logger.LogInformation("Rescored {Done} leads with model v{Version}: {Changed} changed, {Promoted} promoted",
                run.DoneLeads, run.ModelVersion, run.ChangedLeads, run.PromotedLeads);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutting down: the run stays Running and resumes after its last finished batch
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Rescore run {Run} with model v{Version} failed", run.Id, run.ModelVersion);
            run.Finish(Now, RescoreStatus.Failed, exception.Message);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<(int Changed, int Promoted)> ScoreBatchAsync(IReadOnlyList<LeadToScore> batch, ScoringModel model, CancellationToken cancellationToken)
    {
        var now = Now;
        var toPromote = new List<int>();
        var changed = 0;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            var transactionHandle = transaction.GetDbTransaction();
            await using var full = Command(connection, transactionHandle,
                """UPDATE "Leads" SET "FitScore" = @fit, "EngagementScore" = @engagement, "TotalScore" = @total, "ScoreExplanation" = @explanation, "ScoreModelVersion" = @version, "ScoredAt" = @at WHERE "Id" = @id""",
                "fit", "engagement", "total", "explanation", "version", "at", "id");
            await using var versionOnly = Command(connection, transactionHandle,
                """UPDATE "Leads" SET "ScoreModelVersion" = @version, "ScoredAt" = @at WHERE "Id" = @id""",
                "version", "at", "id");

            foreach (var lead in batch)
            {
                var score = LeadScorer.Score(lead.Profile, lead.Events, model.Definition, now);
                if (lead.Stage is LifecycleStage.Lead or LifecycleStage.Nurture && LeadScorer.CheckMql(score, model.Definition.Mql).Meets)
                {
                    toPromote.Add(lead.Id);
                    continue;
                }
                var same = score.Fit == lead.FitScore && score.Engagement == lead.EngagementScore && score.Lines.SequenceEqual(lead.Explanation);
                if (same && lead.ScoreModelVersion == model.Version) continue;
                var command = same ? versionOnly : full;
                if (!same)
                {
                    Set(command, "fit", score.Fit);
                    Set(command, "engagement", score.Engagement);
                    Set(command, "total", score.Total);
                    Set(command, "explanation", JsonColumn.Serialize(score.Lines));
                    changed++;
                }
                Set(command, "version", model.Version);
                Set(command, "at", now);
                Set(command, "id", lead.Id);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        var promoted = 0;
        foreach (var id in toPromote)
            if (await PromoteAsync(id, model, cancellationToken)) promoted++;
        return (changed + promoted, promoted);
    }

    /// <summary>Rescores one lead through the domain so its promotion is a recorded decision. A lead changed meanwhile is left for later.</summary>
    private async Task<bool> PromoteAsync(int leadId, ScoringModel model, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lead = await db.Leads.Include(l => l.Events).SingleOrDefaultAsync(l => l.Id == leadId, cancellationToken);
        if (lead is null) return false;
        var before = lead.Decisions.Count;
        scoring.Rescore(lead, model);
        var promotion = lead.Decisions.Skip(before).FirstOrDefault(d => d.Verb == LifecycleVerb.Promote);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Lead {Lead} changed while it was being rescored; it keeps the score it got then", leadId);
            return false;
        }
        if (promotion is null) return false;
        notifier.Publish(new LeadNotification(lead.Id, lead.DisplayName, LifecycleVerb.Promote, lead.Stage, Actor.System.UserId, Actor.System.Name, null, promotion.At));
        return true;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static void Set(DbCommand command, string name, object value) => command.Parameters["@" + name].Value = value;
}

/// <summary>Runs queued rescore runs in the background: at start (a run interrupted by a restart resumes), when woken, and every half minute.</summary>
public sealed class RescoreWorker(Rescorer rescorer, RescoreSignal signal, ILogger<RescoreWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await rescorer.RunPendingAsync(stoppingToken)) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Could not look for rescore runs");
            }
            try
            {
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
