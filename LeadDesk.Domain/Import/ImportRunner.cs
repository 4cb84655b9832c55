using System.Data.Common;
using System.Threading.Channels;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Import;

/// <summary>
/// Writes a queued import into the leads, batch by batch. In each batch (one transaction), rows come in chunks whose
/// emails are looked up with one query; a new email becomes a lead through <see cref="Lead.Import"/> in the stage the
/// file gives, scored at once with the active model (and promoted to MQL if it meets the definition, as a captured lead
/// would be), with the engagement the row counts; a known email is merged with <see cref="Lead.MergeFrom"/> (its profile
/// only: counted engagement is not added again on a re-import), or skipped when the row has nothing the lead lacks or
/// contradicts; a row with problems is refused and its problems recorded for the error report. New leads are
/// written with the engine's fast path (<see cref="LeadBulkWriter"/>: prepared INSERTs on SQLite, binary COPY on
/// PostgreSQL); what becomes of each row does not depend on the engine. The job's progress and counts are saved in the
/// same transaction, so a job interrupted by a restart resumes after its last committed batch, and nothing is counted
/// or written twice.
/// <para>
/// With several app nodes, a job is run by the node holding its lease (<see cref="JobLeases"/>, one per job). Each
/// batch renews the lease in its own transaction, so a batch only commits while its node holds the lease; a node that
/// dies stops renewing, and once the lease has run out another node takes the job and resumes it after the last
/// committed batch.
/// </para>
/// </summary>
public sealed class ImportRunner(
    IDbContextFactory<LeadDeskDbContext> contexts, ImportStorage storage, ImportSignals signals, ScoringService scoring,
    JobLeases leases, ImportOptions options, TimeProvider clock, ILogger<ImportRunner> logger)
{
    /// <summary>A job picked up this many times without finishing is failed rather than tried again.</summary>
    public const int MaxAttempts = 5;

    /// <summary>
    /// How many times in one run batches may be done again after another writer got in their way (PostgreSQL: a lead
    /// with one of the batch's emails created meanwhile, a lead it merges into changed meanwhile) before the job is failed.
    /// </summary>
    private const int MaxConflicts = 5;

    /// <summary>The lease that makes one node at a time run job <paramref name="jobId"/>.</summary>
    public static string LeaseOf(int jobId) => $"import-{jobId}";

    /// <summary>
    /// Runs a queued job, or one interrupted while running (by a stop, or by its node dying), to its end. False when
    /// there is nothing to run: the job is not active, or another node holds its lease (it is running it; if that node
    /// dies, its lease runs out and this one can take over). Cancellation leaves the job to resume later.
    /// </summary>
    public async Task<bool> RunAsync(int jobId, CancellationToken cancellationToken = default)
    {
        var lease = LeaseOf(jobId);
        if (!await leases.TryAcquireAsync(lease, cancellationToken)) return false;
        var ended = false;
        try
        {
            (var ran, ended) = await RunLeasedAsync(jobId, lease, cancellationToken);
            return ran;
        }
        finally
        {
            try
            {
                // A stop can come between taking the lease and reading the job, when another node has just finished it:
                // the lease of a job that is over is removed all the same, not left behind.
                if (ended || !await IsActiveAsync(jobId)) await leases.EndAsync(lease, CancellationToken.None);
                else await leases.ReleaseAsync(lease, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The database is unreachable, say: the lease runs out by itself.
                logger.LogWarning(ex, "Could not give up the lease of import {JobId}", jobId);
            }
        }
    }

    private async Task<bool> IsActiveAsync(int jobId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.ImportJobs.Where(j => j.Id == jobId).AnyAsync(ImportJob.Active);
    }

    /// <returns>Whether the job was worked on, and whether it has ended (completed or failed).</returns>
    private async Task<(bool Ran, bool Ended)> RunLeasedAsync(int jobId, string lease, CancellationToken cancellationToken)
    {
        ImportJob job;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
            if (!job.IsActive) return (false, true);
            if (job.Attempts >= MaxAttempts)
            {
                job.Fail(clock.GetUtcNow().UtcDateTime, $"Stopped after {job.Attempts} interrupted attempts.");
                await db.SaveChangesAsync(cancellationToken);
                Finish(job);
                return (true, true);
            }
        }

        try
        {
            var path = storage.PathOf(job.StoredFileName);
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"The uploaded file of import {jobId} is not in {storage.Folder} (with several app nodes, Import:Folder must be a folder they all share).", path);
            var total = job.TotalRows ?? CountRows(path, job.Encoding);
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
                job.Begin(clock.GetUtcNow().UtcDateTime, total);
                await db.SaveChangesAsync(cancellationToken);
            }
            signals.Publish(ImportProgress.Of(job));
            logger.LogInformation("Import {JobId} ({File}, {Rows} rows) starts at row {Done}, attempt {Attempt}", job.Id, job.FileName, total, job.RowsDone, job.Attempts);

            for (var conflicts = 1; ; conflicts++)
            {
                try
                {
                    await ImportRowsAsync(jobId, lease, path, cancellationToken);
                    break;
                }
                catch (Exception ex) when (DbErrors.IsWriteConflict(ex) && conflicts < MaxConflicts && !cancellationToken.IsCancellationRequested)
                {
                    // The batch rolled back; done again, it finds what the other writer made (a lead to merge into).
                    logger.LogInformation("Import {JobId}: another writer got in the way of a batch ({Reason}); doing it again", jobId, ex.Message);
                }
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (!await leases.RenewAsync(db, lease, cancellationToken)) throw new LeaseLostException();
                job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
                job.Complete(clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            logger.LogInformation("Import {JobId} completed: {Created} created, {Merged} merged, {Skipped} skipped, {Failed} refused",
                job.Id, job.Created, job.Merged, job.Skipped, job.Failed);
            Finish(job);
            return (true, true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the job stays Running with its committed batches and is taken up again (here after a restart,
            // or by another node) once its lease is free.
            throw;
        }
        catch (LeaseLostException)
        {
            // This node stalled past its lease and another node took the job over; it carries on from the last commit.
            logger.LogWarning("Import {JobId}: the lease passed to another node; leaving the job to it", jobId);
            return (true, false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Import {JobId} failed", jobId);
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
            job.Fail(clock.GetUtcNow().UtcDateTime, ex.Message);
            await db.SaveChangesAsync(CancellationToken.None);
            Finish(job);
            return (true, true);
        }
    }

    /// <summary>The file is no longer needed once the job has ended; its results are in the database.</summary>
    private void Finish(ImportJob job)
    {
        storage.Delete(job.StoredFileName);
        signals.Publish(ImportProgress.Of(job));
    }

    private static int CountRows(string path, string encoding)
    {
        using var reader = CsvFiles.Open(path, encoding);
        var rows = 0;
        while (reader.Read()) rows++;
        return rows;
    }

    /// <summary>Imports the rows after the job's last committed batch, batch by batch, to the end of the file.</summary>
    private async Task ImportRowsAsync(int jobId, string lease, string path, CancellationToken cancellationToken)
    {
        await using var writer = await LeadBulkWriter.OpenAsync(contexts, options.CacheMegabytes, cancellationToken);
        ImportJob job;
        await using (var db = await writer.ContextAsync(contexts, null, cancellationToken))
            job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);

        var model = await scoring.GetActiveModelAsync(cancellationToken);
        var importer = new Actor(job.OwnerId, job.OwnerName);
        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(job, path, importer, model, chunks.Writer, stop.Token), stop.Token);
        DbTransaction? transaction = null;
        try
        {
            var counts = new Counts();
            await foreach (var chunk in chunks.Reader.ReadAllAsync(stop.Token))
            {
                transaction ??= await BeginBatchAsync(writer, lease, stop.Token);
                await WriteChunkAsync(chunk, job.Id, job.Origin, importer, model, writer, transaction, counts, stop.Token);
                if (counts.Rows < options.BatchSize) continue;
                await CommitAsync(job.Id, lease, writer, transaction, counts, stop.Token);
                transaction = null;
                counts = new Counts();
            }
            if (transaction is not null) await CommitAsync(job.Id, lease, writer, transaction, counts, stop.Token);
            transaction = null;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            // A batch that did not commit is rolled back with its counts; the next run does it again.
            if (transaction is not null) await transaction.DisposeAsync();
            // The reader's own failure (the file changed under it) surfaces here.
            try { await reading; }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }
    }

    /// <summary>A batch's transaction, begun by renewing the job's lease in it: the batch commits only if this node still holds the job.</summary>
    private async Task<DbTransaction> BeginBatchAsync(LeadBulkWriter writer, string lease, CancellationToken cancellationToken)
    {
        var transaction = await writer.BeginAsync(cancellationToken);
        await using var db = await writer.ContextAsync(contexts, transaction, cancellationToken);
        if (await leases.RenewAsync(db, lease, cancellationToken)) return transaction;
        await transaction.DisposeAsync();
        throw new LeaseLostException();
    }

    /// <summary>
    /// Reads the file after the rows already committed, maps each row and, for a valid one, builds and scores the lead
    /// it would become, in chunks, on its own thread while the previous chunk is being written. A lead built for an
    /// email that turns out to exist is dropped and the row merged instead.
    /// </summary>
    private async Task ReadAsync(ImportJob job, string path, Actor importer, ScoringModel model, ChannelWriter<Chunk> chunks, CancellationToken cancellationToken)
    {
        try
        {
            var mapper = new RowMapper(job.Mapping, job.Separator, clock.GetUtcNow().UtcDateTime, keepRaw: false, job.Preset);
            var origin = job.Origin;
            var malformed = new HashSet<long>();
            using var reader = CsvFiles.Open(path, job.Encoding, m => malformed.Add(m.RecordNumber));
            for (var done = 0; done < job.RowsDone && reader.Read(); done++) malformed.Remove(done + 2);

            // Chunks end where batches end, so that a batch commits after exactly BatchSize rows.
            var size = Math.Min(ChunkSize, options.BatchSize);
            var inBatch = 0;
            var chunk = new List<PreparedRow>(size);
            var now = clock.GetUtcNow().UtcDateTime;
            while (reader.Read())
            {
                var rowNumber = (int)reader.RowNumber + 1;
                var mapped = mapper.Map(rowNumber, reader.FieldCount, reader.GetString, malformed.Remove(rowNumber));
                chunk.Add(mapped.IsValid ? Prepare(mapped, importer, model, now, origin) : new PreparedRow(mapped, "", null));
                if (chunk.Count < Math.Min(size, options.BatchSize - inBatch)) continue;
                await chunks.WriteAsync(new Chunk(chunk, now), cancellationToken);
                inBatch = (inBatch + chunk.Count) % options.BatchSize;
                chunk = new List<PreparedRow>(size);
                now = clock.GetUtcNow().UtcDateTime;
            }
            if (chunk.Count > 0) await chunks.WriteAsync(new Chunk(chunk, now), cancellationToken);
            chunks.Complete();
        }
        catch (Exception ex)
        {
            chunks.Complete(ex);
            throw;
        }
    }

    private PreparedRow Prepare(MappedRow mapped, Actor importer, ScoringModel model, DateTime now, string origin)
    {
        var row = mapped.Row;
        var lead = Lead.Import(row.Profile, row.CreatedAt ?? now, row.Stage, importer, now, origin);
        if (row.Status is { } status && lead.Stage != LifecycleStage.Disqualified) lead.ChangeStatus(status);
        // The file counts what the lead did before it was exported, without dates: the events take the lead's creation time.
        foreach (var (type, count) in row.Events)
            for (var i = 0; i < count; i++) lead.RecordEvent(type, lead.CreatedAt, null);
        scoring.Rescore(lead, model);
        return new PreparedRow(mapped, LeadProfile.NormalizeEmail(row.Profile.Email), lead);
    }

    /// <summary>
    /// One chunk, inside the batch's transaction: the chunk's emails looked up at once (they also find leads created by
    /// earlier chunks of the same transaction), new leads written in bulk, merges and refused rows through EF.
    /// </summary>
    private async Task WriteChunkAsync(Chunk chunk, int jobId, string origin, Actor importer, ScoringModel model, LeadBulkWriter writer,
        DbTransaction transaction, Counts counts, CancellationToken cancellationToken)
    {
        await using var db = await writer.ContextAsync(contexts, transaction, cancellationToken);
        var emails = chunk.Rows.Where(r => r.Lead is not null).Select(r => r.Email).Distinct().ToList();
        var known = emails.Count == 0
            ? []
            : await db.Leads.Include(l => l.Events).Where(l => EF.Parameter(emails).Contains(l.EmailNormalized))
                .ToDictionaryAsync(l => l.EmailNormalized, cancellationToken);
        var created = new Dictionary<string, Lead>();
        foreach (var (mapped, email, prepared) in chunk.Rows)
        {
            counts.Rows++;
            if (prepared is null)
            {
                counts.Failed++;
                db.ImportRowErrors.AddRange(mapped.Problems.Select(p => new ImportRowError(jobId, mapped.Row.RowNumber, p)));
                continue;
            }
            var lead = known.GetValueOrDefault(email) ?? created.GetValueOrDefault(email);
            if (lead is null)
            {
                created.Add(email, prepared);
                continue;
            }
            var (_, filled, conflicts) = ProfileMerge.Merge(lead.Profile, mapped.Row.Profile);
            if (filled.Count == 0 && conflicts.Count == 0)
            {
                counts.Skipped++;
                continue;
            }
            lead.MergeFrom(mapped.Row.Profile, importer, chunk.At, origin);
            scoring.Rescore(lead, model);
            counts.Merged++;
        }
        counts.Created += created.Count;
        await writer.WriteAsync(created.Values.ToList(), transaction, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a batch: its counts and progress saved with its rows and the lease renewed once more, then committed and
    /// told to the screens.
    /// </summary>
    private async Task CommitAsync(int jobId, string lease, LeadBulkWriter writer, DbTransaction transaction, Counts counts,
        CancellationToken cancellationToken)
    {
        ImportJob job;
        await using (var db = await writer.ContextAsync(contexts, transaction, cancellationToken))
        {
            if (!await leases.RenewAsync(db, lease, cancellationToken)) throw new LeaseLostException();
            job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
            job.Advance(counts.Rows, counts.Created, counts.Merged, counts.Skipped, counts.Failed);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        signals.Publish(ImportProgress.Of(job));
    }

    /// <summary>This node no longer holds the job's lease: another node took the job over.</summary>
    private sealed class LeaseLostException() : Exception("The import's lease passed to another node.");

    /// <summary>Rows read, mapped and prepared together; the unit of one lookup and one bulk write.</summary>
    private const int ChunkSize = 5_000;

    private sealed record Chunk(List<PreparedRow> Rows, DateTime At);

    /// <param name="Email">The normalized email; empty for a refused row.</param>
    /// <param name="Lead">The lead the row becomes if its email is new; null for a refused row.</param>
    private sealed record PreparedRow(MappedRow Mapped, string Email, Lead? Lead);

    /// <summary>What the rows of the current batch became.</summary>
    private sealed class Counts
    {
        public int Rows, Created, Merged, Skipped, Failed;
    }
}
