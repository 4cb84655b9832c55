using LeadDesk.Domain.Import;

namespace LeadDesk.App.Components.Pages.Import;

/// <summary>One import in the list: as read from the database, then moved along by the importer's progress messages.</summary>
public sealed record ImportJobRow(
    int Id, string FileName, string OwnerName, DateTime CreatedAt, DateTime? FinishedAt, ImportJobStatus Status,
    int? TotalRows, int RowsDone, int Created, int Merged, int Skipped, int Failed, string? FailureMessage)
{
    public static ImportJobRow From(ImportJob job) => new(job.Id, job.FileName, job.OwnerName, job.CreatedAt, job.FinishedAt, job.Status,
        job.TotalRows, job.RowsDone, job.Created, job.Merged, job.Skipped, job.Failed, job.FailureMessage);

    /// <summary>
    /// The row moved along by a progress message. Messages may arrive out of order (each is delivered on its own task),
    /// so one that is behind what the row shows — fewer rows done, or any message once the job has ended — is ignored.
    /// </summary>
    public ImportJobRow With(ImportProgress progress) => !IsActive || progress.RowsDone < RowsDone ? this : this with
    {
        Status = progress.Status, TotalRows = progress.TotalRows, RowsDone = progress.RowsDone, Created = progress.Created,
        Merged = progress.Merged, Skipped = progress.Skipped, Failed = progress.Failed,
    };

    public bool IsActive => Status is ImportJobStatus.Queued or ImportJobStatus.Running;

    /// <summary>0–100; 0 until the rows have been counted.</summary>
    public double Percent => TotalRows is > 0 ? Math.Min(100, 100.0 * RowsDone / TotalRows.Value) : Status == ImportJobStatus.Completed ? 100 : 0;
}
