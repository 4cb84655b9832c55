using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Intake;

/// <summary>Who brings leads in and how to name them on the timeline: an API key, an import.</summary>
/// <param name="Label">"API: website form", "Import: contacts.csv".</param>
public sealed record IntakeOrigin(Actor Actor, string Label);

/// <summary>What a capture did: created a lead, or merged into the one with the same email.</summary>
/// <param name="Merge">Null when the lead was created.</param>
/// <param name="BecameMql">The score met the MQL definition and the lead entered the MQL queue.</param>
public sealed record CaptureResult(int LeadId, MergeOutcome? Merge, bool BecameMql)
{
    public bool Created => Merge is null;
}

/// <summary>An engagement event as a source reports it: for a lead known by id or by email.</summary>
public sealed record IncomingEvent(int? LeadId, string? Email, EngagementEventType Type, DateTime OccurredAt, string? Detail);

public enum EventItemStatus
{
    Recorded = 0,
    /// <summary>No lead has that id or email; nothing was recorded for the item.</summary>
    UnknownLead = 1,
    /// <summary>The item itself is wrong (no lead named, detail too long, a time in the future).</summary>
    Invalid = 2,
}

/// <summary>The answer for one item of an event batch, in the batch's order.</summary>
public sealed record EventItemResult(int Index, EventItemStatus Status, int? LeadId, string? Problem);

/// <summary>
/// Leads and events arriving from other systems. Each call is one transaction: the lead (created or merged), its
/// events, its new score and, when the score meets the MQL definition, its promotion are written together or not at all.
/// </summary>
public sealed class LeadIntake(IDbContextFactory<LeadDeskDbContext> contexts, ScoringService scoring, ILeadNotifier notifier, TimeProvider clock)
{
    public const int MaxEventBatch = 1000;

    /// <summary>An event may be reported a little ahead of this clock (clock skew between systems), not more.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Creates the lead, or merges into the lead with the same email (<see cref="Lead.MergeFrom"/>), and scores it at
    /// once with the active model. A profile that does not validate is refused with "InvalidProfile" and nothing is written.
    /// </summary>
    public async Task<CaptureResult> CaptureAsync(LeadProfile profile, IntakeOrigin origin, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CaptureOnceAsync(profile, origin, cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The same email was created by another request between our lookup and our insert: merge into that one.
            return await CaptureOnceAsync(profile, origin, cancellationToken);
        }
    }

    private async Task<CaptureResult> CaptureOnceAsync(LeadProfile profile, IntakeOrigin origin, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var model = await ScoringService.GetActiveModelAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var email = LeadProfile.NormalizeEmail(profile.Email);

        var lead = await db.Leads.Include(l => l.Events).SingleOrDefaultAsync(l => l.EmailNormalized == email, cancellationToken);
        MergeOutcome? merge = null;
        if (lead is null)
        {
            lead = Lead.Create(profile, now);
            lead.RecordIntakeSource(origin.Label);
            db.Leads.Add(lead);
        }
        else
        {
            merge = lead.MergeFrom(profile, origin.Actor, now, origin.Label);
        }
        var promoted = Promotes(lead, () => scoring.Rescore(lead, model));

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (merge is not null) Publish(lead, merge.Decision, origin, now);
        if (promoted is not null) Publish(lead, promoted, origin, now);
        return new CaptureResult(lead.Id, merge, promoted is not null);
    }

    /// <summary>
    /// Records a batch of events (1 to <see cref="MaxEventBatch"/>) and rescores every lead they touch. Items for unknown
    /// leads or with problems are answered per item and skip only themselves; the rest is written in one transaction.
    /// </summary>
    public async Task<IReadOnlyList<EventItemResult>> RecordEventsAsync(IReadOnlyList<IncomingEvent> events, IntakeOrigin origin, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0) throw new DomainException("Send at least one event.", "NoEvents");
        if (events.Count > MaxEventBatch)
            throw new DomainException($"A batch holds at most {MaxEventBatch:N0} events; this one has {events.Count:N0}.", "BatchTooLarge", MaxEventBatch, events.Count);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var model = await ScoringService.GetActiveModelAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        var emails = events.Where(e => e.LeadId is null && !string.IsNullOrWhiteSpace(e.Email)).Select(e => LeadProfile.NormalizeEmail(e.Email!)).Distinct().ToList();
        var ids = events.Where(e => e.LeadId is not null).Select(e => e.LeadId!.Value).Distinct().ToList();
        var leads = await db.Leads.Include(l => l.Events)
            .Where(l => ids.Contains(l.Id) || emails.Contains(l.EmailNormalized))
            .ToListAsync(cancellationToken);
        var byId = leads.ToDictionary(l => l.Id);
        var byEmail = leads.ToDictionary(l => l.EmailNormalized);

        var results = new List<EventItemResult>(events.Count);
        var touched = new HashSet<Lead>();
        for (var i = 0; i < events.Count; i++)
        {
            var item = events[i];
            var problem = ProblemWith(item, now);
            if (problem is not null)
            {
                results.Add(new EventItemResult(i, EventItemStatus.Invalid, null, problem));
                continue;
            }
            var lead = item.LeadId is { } id ? byId.GetValueOrDefault(id) : byEmail.GetValueOrDefault(LeadProfile.NormalizeEmail(item.Email!));
            if (lead is null)
            {
                results.Add(new EventItemResult(i, EventItemStatus.UnknownLead, null,
                    item.LeadId is { } missing ? $"No lead has id {missing}." : $"No lead has the email {item.Email!.Trim()}."));
                continue;
            }
            lead.RecordEvent(item.Type, DateTime.SpecifyKind(item.OccurredAt, DateTimeKind.Utc), item.Detail);
            touched.Add(lead);
            results.Add(new EventItemResult(i, EventItemStatus.Recorded, lead.Id, null));
        }

        var promotions = touched.Select(lead => (Lead: lead, Decision: Promotes(lead, () => scoring.Rescore(lead, model)))).Where(p => p.Decision is not null).ToList();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var (lead, decision) in promotions) Publish(lead, decision!, origin, now);
        return results;
    }

    private static string? ProblemWith(IncomingEvent item, DateTime now)
    {
        if (item.LeadId is null && string.IsNullOrWhiteSpace(item.Email)) return "Name the lead by its id or its email.";
        if (!Enum.IsDefined(item.Type)) return $"{item.Type} is not an event type.";
        if (item.Detail is { Length: > EngagementEvent.DetailMaxLength }) return $"Detail must be at most {EngagementEvent.DetailMaxLength} characters.";
        if (item.OccurredAt > now + FutureTolerance) return "The event's time is in the future.";
        return null;
    }

    /// <summary>Runs a rescore and returns the Promote decision it made, if the lead crossed the MQL definition.</summary>
    private static Decision? Promotes(Lead lead, Action rescore)
    {
        var before = lead.Decisions.Count;
        rescore();
        return lead.Decisions.Skip(before).FirstOrDefault(d => d.Verb == LifecycleVerb.Promote);
    }

    private void Publish(Lead lead, Decision decision, IntakeOrigin origin, DateTime now) =>
        notifier.Publish(new LeadNotification(lead.Id, lead.DisplayName, decision.Verb, lead.Stage, origin.Actor.UserId, origin.Actor.Name, lead.HandoffRepId, now));
}
