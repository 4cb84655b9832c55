using Microsoft.Data.Sqlite;

namespace LeadDesk.Domain.Import;

/// <summary>The <c>Import</c> section of appsettings.json.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>The largest file accepted. HubSpot's per-file maximum of 1,048,576 rows is about 200 MB as exported.</summary>
    public int MaxFileMegabytes { get; set; } = 256;

    /// <summary>
    /// Rows per transaction. Each batch holds the database's write lock until it commits, so other writers wait up to that
    /// long (about 5 s for 20,000 rows into a million leads on the 2-core benchmark machine); but each commit also writes
    /// every index page the batch touched, and new emails, names, companies and creation dates land all over their
    /// indexes, so smaller batches write the same pages again and again (see docs/performance.md).
    /// </summary>
    public int BatchSize { get; set; } = 20_000;

    /// <summary>How many rows the preview shows.</summary>
    public int PreviewRows { get; set; } = 10;

    /// <summary>
    /// The page cache of the importer's own connection, in MiB, released when the job ends. A batch's writes stay in it
    /// until the commit; a cache smaller than the index pages a batch touches spills them to disk mid-batch.
    /// </summary>
    public int CacheMegabytes { get; set; } = 256;

    /// <summary>
    /// Where uploaded files wait for their import; relative to the folder of appsettings.json. Unset: <c>imports</c>
    /// beside the SQLite file, or <c>data/imports</c> on PostgreSQL. With several app nodes it must be a folder they all
    /// share (a network file system): any node may run, or take over, a job uploaded through another.
    /// </summary>
    public string? Folder { get; set; }

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;
}

/// <summary>Where uploaded files wait for their import (<see cref="ImportOptions.Folder"/>).</summary>
public sealed class ImportStorage(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>The folder beside the database that <paramref name="sqliteConnectionString"/> names.</summary>
    public static ImportStorage Beside(string sqliteConnectionString)
    {
        var source = new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        var folder = string.IsNullOrEmpty(source) || source == ":memory:"
            ? Path.Combine(Path.GetTempPath(), "leaddesk-imports")
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, "imports");
        return new ImportStorage(folder);
    }

    public string PathOf(string storedFileName) => Path.Combine(Folder, storedFileName);

    /// <summary>A new file name for an upload, never derived from what the user's file was called.</summary>
    public string NewFileName() => $"{Guid.NewGuid():N}.csv";

    public void Delete(string storedFileName)
    {
        try { File.Delete(PathOf(storedFileName)); }
        catch (IOException) { /* still open by a reader that is finishing; the next clean-up removes it */ }
    }
}

/// <summary>How far a job has got, as told to open screens after each committed batch and when it ends.</summary>
public sealed record ImportProgress(int JobId, ImportJobStatus Status, int? TotalRows, int RowsDone, int Created, int Merged, int Skipped, int Failed)
{
    public static ImportProgress Of(ImportJob job) =>
        new(job.Id, job.Status, job.TotalRows, job.RowsDone, job.Created, job.Merged, job.Skipped, job.Failed);
}

/// <summary>
/// The importer's signals within the app process: <see cref="Wake"/> when a job is queued, and progress for the screens
/// that show it. A screen that misses a message still reads the job from the database when it opens.
/// </summary>
public sealed class ImportSignals
{
    private readonly SemaphoreSlim _queued = new(0);
    private readonly Lock _gate = new();
    private Func<ImportProgress, Task>[] _handlers = [];

    /// <summary>Tells the importer a job is waiting.</summary>
    public void Wake()
    {
        // One pending wake-up is enough: the importer takes every queued job before it waits again.
        if (_queued.CurrentCount == 0) _queued.Release();
    }

    /// <summary>Waits for <see cref="Wake"/>, or <paramref name="timeout"/> (the importer also looks by itself now and then).</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _queued.WaitAsync(timeout, cancellationToken);

    public void Publish(ImportProgress progress)
    {
        foreach (var handler in _handlers)
        {
            // Fire and forget, as LeadNotifier does: a slow screen must not hold up the import.
            _ = Task.Run(async () =>
            {
                try { await handler(progress); }
                catch (Exception) { /* the subscriber's own problem; its circuit reports it */ }
            });
        }
    }

    /// <summary>Calls <paramref name="handler"/> with every progress message until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<ImportProgress, Task> handler)
    {
        lock (_gate) _handlers = [.. _handlers, handler];
        return new Subscription(() =>
        {
            lock (_gate) _handlers = [.. _handlers.Where(h => h != handler)];
        });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
