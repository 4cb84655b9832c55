using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Import;

/// <summary>
/// Writes a queued import into the leads, batch by batch. In each batch (one transaction, which on SQLite holds the
/// write lock from its start): the emails of the batch are looked up at once; a new email becomes a lead through
/// <see cref="Lead.Import"/> in the stage the file gives, scored at once with the active model (and promoted to MQL if it
/// meets the definition, as a captured lead would be); a known email is merged with <see cref="Lead.MergeFrom"/>, or
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

        var model = await scoring.GetActiveModelAsync(cancellationToken);
        var batch = new Batch(job, new Actor(job.OwnerId, job.OwnerName), model);
        var mapper = new RowMapper(job.Mapping, job.Separator, clock.GetUtcNow().UtcDateTime);
        var malformed = new HashSet<long>();
        using var reader = CsvFiles.Open(path, job.Encoding, m => malformed.Add(m.RecordNumber));
        for (var skipped = 0; skipped < job.RowsDone && reader.Read(); skipped++) { }

        LeadBulkWriter? writer = null;
        try
        {
            var rows = new List<MappedRow>(options.BatchSize);
            while (reader.Read())
            {
                var rowNumber = (int)reader.RowNumber + 1;
                rows.Add(mapper.Map(rowNumber, reader.FieldCount, reader.GetString, malformed.Remove(rowNumber)));
                if (rows.Count < options.BatchSize) continue;
                writer ??= await CreateWriterAsync(connection, cancellationToken);
                await WriteAsync(batch, rows, connection, writer, cancellationToken);
                rows.Clear();
            }
            if (rows.Count > 0)
            {
                writer ??= await CreateWriterAsync(connection, cancellationToken);
                await WriteAsync(batch, rows, connection, writer, cancellationToken);
            }
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private async Task<LeadBulkWriter> CreateWriterAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var db = await OnAsync(connection, cancellationToken);
        return new LeadBulkWriter(db, connection);
    }

    private async Task<LeadDeskDbContext> OnAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetDbConnection(connection, contextOwnsConnection: false);
        return db;
    }

    /// <summary>What every batch of a job shares.</summary>
    private sealed record Batch(ImportJob Job, Actor Importer, ScoringModel Model);

    /// <summary>One batch in one transaction. A unique-email clash with a lead created meanwhile rolls it back and reruns it.</summary>
    private async Task WriteAsync(Batch batch, IReadOnlyList<MappedRow> rows, SqliteConnection connection, LeadBulkWriter writer, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteOnceAsync(batch, rows, connection, writer, cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is SqliteException { SqliteErrorCode: 19 } or DbUpdateException { InnerException: SqliteException { SqliteErrorCode: 19 } })
            {
                logger.LogWarning("Import {JobId}: a lead of the batch was created meanwhile; rerunning the batch", batch.Job.Id);
            }
        }
    }

    private async Task WriteOnceAsync(Batch batch, IReadOnlyList<MappedRow> rows, SqliteConnection connection, LeadBulkWriter writer, CancellationToken cancellationToken)
    {
        await using var db = await OnAsync(connection, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.ImportJobs.SingleAsync(j => j.Id == batch.Job.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var origin = job.Origin;

        var emails = rows.Where(r => r.IsValid).Select(r => LeadProfile.NormalizeEmail(r.Row.Profile.Email)).Distinct().ToList();
        var known = emails.Count == 0
            ? []
            : await db.Leads.Include(l => l.Events).Where(l => EF.Parameter(emails).Contains(l.EmailNormalized))
                .ToDictionaryAsync(l => l.EmailNormalized, cancellationToken);
        var created = new Dictionary<string, Lead>();
        int merged = 0, skipped = 0, failed = 0;
        foreach (var mapped in rows)
        {
            var row = mapped.Row;
            if (!mapped.IsValid)
            {
                failed++;
                db.ImportRowErrors.AddRange(mapped.Problems.Select(p => new ImportRowError(job.Id, row.RowNumber, p)));
                continue;
            }
            var email = LeadProfile.NormalizeEmail(row.Profile.Email);
            var lead = known.GetValueOrDefault(email) ?? created.GetValueOrDefault(email);
            if (lead is null)
            {
                lead = Lead.Import(row.Profile, row.CreatedAt ?? now, row.Stage, batch.Importer, now, origin);
                if (row.Status is { } status && lead.Stage != LifecycleStage.Disqualified) lead.ChangeStatus(status);
                scoring.Rescore(lead, batch.Model);
                created.Add(email, lead);
                continue;
            }
            var (_, filled, conflicts) = ProfileMerge.Merge(lead.Profile, row.Profile);
            if (filled.Count == 0 && conflicts.Count == 0)
            {
                skipped++;
                continue;
            }
            lead.MergeFrom(row.Profile, batch.Importer, now, origin);
            scoring.Rescore(lead, batch.Model);
            merged++;
        }

        writer.Write(created.Values.ToList(), (SqliteTransaction)transaction.GetDbTransaction());
        job.Advance(rows.Count, created.Count, merged, skipped, failed);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signals.Publish(ImportProgress.Of(job));
    }
}
