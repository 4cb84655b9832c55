using System.Linq.Expressions;

namespace LeadDesk.Domain.Import;

public enum ImportJobStatus
{
    /// <summary>Uploaded; the mapping is being checked against the preview. Nothing is imported yet.</summary>
    Draft = 0,
    /// <summary>Started by its owner, waiting for the background importer.</summary>
    Queued = 1,
    Running = 2,
    Completed = 3,
    /// <summary>Stopped by an error that is not a row's (the file vanished, the database refused); see <see cref="ImportJob.FailureMessage"/>.</summary>
    Failed = 4,
}

/// <summary>
/// One CSV file on its way in: who uploaded it, how its columns map, and how far the background importer has got.
/// Progress and counts move only with the rows they describe, in the same transaction, so after a restart (or on
/// another node, when the one running it died) the job resumes at the first row that was not committed.
/// </summary>
public sealed class ImportJob
{
    private ImportJob() { }

    internal ImportJob(string fileName, string storedFileName, long fileBytes, string encoding, char separator, ImportPreset preset,
        ImportMapping mapping, Actor owner, DateTime at)
    {
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        StoredFileName = storedFileName;
        FileBytes = fileBytes;
        Encoding = encoding;
        Separator = separator;
        Preset = preset;
        Mapping = mapping;
        OwnerId = owner.UserId;
        OwnerName = owner.Name;
        CreatedAt = at;
        Status = ImportJobStatus.Draft;
    }

    public const int FileNameMaxLength = 200;

    public int Id { get; private set; }
    /// <summary>The name the file had on the uploader's computer.</summary>
    public string FileName { get; private set; } = "";
    /// <summary>The file's name in the imports folder beside the database.</summary>
    public string StoredFileName { get; private set; } = "";
    public long FileBytes { get; private set; }
    /// <summary>One of the encodings of <see cref="CsvFiles"/>.</summary>
    public string Encoding { get; private set; } = CsvFiles.Utf8;
    public char Separator { get; private set; }
    public ImportPreset Preset { get; private set; }
    public ImportMapping Mapping { get; private set; } = new([]);
    public ImportJobStatus Status { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string OwnerName { get; private set; } = "";
    /// <summary>UTC, when the file was uploaded.</summary>
    public DateTime CreatedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    /// <summary>Rows in the file, counted when the importer first picks the job up.</summary>
    public int? TotalRows { get; private set; }
    /// <summary>Rows committed so far, in file order: the next run starts after them.</summary>
    public int RowsDone { get; private set; }
    public int Created { get; private set; }
    public int Merged { get; private set; }
    /// <summary>Rows of leads that already had everything the row says: nothing was written for them.</summary>
    public int Skipped { get; private set; }
    /// <summary>Rows refused for their problems (see the job's <see cref="ImportRowError"/>s).</summary>
    public int Failed { get; private set; }
    /// <summary>How many times the importer has picked the job up (more than one after a restart).</summary>
    public int Attempts { get; private set; }
    public string? FailureMessage { get; private set; }

    /// <summary>Queued, or running (or interrupted while running): the job still has work to do. Also a query condition.</summary>
    public static readonly Expression<Func<ImportJob, bool>> Active = j => j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running;

    private static readonly Func<ImportJob, bool> IsActiveJob = Active.Compile();

    public bool IsActive => IsActiveJob(this);

    /// <summary>The origin named on the timeline of every lead the job touches.</summary>
    public string Origin => $"Import: {FileName}";

    internal void ChangeMapping(ImportMapping mapping)
    {
        RequireStatus(ImportJobStatus.Draft, "change the mapping of");
        if (mapping.Columns.Count != Mapping.Columns.Count)
            throw new DomainException("The mapping does not have one entry per column of the file.", "ImportMappingMismatch");
        Mapping = mapping;
    }

    internal void Queue(ImportMapping mapping)
    {
        ChangeMapping(mapping);
        mapping.EnsureUsable();
        Status = ImportJobStatus.Queued;
    }

    /// <summary>The importer picks the job up, first or again after an interruption.</summary>
    internal void Begin(DateTime at, int totalRows)
    {
        if (!IsActive) throw new InvalidOperationException($"Import {Id} is {Status}; only a queued or interrupted job runs.");
        Status = ImportJobStatus.Running;
        StartedAt ??= at;
        TotalRows = totalRows;
        Attempts++;
    }

    /// <summary>One batch committed: its rows and what became of them.</summary>
    internal void Advance(int rows, int created, int merged, int skipped, int failed)
    {
        RowsDone += rows;
        Created += created;
        Merged += merged;
        Skipped += skipped;
        Failed += failed;
    }

    internal void Complete(DateTime at)
    {
        Status = ImportJobStatus.Completed;
        FinishedAt = at;
    }

    internal void Fail(DateTime at, string message)
    {
        Status = ImportJobStatus.Failed;
        FinishedAt = at;
        FailureMessage = message.Length > 2000 ? message[..2000] : message;
    }

    private void RequireStatus(ImportJobStatus status, string action)
    {
        if (Status != status)
            throw new DomainException($"Cannot {action} an import that is {Status}.", "ImportNotDraft");
    }
}

/// <summary>One problem of one refused row, for the error report. A row with several problems has several.</summary>
public sealed class ImportRowError
{
    private ImportRowError() { }

    internal ImportRowError(int jobId, int rowNumber, RowProblem problem)
    {
        ImportJobId = jobId;
        RowNumber = rowNumber;
        Column = Truncate(problem.Column, ColumnMaxLength) ?? "";
        Code = problem.Code;
        Value = Truncate(problem.Value, ValueMaxLength);
    }

    public const int ColumnMaxLength = 200;
    public const int ValueMaxLength = 500;

    public long Id { get; private set; }
    public int ImportJobId { get; private set; }
    /// <summary>See <see cref="ImportRow.RowNumber"/>.</summary>
    public int RowNumber { get; private set; }
    /// <summary>The column's header as the file has it; empty for a problem of the whole row.</summary>
    public string Column { get; private set; } = "";
    /// <summary>One of <see cref="ImportProblems"/>.</summary>
    public string Code { get; private set; } = "";
    public string? Value { get; private set; }

    public RowProblem Problem => new(Column, Code, Value);

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..(length - 1)] + "…";
}
