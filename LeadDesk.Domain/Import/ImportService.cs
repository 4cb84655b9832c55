using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Import;

/// <summary>The first rows of a file read with a mapping, and what is wrong with the mapping as a whole.</summary>
/// <param name="Samples">For each column of the file, its first non-empty value among those rows (null if none), to map by.</param>
public sealed record ImportPreview(ImportJob Job, IReadOnlyList<MappedRow> Rows, IReadOnlyList<string?> Samples, IReadOnlyList<MappingProblem> MappingProblems);

/// <summary>
/// CSV imports as marketers and managers see them: upload a file, check the mapping against a preview, start, follow,
/// read the refused rows. Nothing is written to the leads until a job is started; the background importer
/// (<see cref="ImportRunner"/>) does the writing. Every call checks the caller's role itself.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<LeadDeskDbContext> contexts, ImportStorage storage, ImportSignals signals, ImportOptions options, TimeProvider clock)
{
    private const string Action = "import leads";

    public ImportOptions Options => options;

    /// <summary>
    /// Keeps the file in the imports folder, decides its encoding, reads its header and proposes a mapping from the
    /// export it recognises. The result is a draft job. Refused: a file over the size limit ("ImportFileTooLarge"),
    /// an empty file or one without a header ("ImportNoHeader").
    /// </summary>
    public async Task<ImportJob> UploadAsync(Caller caller, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        caller.Require(Action, Roles.Marketing, Roles.Manager);
        Directory.CreateDirectory(storage.Folder);
        var stored = storage.NewFileName();
        var path = storage.PathOf(stored);
        try
        {
            var bytes = await CopyAsync(content, path, cancellationToken);
            string encoding;
            await using (var file = File.OpenRead(path))
                encoding = await CsvFiles.DetectEncodingAsync(file, cancellationToken);
            IReadOnlyList<string> headers;
            char separator;
            using (var reader = CsvFiles.Open(path, encoding))
            {
                headers = reader.Headers.Select(h => h.Trim()).ToList();
                separator = reader.Separator;
            }
            if (headers.Count == 0 || headers.All(string.IsNullOrEmpty))
                throw new DomainException("The file is empty or has no header row naming its columns.", "ImportNoHeader");

            var (preset, mapping) = ImportPresets.Detect(headers);
            var job = new ImportJob(Path.GetFileName(fileName), stored, bytes, encoding, separator, preset, mapping, caller.Actor, clock.GetUtcNow().UtcDateTime);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
            return job;
        }
        catch
        {
            storage.Delete(stored);
            throw;
        }
    }

    /// <summary>The first rows of a draft read with <paramref name="mapping"/>, which the draft keeps for next time.</summary>
    public async Task<ImportPreview> PreviewAsync(Caller caller, int jobId, ImportMapping mapping, CancellationToken cancellationToken = default)
    {
        caller.Require(Action, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await FindAsync(db, jobId, cancellationToken);
        job.ChangeMapping(mapping);
        await db.SaveChangesAsync(cancellationToken);

        var mapper = new RowMapper(mapping, job.Separator, clock.GetUtcNow().UtcDateTime, preset: job.Preset);
        var malformed = new HashSet<long>();
        var rows = new List<MappedRow>(options.PreviewRows);
        var samples = new string?[mapping.Columns.Count];
        using (var reader = CsvFiles.Open(storage.PathOf(job.StoredFileName), job.Encoding, m => malformed.Add(m.RecordNumber)))
        {
            while (rows.Count < options.PreviewRows && reader.Read())
            {
                var rowNumber = (int)reader.RowNumber + 1;
                rows.Add(mapper.Map(rowNumber, reader.FieldCount, reader.GetString, malformed.Contains(rowNumber)));
                for (var i = 0; i < Math.Min(samples.Length, reader.FieldCount); i++)
                    if (string.IsNullOrEmpty(samples[i]) && reader.GetString(i) is { Length: > 0 } value) samples[i] = value;
            }
        }
        return new ImportPreview(job, rows, samples, mapping.Problems());
    }

    /// <summary>Queues a draft with <paramref name="mapping"/> for the background importer.</summary>
    public async Task<ImportJob> StartAsync(Caller caller, int jobId, ImportMapping mapping, CancellationToken cancellationToken = default)
    {
        caller.Require(Action, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await FindAsync(db, jobId, cancellationToken);
        job.Queue(mapping);
        await db.SaveChangesAsync(cancellationToken);
        signals.Wake();
        return job;
    }

    /// <summary>Drops a draft and its file; a started import cannot be discarded.</summary>
    public async Task DiscardAsync(Caller caller, int jobId, CancellationToken cancellationToken = default)
    {
        caller.Require(Action, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await FindAsync(db, jobId, cancellationToken);
        if (job.Status != ImportJobStatus.Draft)
            throw new DomainException($"Cannot discard an import that is {job.Status}.", "ImportNotDraft");
        db.ImportJobs.Remove(job);
        await db.SaveChangesAsync(cancellationToken);
        storage.Delete(job.StoredFileName);
    }

    public async Task<ImportJob> GetAsync(Caller caller, int jobId, CancellationToken cancellationToken = default)
    {
        caller.Require(Action, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken)
               ?? throw NotFound(jobId);
    }

    /// <summary>The caller's newest draft, so that a mapping left half-checked is there when they come back.</summary>
    public async Task<ImportJob?> LatestDraftAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.Require(Action, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.AsNoTracking()
            .Where(j => j.Status == ImportJobStatus.Draft && j.OwnerId == caller.UserId)
            .OrderByDescending(j => j.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The newest started imports, everyone's: marketing and managers share one list.</summary>
    public async Task<IReadOnlyList<ImportJob>> RecentAsync(Caller caller, int take = 20, CancellationToken cancellationToken = default)
    {
        caller.Require(Action, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ImportJobs.AsNoTracking()
            .Where(j => j.Status != ImportJobStatus.Draft)
            .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every problem of every refused row of a job, by row number: the error report.</summary>
    public async IAsyncEnumerable<ImportRowError> ErrorsAsync(Caller caller, int jobId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        caller.Require(Action, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.ImportJobs.AnyAsync(j => j.Id == jobId, cancellationToken)) throw NotFound(jobId);
        await foreach (var error in db.ImportRowErrors.AsNoTracking().Where(e => e.ImportJobId == jobId)
                           .OrderBy(e => e.RowNumber).ThenBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return error;
    }

    private static async Task<ImportJob> FindAsync(LeadDeskDbContext db, int jobId, CancellationToken cancellationToken) =>
        await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken) ?? throw NotFound(jobId);

    private static DomainException NotFound(int jobId) => new($"Import {jobId} does not exist.", "ImportNotFound", jobId);

    private async Task<long> CopyAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > options.MaxFileBytes)
                throw new DomainException($"The file is larger than {options.MaxFileMegabytes} MB.", "ImportFileTooLarge", options.MaxFileMegabytes);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return total;
    }
}
