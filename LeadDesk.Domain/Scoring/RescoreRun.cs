using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Domain.Scoring;

public enum RescoreStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    /// <summary>A newer model version was saved before this run finished; that version's run rescores every lead instead.</summary>
    Superseded = 4,
}

/// <summary>
/// Rescoring every lead with one model version, in the background. Progress is saved after each batch of leads (by
/// ascending id), so a run interrupted by a restart resumes after the last lead it finished.
/// </summary>
public sealed class RescoreRun
{
    private RescoreRun() { }

    internal RescoreRun(int modelVersion, int totalLeads, Actor requestedBy, DateTime queuedAt)
    {
        ModelVersion = modelVersion;
        TotalLeads = totalLeads;
        RequestedById = requestedBy.UserId;
        RequestedByName = requestedBy.Name;
        QueuedAt = queuedAt;
    }

    public int Id { get; private set; }
    public int ModelVersion { get; private set; }
    public RescoreStatus Status { get; private set; }
    /// <summary>Leads when the run was queued; leads created since are scored with the new version on arrival.</summary>
    public int TotalLeads { get; private set; }
    public int DoneLeads { get; private set; }
    /// <summary>Leads whose stored score changed.</summary>
    public int ChangedLeads { get; private set; }
    /// <summary>Leads that met the MQL definition of this version for the first time and entered the MQL queue.</summary>
    public int PromotedLeads { get; private set; }
    public int LastLeadId { get; private set; }
    public string RequestedById { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public DateTime QueuedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public string? Error { get; private set; }

    public bool IsFinished => Status is RescoreStatus.Completed or RescoreStatus.Failed or RescoreStatus.Superseded;

    internal void Start(DateTime at)
    {
        Status = RescoreStatus.Running;
        StartedAt ??= at;
    }

    internal void Advance(int done, int changed, int promoted, int lastLeadId)
    {
        DoneLeads += done;
        ChangedLeads += changed;
        PromotedLeads += promoted;
        LastLeadId = lastLeadId;
        if (DoneLeads > TotalLeads) TotalLeads = DoneLeads;
    }

    internal void Finish(DateTime at, RescoreStatus status, string? error = null)
    {
        Status = status;
        FinishedAt = at;
        Error = error;
    }
}

internal sealed class RescoreRunConfiguration : IEntityTypeConfiguration<RescoreRun>
{
    public void Configure(EntityTypeBuilder<RescoreRun> run)
    {
        run.HasKey(r => r.Id);
        run.Property(r => r.RequestedById).HasMaxLength(450);
        run.Property(r => r.RequestedByName).HasMaxLength(256);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.HasIndex(r => r.Status);
        run.Ignore(r => r.IsFinished);
    }
}
