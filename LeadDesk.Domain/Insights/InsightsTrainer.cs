using LeadDesk.Domain.Background;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Insights;

/// <summary>
/// Carries out training runs: reads the closed leads (<see cref="TrainingSet"/>), refuses too little data, trains and
/// measures (<see cref="ConversionTraining"/>) and keeps the result. Progress is saved as it goes, so the page can follow
/// it from any node. One node at a time trains (the <see cref="Lease"/> job lease); a run interrupted by a stop is run
/// again from the start at the next (training takes seconds, so nothing is resumed half-way).
/// </summary>
public sealed class InsightsTrainer(IDbContextFactory<LeadDeskDbContext> contexts, JobLeases leases, TimeProvider clock, ILogger<InsightsTrainer> logger)
{
    /// <summary>The lease that makes one node at a time train (<see cref="JobLeases"/>).</summary>
    public const string Lease = "insights";

    /// <summary>Leads read between two saves of the reading progress.</summary>
    private const int ProgressEvery = 2_000;

    /// <summary>
    /// Runs the oldest queued (or interrupted) run to its end. False when none waits, or when another node holds the
    /// lease (it is training; if it dies, its lease runs out and this node takes the run over).
    /// </summary>
    public async Task<bool> RunPendingAsync(CancellationToken cancellationToken)
    {
        if (!await leases.TryAcquireAsync(Lease, cancellationToken)) return false;
        try
        {
            int? runId;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                runId = await db.TrainingRuns.Where(r => r.Status == TrainingStatus.Queued || r.Status == TrainingStatus.Running)
                    .OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
            }
            if (runId is null) return false;
            await RunAsync(runId.Value, cancellationToken);
            return true;
        }
        finally
        {
            await leases.ReleaseAsync(Lease, CancellationToken.None);
        }
    }

    /// <summary>Runs one run, whatever its state was (the caller holds the lease, or a test drives it).</summary>
    internal async Task RunAsync(int runId, CancellationToken cancellationToken)
    {
        await UpdateAsync(runId, run => run.Start(Now), cancellationToken);
        try
        {
            ScoringModel rules;
            List<ClosedLead> closed;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                rules = await ScoringService.GetActiveModelAsync(db, cancellationToken);
                closed = await TrainingSet.ClosedLeadsAsync(db, cancellationToken);
            }
            var (won, lost) = (closed.Count(c => c.Outcome.Won), closed.Count(c => !c.Outcome.Won));
            if (TrainingGuard.Check(closed.Count, won, lost) is { } shortfall)
            {
                await UpdateAsync(runId, run => { run.Count(closed.Count, won, lost); run.Refuse(Now); }, cancellationToken);
                logger.LogInformation("Training run {Run} refused: {Closed} closed leads ({Won} won, {Lost} lost); {More} more needed",
                    runId, closed.Count, won, lost, Math.Max(shortfall.MoreClosedNeeded, shortfall.MoreWonNeeded + shortfall.MoreLostNeeded));
                return;
            }
            await UpdateAsync(runId, run => { run.Count(closed.Count, won, lost); run.Report(TrainingStep.ReadingLeads, 0, closed.Count); }, cancellationToken);

            var examples = new List<TrainingExample>(closed.Count);
            var reported = 0;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await foreach (var batch in TrainingSet.ExamplesAsync(db, closed, cancellationToken))
                {
                    examples.AddRange(batch);
                    if (examples.Count - reported < ProgressEvery) continue;
                    reported = examples.Count;
                    await ReportAsync(runId, TrainingStep.ReadingLeads, reported, closed.Count, cancellationToken);
                }
            }

            int seed;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                seed = await db.TrainingRuns.Where(r => r.Id == runId).Select(r => r.Seed).SingleAsync(cancellationToken);
            // Training runs on its own thread; its progress is saved in order, one save after the other, meanwhile.
            var saved = Task.CompletedTask;
            var trained = await Task.Run(() => ConversionTraining.Train(examples, rules, seed, runId, Now,
                (step, done, total) => saved = saved.ContinueWith(_ => ReportAsync(runId, step, done, total, cancellationToken), cancellationToken,
                    TaskContinuationOptions.None, TaskScheduler.Default).Unwrap()), cancellationToken);
            await saved;

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var run = await db.TrainingRuns.SingleAsync(r => r.Id == runId, cancellationToken);
                run.Complete(Now, JsonColumn.Serialize(trained.Result), JsonColumn.Serialize(trained.Readable), trained.ModelBytes);
                await db.SaveChangesAsync(cancellationToken);
                // Only the newest model predicts: older ones keep their figures, not their bytes.
                await db.TrainingRuns.Where(r => r.Id != runId && r.ModelBytes != null)
                    .ExecuteUpdateAsync(r => r.SetProperty(x => x.ModelBytes, (byte[]?)null), cancellationToken);
            }
            var chosen = trained.Result.For(trained.Result.Chosen);
            logger.LogInformation("Training run {Run}: {Closed} closed leads, {Chosen} chosen, held-out ROC AUC {Auc:0.000} (rules {Rules:0.000})",
                runId, closed.Count, trained.Result.Chosen, chosen.RocAuc, trained.Result.For(PredictorKind.CurrentRules).RocAuc);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // stopping: the run stays Running and is trained again at the next start
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Training run {Run} failed", runId);
            await UpdateAsync(runId, run => run.Fail(Now, exception.Message), CancellationToken.None);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Saves a step's progress, renewing the lease on the way (a long read must not let another node take over).</summary>
    private async Task ReportAsync(int runId, TrainingStep step, int done, int total, CancellationToken cancellationToken)
    {
        await leases.TryAcquireAsync(Lease, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.TrainingRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(r => r
            .SetProperty(x => x.Step, step).SetProperty(x => x.StepDone, done).SetProperty(x => x.StepTotal, total), cancellationToken);
    }

    private async Task UpdateAsync(int runId, Action<TrainingRun> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.TrainingRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        change(run);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>The background trainer: runs queued training runs, woken by <see cref="InsightsSignal"/> or every half minute.</summary>
public sealed class InsightsWorker(InsightsTrainer trainer, InsightsSignal signal, ILogger<InsightsWorker> logger)
    : PollingWorker(signal, logger, TimeSpan.FromSeconds(30))
{
    protected override string WorkName => "training runs";

    protected override Task<bool> RunPendingAsync(CancellationToken cancellationToken) => trainer.RunPendingAsync(cancellationToken);
}
