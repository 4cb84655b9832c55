using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Inbox;

public sealed record DecisionView(long Id, DateTime At, string ActorName, LifecycleStage From, LifecycleStage To,
    LifecycleVerb Verb, ReasonCode? Reason, string? Note, int ScoreAtDecision);

/// <summary>The latest BANT answers a rep gave for the lead.</summary>
public sealed record BantView(Qualification.BantAnswers Answers, Qualification.BantOutcome Outcome, int Points, string AssessedBy, DateTime AssessedAt);

public sealed record EventView(long Id, EngagementEventType Type, DateTime OccurredAt, string? Detail);

/// <summary>How long the lead spent in a stage, read from its decisions; <see cref="Left"/> is null for the current one.</summary>
public sealed record StageSpan(LifecycleStage Stage, DateTime Entered, DateTime? Left);

public sealed record LeadDetail(
    int Id,
    LeadProfile Profile,
    LifecycleStage Stage,
    DateTime StageEnteredAt,
    LeadStatus Status,
    string? OwnerName,
    string? HandoffRepName,
    DateTime? HandedOffAt,
    decimal? OpportunityAmount,
    DateOnly? ExpectedCloseDate,
    DateTime CreatedAt,
    DateTime? LastActivityAt,
    int FitScore,
    int EngagementScore,
    int TotalScore,
    int? ScoreModelVersion,
    DateTime? ScoredAt,
    IReadOnlyList<ScoreLine> Explanation,
    MqlCheck? Mql,
    MqlDefinition? MqlDefinition,
    IReadOnlyList<EventView> RecentEvents,
    int EventCount,
    IReadOnlyList<DecisionView> Decisions,
    IReadOnlyList<StageSpan> StageHistory,
    string? OwnerId,
    string? HandoffRepId,
    Guid ConcurrencyToken,
    BantView? Bant,
    string? IntakeSource,
    DateTime? ReturnedAfterDisqualificationAt)
{
    /// <summary>The disqualification a returned lead came back after: the latest decision that disqualified it.</summary>
    public DecisionView? DisqualificationReturnedFrom => ReturnedAfterDisqualificationAt is null ? null
        : Decisions.Where(d => d.To == LifecycleStage.Disqualified && d.From != d.To).MaxBy(d => d.At);

    public Handoff.LeadState State => new(Stage, OwnerId, HandoffRepId);

    public string Name => string.IsNullOrWhiteSpace($"{Profile.FirstName}{Profile.LastName}") ? Profile.Email : $"{Profile.FirstName} {Profile.LastName}".Trim();
}

/// <summary>Everything the lead page shows, read in a few queries.</summary>
public sealed class LeadDetails(IDbContextFactory<LeadDeskDbContext> contexts)
{
    public const int RecentEventCount = 20;

    public async Task<LeadDetail?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lead = await db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lead is null) return null;

        var events = await db.EngagementEvents.AsNoTracking().Where(e => e.LeadId == id)
            .OrderByDescending(e => e.OccurredAt).Take(RecentEventCount)
            .Select(e => new EventView(e.Id, e.Type, e.OccurredAt, e.Detail)).ToListAsync(cancellationToken);
        var eventCount = await db.EngagementEvents.CountAsync(e => e.LeadId == id, cancellationToken);
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.LeadId == id)
            .OrderBy(d => d.At).ThenBy(d => d.Id)
            .Select(d => new DecisionView(d.Id, d.At, d.ActorName, d.FromStage, d.ToStage, d.Verb, d.Reason, d.Note, d.ScoreAtDecision))
            .ToListAsync(cancellationToken);
        var model = lead.ScoreModelVersion is { } version
            ? await db.ScoringModels.AsNoTracking().FirstOrDefaultAsync(m => m.Version == version, cancellationToken)
            : null;
        var bant = await db.BantAssessments.AsNoTracking().Where(b => b.LeadId == id).OrderByDescending(b => b.AssessedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var score = new ScoreResult(lead.FitScore, lead.EngagementScore, lead.ScoreExplanation);
        var mql = model is null ? null : LeadScorer.CheckMql(score, model.Definition.Mql);

        return new LeadDetail(lead.Id, lead.Profile, lead.Stage, lead.StageEnteredAt, lead.Status, lead.OwnerName,
            lead.HandoffRepName, lead.HandedOffAt, lead.OpportunityAmount, lead.ExpectedCloseDate, lead.CreatedAt,
            lead.LastActivityAt, lead.FitScore, lead.EngagementScore, lead.TotalScore, lead.ScoreModelVersion, lead.ScoredAt,
            lead.ScoreExplanation, mql, model?.Definition.Mql, events, eventCount, decisions, StageHistory(lead.CreatedAt, decisions),
            lead.OwnerId, lead.HandoffRepId, lead.ConcurrencyToken,
            bant is null ? null : new BantView(bant.Answers, bant.Outcome, bant.Points, bant.AssessedByName, bant.AssessedAt),
            lead.IntakeSource, lead.ReturnedAfterDisqualificationAt);
    }

    /// <summary>Stage entries and exits from the decision log: the lead starts as Lead when created.</summary>
    public static IReadOnlyList<StageSpan> StageHistory(DateTime createdAt, IReadOnlyList<DecisionView> decisions)
    {
        var spans = new List<StageSpan>();
        var current = LifecycleStage.Lead;
        var entered = createdAt;
        foreach (var decision in decisions.Where(d => d.From != d.To))
        {
            spans.Add(new StageSpan(current, entered, decision.At));
            current = decision.To;
            entered = decision.At;
        }
        spans.Add(new StageSpan(current, entered, null));
        return spans;
    }
}
