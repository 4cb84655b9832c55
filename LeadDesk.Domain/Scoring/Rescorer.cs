using System.Data.Common;
using System.Text;
using System.Threading.Channels;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Scoring;

/// <summary>
/// Carries out rescore runs. Reading and scoring the next batches of leads overlaps with writing the one before (two
/// cores: SQLite writes on one, the scoring runs on the other). Batches are written, each with the run's progress, on one
/// connection kept for the run, in transactions of <see cref="LeadsPerTransaction"/> leads or
/// <see cref="MaxTransactionTime"/>, whichever comes first: a changed score is written only if the lead is as it was
/// read (its concurrency token) — on SQLite by one prepared UPDATE per lead through SQLite's own API
/// (<see cref="BatchWriter.WriteEach"/>), on PostgreSQL by one UPDATE for all of the batch's changed leads — and one
/// range UPDATE gives the unchanged leads the new version. The scores are written by hand, not through tracked
/// entities, and the token is left alone, so nobody with the lead open is told it changed because its score moved.
/// Leads that newly meet the MQL definition in Lead or Nurture are promoted through the domain
/// (<see cref="ScoringService.Apply"/>) in the same transaction, with the score they were read with if they are still as
/// read; leads that changed since they were read are scored again from their events (<see cref="ScoringService.Rescore"/>).
/// A promotion is a recorded decision like any other.
/// </summary>
public sealed partial class Rescorer(IDbContextFactory<LeadDeskDbContext> contexts, ScoringService scoring, ILeadNotifier notifier,
    JobLeases leases, TimeProvider clock, ILogger<Rescorer> logger)
{
    /// <summary>The lease that makes one node at a time rescore (<see cref="JobLeases"/>).</summary>
    public const string Lease = "rescore";

    /// <summary>Leads per batch read, scored and written: what the reading side holds in memory at a time.</summary>
    internal int BatchSize { get; init; } = ScoringInput.BatchSize;

    /// <summary>
    /// Leads per transaction, in whole batches. Each changed score moves the lead's entry in the score index (five of
    /// them on PostgreSQL), at a scattered place, and a commit writes every index page its transaction touched: 2,000
    /// leads a commit rewrote the same pages 500 times in a full rescore (with five score indexes the raw UPDATE floor
    /// went from 38.5 to 17.5 s at 20,000). Other writers wait for a transaction to commit, a fraction of a second for
    /// 20,000 leads on the benchmark machine (docs/performance.md).
    /// </summary>
    internal int LeadsPerTransaction { get; init; } = 20_000;

    /// <summary>
    /// A transaction is committed after the batch that takes it past this long, even short of
    /// <see cref="LeadsPerTransaction"/>: on a busy machine 20,000 leads can take seconds, and a rep accepting a handoff
    /// would wait for them.
    /// </summary>
    internal TimeSpan MaxTransactionTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Called after each batch is written, with the run's progress as the open transaction holds it (committed only once
    /// the transaction is); tests use it to stop a node partway.
    /// </summary>
    internal Action<RescoreRun>? BatchWritten { get; init; }

    /// <summary>Scored batches waiting to be written: enough to keep the writer busy, few enough to bound memory.</summary>
    private const int BatchesAhead = 2;

    /// <summary>
    /// The writer's page cache. Each changed score moves an entry in the score index, at a scattered place, and each
    /// promotion entries in a dozen more; a cache that holds the score index (27 MiB at a million leads) and the
    /// pages promotions come back to saves a read per entry.
    /// </summary>
    private const int WriterCacheKiB = 256 * 1024;

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
            var scored = Channel.CreateBounded<ScoredBatch>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var utf8 = db.Database.IsSqlite();
            var reading = Task.Run(() => ReadAndScoreAsync(run.LastLeadId, model, utf8, scored.Writer, stop.Token), stop.Token);
            try
            {
                await using var writer = await BatchWriter.OpenAsync(contexts, model, run.Id, cancellationToken);
                var committed = run.DoneLeads;
                IDbContextTransaction? transaction = null;
                var began = 0L;
                var promotions = new List<LeadNotification>();
                try
                {
                    await foreach (var batch in scored.Reader.ReadAllAsync(stop.Token))
                    {
                        if (transaction is null)
                        {
                            // Renewed before each transaction; lost only if this node stalled past the lease and another
                            // took over, in which case that node carries on after the last commit and this one stops.
                            if (!await leases.TryAcquireAsync(Lease, cancellationToken))
                            {
                                logger.LogWarning("The rescore lease passed to another node; leaving run {Run} to it", run.Id);
                                return true;
                            }
                            transaction = await writer.Db.Database.BeginTransactionAsync(cancellationToken);
                            began = clock.GetTimestamp();
                        }
                        using (batch.Utf8)
                            promotions.AddRange(await WriteBatchAsync(writer, transaction.GetDbTransaction(), batch, model, run, cancellationToken));
                        BatchWritten?.Invoke(run);
                        if (run.DoneLeads - committed < LeadsPerTransaction && clock.GetElapsedTime(began) < MaxTransactionTime) continue;
                        await CommitAsync(transaction, promotions, cancellationToken);
                        (transaction, committed) = (null, run.DoneLeads);
                    }
                    if (transaction is not null) await CommitAsync(transaction, promotions, cancellationToken);
                    transaction = null;
                }
                finally
                {
                    // Failed or cancelled with a transaction open: its batches are undone, and so is the run's progress
                    // they carried, so a resumed run starts after the last commit.
                    if (transaction is not null) await transaction.DisposeAsync();
                }
            }
            finally
            {
                // The writer stopped (finished, failed or cancelled): the reader must not go on scoring for nobody.
                await stop.CancelAsync();
                try { await reading; }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            }
            run.Finish(Now, RescoreStatus.Completed);
            logger.LogInformation("Rescored {Done} leads with model v{Version}: {Changed} changed, {Promoted} promoted",
                run.DoneLeads, run.ModelVersion, run.ChangedLeads, run.PromotedLeads);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutting down: the run stays Running and resumes after its last commit
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Rescore run {Run} with model v{Version} failed", run.Id, run.ModelVersion);
            // The progress as committed: the batches of the transaction that failed were undone, their progress with them.
            await db.Entry(run).ReloadAsync(CancellationToken.None);
            run.Finish(Now, RescoreStatus.Failed, exception.Message);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Commits a transaction of batches, then announces the promotions it holds (none are seen before).</summary>
    private async Task CommitAsync(IDbContextTransaction transaction, List<LeadNotification> promotions, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        foreach (var promotion in promotions) notifier.Publish(promotion);
        promotions.Clear();
    }

    /// <summary>What the writer does with one lead of a batch.</summary>
    private enum Outcome : byte
    {
        /// <summary>Score and explanation as stored: the range UPDATE stamps the version.</summary>
        Unchanged,
        /// <summary>A new score, written if the lead is still as read.</summary>
        Changed,
        /// <summary>Newly meets the MQL definition in Lead or Nurture: rescored and promoted through the domain.</summary>
        Promote,
    }

    /// <summary>
    /// A batch of leads with the score each gets from the model, decided on the reading side so the writer only writes:
    /// for a changed score, its explanation as the column stores it and the key of its rules (<see cref="Lead.ScoreRulesKey"/>),
    /// as UTF-8 for SQLite's writer (<see cref="Utf8"/>) or as text for PostgreSQL's (<see cref="Json"/>).
    /// </summary>
    private sealed record ScoredBatch(IReadOnlyList<LeadToScore> Leads, ScoreResult[] Scores, Outcome[] Outcomes, string?[] Json, long[] RuleKeys,
        BatchExplanations? Utf8, DateTime ScoredAt);

    private async Task ReadAndScoreAsync(int afterId, ScoringModel model, bool utf8, ChannelWriter<ScoredBatch> output,
        CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await contexts.CreateDbContextAsync(cancellationToken);
            var explanations = new ExplanationJson();
            var batchExplanations = new BatchExplanations.Builder();
            await foreach (var leads in ScoringInput.BatchesAsync(reader, afterId, cancellationToken, BatchSize))
            {
                var now = Now;
                var (scores, outcomes, json, ruleKeys) = (new ScoreResult[leads.Count], new Outcome[leads.Count], new string?[leads.Count], new long[leads.Count]);
                batchExplanations.Start(leads.Count);
                for (var i = 0; i < leads.Count; i++)
                {
                    var lead = leads[i];
                    var score = scores[i] = LeadScorer.Score(lead.Profile, lead.Events, model.Definition, now);
                    if (lead.Stage is LifecycleStage.Lead or LifecycleStage.Nurture && LeadScorer.MeetsMql(score, model.Definition.Mql))
                    {
                        outcomes[i] = Outcome.Promote;
                        continue;
                    }
                    // Same points can still come with another explanation (a renamed rule): compared as the column stores it.
                    var lines = explanations.Write(score.Lines);
                    if (score.Fit == lead.FitScore && score.Engagement == lead.EngagementScore && lines.SequenceEqual(lead.ExplanationUtf8)) continue;
                    outcomes[i] = Outcome.Changed;
                    ruleKeys[i] = ScoreRule.KeyOf(score.Lines);
                    if (utf8) batchExplanations.Add(i, lines);
                    else json[i] = Encoding.UTF8.GetString(lines);
                }
                var changedUtf8 = utf8 ? batchExplanations.Finish() : null;
                try
                {
                    await output.WriteAsync(new ScoredBatch(leads, scores, outcomes, json, ruleKeys, changedUtf8, now), cancellationToken);
                }
                catch
                {
                    changedUtf8?.Dispose();
                    throw;
                }
            }
            output.Complete();
        }
        catch (Exception exception)
        {
            output.Complete(exception);
            throw;
        }
    }

    /// <summary>
    /// Writes one batch and the run's progress in the open transaction, so a run resumed after a restart starts exactly
    /// after the last batch committed. The progress goes through the writer's own connection: a write on any other
    /// connection would make SQLite drop the writer's page cache. Returns the promotions to announce once committed.
    /// </summary>
    private async Task<List<LeadNotification>> WriteBatchAsync(BatchWriter writer, DbTransaction transaction, ScoredBatch batch,
        ScoringModel model, RescoreRun run, CancellationToken cancellationToken)
    {
        var (promote, changedAt, again) = (new List<int>(), new List<int>(), new List<int>());
        for (var i = 0; i < batch.Leads.Count; i++)
        {
            if (batch.Outcomes[i] == Outcome.Promote) promote.Add(i);
            else if (batch.Outcomes[i] == Outcome.Changed) changedAt.Add(i);
        }
        var changed = 0;
        if (changedAt.Count > 0)
        {
            var written = batch.Utf8 is not null
                ? writer.WriteEach(batch, changedAt)
                : await writer.WriteAllAsync(transaction, batch, changedAt, cancellationToken);
            changed += written.Count;
            // Not written: changed since it was read (a new event, a decision), so scored again from what it is now.
            again.AddRange(changedAt.Select(i => batch.Leads[i].Id).Where(id => !written.Contains(id)));
        }

        // Every other lead of the batch keeps its score and takes the version: one statement, not one per lead.
        // The batch is every lead in its id range (new leads get higher ids), and the rows written above carry it already.
        var versionOnly = writer.VersionOnly(transaction, batch.ScoredAt, batch.Leads[0].Id, batch.Leads[^1].Id);
        await versionOnly.ExecuteNonQueryAsync(cancellationToken);

        var promotions = new List<LeadNotification>();
        if (promote.Count + again.Count > 0)
        {
            // Nobody may change these leads between loading and saving them. On SQLite the batch's transaction already
            // holds the write lock; PostgreSQL lets other transactions write meanwhile, so the leads are locked first.
            if (writer.Db.Database.IsNpgsql())
            {
                var ids = promote.Select(i => batch.Leads[i].Id).Concat(again).Order().ToArray();
                await writer.Db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Leads" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE""", cancellationToken);
            }
            var leads = new List<Lead>();
            // A lead to promote that is still as it was read takes the score it was read with, without loading its events.
            var asRead = promote.ToDictionary(i => batch.Leads[i].Id);
            var promoteIds = asRead.Keys.ToList();
            foreach (var lead in await writer.Db.Leads.Where(l => promoteIds.Contains(l.Id)).ToListAsync(cancellationToken))
            {
                var i = asRead[lead.Id];
                if (lead.ConcurrencyToken != AsGuid(batch.Leads[i].ConcurrencyToken))
                {
                    again.Add(lead.Id);
                    continue;
                }
                leads.Add(lead);
                ScoringService.Apply(lead, model, batch.Scores[i], batch.ScoredAt);
            }
            if (again.Count > 0)
            {
                var stale = await writer.Db.Leads.Include(l => l.Events).Where(l => again.Contains(l.Id)).ToListAsync(cancellationToken);
                foreach (var lead in stale) scoring.Rescore(lead, model);
                leads.AddRange(stale);
            }
            foreach (var lead in leads)
            {
                if (lead.Decisions.FirstOrDefault(d => d.Verb == LifecycleVerb.Promote) is { } promotion)
                    promotions.Add(new LeadNotification(lead.Id, lead.DisplayName, LifecycleVerb.Promote, lead.Stage,
                        Actor.System.UserId, Actor.System.Name, null, promotion.At));
            }
            await writer.Db.SaveChangesAsync(cancellationToken);
            changed += leads.Count;
        }
        run.Advance(batch.Leads.Count, changed, promotions.Count, batch.Leads[^1].Id);
        await writer.Progress(transaction, run).ExecuteNonQueryAsync(cancellationToken);
        writer.Db.ChangeTracker.Clear();
        return promotions;
    }

    /// <summary>A concurrency token as the reading side read it: text on SQLite, a uuid on PostgreSQL.</summary>
    private static Guid AsGuid(object token) => token as Guid? ?? Guid.Parse((string)token);

    private static void Set(DbCommand command, string name, object value) => command.Parameters["@" + name].Value = value;
}
