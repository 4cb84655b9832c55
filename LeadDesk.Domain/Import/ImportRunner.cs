using System.Threading.Channels;
using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Import;

/// <summary>
/// Writes a queued import into the leads, batch by batch. In each batch (one transaction, which on SQLite holds the
/// write lock from its start), rows come in chunks whose emails are looked up with one query; a new email becomes a lead through
/// <see cref="Lead.Import"/> in the stage the file gives, scored at once with the active model (and promoted to MQL if it
/// meets the definition, as a captured lead would be), with the engagement the row counts; a known email is merged with
/// <see cref="Lead.MergeFrom"/> (its profile only: counted engagement is not added again on a re-import), or
/// skipped when the row has nothing the lead lacks or contradicts; a row with problems is refused and its problems
/// recorded for the error report. The job's progress and counts are saved in the same transaction, so a job
/// interrupted by a restart resumes after its last committed batch, and nothing is counted or written twice.
/// </summary>
public sealed class ImportRunner(
    IDbContextFactory<LeadDeskDbContext> contexts, ImportStorage storage, ImportSignals signals, ScoringService scoring,
    ImportOptions options, TimeProvider clock, ILogger<ImportRunner> logger)
{
    /// <summary>A job picked up this many times without finishing is failed rather than tried again.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Runs a queued job, or one interrupted while running, to its end. Cancellation leaves it to resume later.</summary>
    public async Task RunAsync(int jobId, CancellationToken cancellationToken = default)
    {
        ImportJob job;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
            if (!job.IsActive) return;
            if (job.Attempts >= MaxAttempts)
            {
                job.Fail(clock.GetUtcNow().UtcDateTime, $"Stopped after {job.Attempts} interrupted attempts.");
                await db.SaveChangesAsync(cancellationToken);
                Finish(job);
                return;
            }
        }

        try
        {
            var path = storage.PathOf(job.StoredFileName);
            if (!File.Exists(path)) throw new FileNotFoundException($"The uploaded file of import {jobId} is no longer in {storage.Folder}.", path);
            var total = job.TotalRows ?? CountRows(path, job.Encoding);
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
                job.Begin(clock.GetUtcNow().UtcDateTime, total);
                await db.SaveChangesAsync(cancellationToken);
            }
            signals.Publish(ImportProgress.Of(job));
            logger.LogInformation("Import {JobId} ({File}, {Rows} rows) starts at row {Done}, attempt {Attempt}", job.Id, job.FileName, total, job.RowsDone, job.Attempts);

            await ImportRowsAsync(job, path, cancellationToken);

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
                job.Complete(clock.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken);
            }
            logger.LogInformation("Import {JobId} completed: {Created} created, {Merged} merged, {Skipped} skipped, {Failed} refused",
                job.Id, job.Created, job.Merged, job.Skipped, job.Failed);
            Finish(job);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the job stays Running with its committed batches and is queued again at the next start.
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Import {JobId} failed", jobId);
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, CancellationToken.None);
            job.Fail(clock.GetUtcNow().UtcDateTime, ex.Message);
            await db.SaveChangesAsync(CancellationToken.None);
            Finish(job);
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

    private async Task ImportRowsAsync(ImportJob job, string path, CancellationToken cancellationToken)
    {
        // The importer's own connection, outside the pool: its large page cache and relaxed syncing stay with it.
        string connectionString;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            connectionString = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragmas = connection.CreateCommand())
        {
            // synchronous NORMAL in WAL mode: a power cut may lose the last batches, never corrupt the file; their
            // progress is lost with them, so the resumed job imports them again. temp_store MEMORY: every insert into
            // Leads (its triggers, its unique index) opens a statement journal, a temporary file otherwise — about
            // fifty small writes per row.
            pragmas.CommandText = $"PRAGMA cache_size = -{options.CacheMegabytes * 1024}; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }
        LeadBulkWriter writer;
        await using (var db = await OnAsync(connection, null, cancellationToken))
            writer = new LeadBulkWriter(db, connection);
        using var disposeWriter = writer;

        var model = await scoring.GetActiveModelAsync(cancellationToken);
        var importer = new Actor(job.OwnerId, job.OwnerName);
        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(job, path, importer, model, chunks.Writer, stop.Token), stop.Token);
        try
        {
            SqliteTransaction? transaction = null;
            var counts = new Counts();
            await foreach (var chunk in chunks.Reader.ReadAllAsync(stop.Token))
            {
                // BEGIN IMMEDIATE: the write lock is ours from the first lookup to the commit, so no lead can be
                // created by anyone else between looking its email up and inserting it.
                transaction ??= (SqliteTransaction)await connection.BeginTransactionAsync(stop.Token);
                await WriteChunkAsync(chunk, job.Id, job.Origin, importer, model, connection, transaction, writer, counts, stop.Token);
                if (counts.Rows < options.BatchSize) continue;
                await CommitAsync(job.Id, connection, transaction, counts, stop.Token);
                transaction = null;
                counts = new Counts();
            }
            if (transaction is not null) await CommitAsync(job.Id, connection, transaction, counts, stop.Token);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            // The reader's own failure (the file changed under it) surfaces here.
            try { await reading; }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }
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

    private async Task<LeadDeskDbContext> OnAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        if (transaction is not null) await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return db;
    }

    /// <summary>
    /// One chunk, inside the batch's transaction: the chunk's emails looked up at once (they also find leads created by
    /// earlier chunks of the same transaction), new leads written in bulk, merges and refused rows through EF.
    /// </summary>
    private async Task WriteChunkAsync(Chunk chunk, int jobId, string origin, Actor importer, ScoringModel model, SqliteConnection connection,
        SqliteTransaction transaction, LeadBulkWriter writer, Counts counts, CancellationToken cancellationToken)
    {
        await using var db = await OnAsync(connection, transaction, cancellationToken);
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
        writer.Write(created.Values.ToList(), transaction);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ends a batch: its counts and progress saved with its rows, then committed and told to the screens.</summary>
    private async Task CommitAsync(int jobId, SqliteConnection connection, SqliteTransaction transaction, Counts counts, CancellationToken cancellationToken)
    {
        ImportJob job;
        await using (var db = await OnAsync(connection, transaction, cancellationToken))
        {
            job = await db.ImportJobs.SingleAsync(j => j.Id == jobId, cancellationToken);
            job.Advance(counts.Rows, counts.Created, counts.Merged, counts.Skipped, counts.Failed);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        signals.Publish(ImportProgress.Of(job));
    }

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
