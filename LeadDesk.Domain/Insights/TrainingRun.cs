using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Domain.Insights;

/// <summary>
/// One training of the conversion models, from the request to its figures. A completed run keeps what it learned: its
/// figures (<see cref="ResultJson"/>), the readable model and the features it reads (<see cref="ReadableModelJson"/>)
/// and the chosen ML.NET model (<see cref="ModelBytes"/>, kept for the newest completed run only).
/// </summary>
public sealed class TrainingRun
{
    private TrainingRun() { }

    internal TrainingRun(int seed, Actor requestedBy, DateTime queuedAt)
    {
        Seed = seed;
        RequestedById = requestedBy.UserId;
        RequestedByName = requestedBy.Name;
        QueuedAt = queuedAt;
        Status = TrainingStatus.Queued;
    }

    public int Id { get; private set; }
    public TrainingStatus Status { get; private set; }
    public TrainingStep Step { get; private set; }
    public int StepDone { get; private set; }
    public int StepTotal { get; private set; }
    public int Seed { get; private set; }
    public string RequestedById { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    /// <summary>UTC.</summary>
    public DateTime QueuedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Closed leads found (the refusal's figures, and the data summary's).</summary>
    public int ClosedLeads { get; private set; }
    public int WonLeads { get; private set; }
    public int LostLeads { get; private set; }
    /// <summary>The <see cref="TrainingResult"/> as JSON, once completed.</summary>
    public string? ResultJson { get; private set; }
    /// <summary>The features and the logistic regression's weights as JSON: what explains a prediction.</summary>
    public string? ReadableModelJson { get; private set; }
    /// <summary>The chosen model as ML.NET saves it.</summary>
    public byte[]? ModelBytes { get; private set; }

    public const int ErrorMaxLength = 2000;

    internal void Start(DateTime at)
    {
        Status = TrainingStatus.Running;
        StartedAt ??= at;
        Report(TrainingStep.ReadingLeads, 0, 0);
    }

    internal void Report(TrainingStep step, int done, int total)
    {
        Step = step;
        StepDone = done;
        StepTotal = total;
    }

    internal void Count(int closed, int won, int lost)
    {
        ClosedLeads = closed;
        WonLeads = won;
        LostLeads = lost;
    }

    internal void Refuse(DateTime at)
    {
        Status = TrainingStatus.Refused;
        FinishedAt = at;
        Report(TrainingStep.Done, 0, 0);
    }

    internal void Complete(DateTime at, string resultJson, string readableModelJson, byte[] modelBytes)
    {
        Status = TrainingStatus.Completed;
        FinishedAt = at;
        ResultJson = resultJson;
        ReadableModelJson = readableModelJson;
        ModelBytes = modelBytes;
        Report(TrainingStep.Done, 1, 1);
    }

    internal void Fail(DateTime at, string message)
    {
        Status = TrainingStatus.Failed;
        FinishedAt = at;
        Error = message.Length > ErrorMaxLength ? message[..ErrorMaxLength] : message;
    }

}

/// <summary>Whether there are enough closed leads to learn from (<see cref="ConversionInsights.MinimumClosedLeads"/>, <see cref="ConversionInsights.MinimumPerOutcome"/>).</summary>
public static class TrainingGuard
{
    /// <summary>The shortfall, or null when there is enough.</summary>
    public static TooLittleData? Check(int closed, int won, int lost)
    {
        var moreClosed = Math.Max(0, ConversionInsights.MinimumClosedLeads - closed);
        var moreWon = Math.Max(0, ConversionInsights.MinimumPerOutcome - won);
        var moreLost = Math.Max(0, ConversionInsights.MinimumPerOutcome - lost);
        return moreClosed + moreWon + moreLost == 0 ? null : new TooLittleData(closed, won, lost, moreClosed, moreWon, moreLost);
    }
}

internal sealed class TrainingRunConfiguration : IEntityTypeConfiguration<TrainingRun>
{
    public void Configure(EntityTypeBuilder<TrainingRun> run)
    {
        run.HasKey(r => r.Id);
        run.Property(r => r.RequestedById).HasMaxLength(450);
        run.Property(r => r.RequestedByName).HasMaxLength(256);
        run.Property(r => r.Error).HasMaxLength(TrainingRun.ErrorMaxLength);
        // The trainer looks for queued runs; the page and predictions read the newest (completed) one.
        run.HasIndex(r => new { r.Status, r.Id });
    }
}
