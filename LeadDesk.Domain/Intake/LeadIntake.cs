using System.Collections.Concurrent;
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
/// Leads and events arriving from other systems. Whatever a call writes — the lead (created or merged), its events, its
/// new score and, when the score meets the MQL definition, its promotion — is written together or not at all, and is
/// committed before the call returns.
/// </summary>
public sealed class LeadIntake(IDbContextFactory<LeadDeskDbContext> contexts, ScoringService scoring, ILeadNotifier notifier, TimeProvider clock)
{
    public const int MaxEventBatch = 1000;

    /// <summary>The most captures one write transaction takes from the queue (see <see cref="CaptureAsync"/>).</summary>
    public const int MaxCaptureGroup = 64;

    /// <summary>An event may be reported a little ahead of this clock (clock skew between systems), not more.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    private readonly ConcurrentQueue<PendingCapture> _queue = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>
    /// Creates the lead, or merges into the lead with the same email (<see cref="Lead.MergeFrom"/>), and scores it at
    /// once with the active model. A profile that does not validate is refused with "InvalidProfile" and nothing is written.
    /// </summary>
    /// <remarks>
    /// Captures are written one at a time (SQLite has one writer), and those that arrive while one is being written share
    /// the next transaction: one commit, one disk flush for the group, which is what lets a busy form endpoint keep up.
    /// A refused capture leaves the others untouched (see <see cref="WriteTogetherAsync"/>); each caller is answered
    /// only after the commit, and sees the captures queued before it (two captures of one new email in the same group
    /// make one lead and a merge, as they would one after the other).
    /// </remarks>
    public async Task<CaptureResult> CaptureAsync(LeadProfile profile, IntakeOrigin origin, CancellationToken cancellationToken = default)
    {
        var pending = new PendingCapture(profile, origin);
        _queue.Enqueue(pending);
        await using var cancellation = cancellationToken.Register(() => pending.TryCancel(cancellationToken));
        // Whoever holds the writer writes everything queued; a caller whose capture was written meanwhile just leaves.
        while (!pending.Result.IsCompleted)
        {
            await _writer.WaitAsync(CancellationToken.None);
            try
            {
                if (!pending.Result.IsCompleted) await WriteQueuedCapturesAsync();
            }
            finally
            {
                _writer.Release();
            }
        }
        return await pending.Result;
    }

    private async Task WriteQueuedCapturesAsync()
    {
        var group = new List<PendingCapture>(MaxCaptureGroup);
        while (group.Count < MaxCaptureGroup && _queue.TryDequeue(out var next))
        {
            if (next.TryClaim()) group.Add(next);
        }
        if (group.Count == 0) return;

        IReadOnlyList<WrittenCapture> written;
        DateTime now;
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            var transaction = await db.Database.BeginTransactionAsync();
            try
            {
                var model = await ScoringService.GetActiveModelAsync(db, CancellationToken.None);
                now = clock.GetUtcNow().UtcDateTime;
                // Saved whole or not at all: no savepoint, whose undo log SQLite would spill to a temporary file per group.
                db.Database.AutoSavepointsEnabled = false;
                var together = await WriteTogetherAsync(db, group, model, now);
                if (together is null)
                {
                    await transaction.RollbackAsync();
                    await transaction.DisposeAsync();
                    db.ChangeTracker.Clear();
                    db.Database.AutoSavepointsEnabled = true;
                    transaction = await db.Database.BeginTransactionAsync();
                    model = await ScoringService.GetActiveModelAsync(db, CancellationToken.None);
                    together = await WriteOneByOneAsync(db, group, model, now);
                }
                written = together;
                await transaction.CommitAsync();
            }
            finally
            {
                await transaction.DisposeAsync();
            }
        }
        catch (Exception ex)
        {
            // Nothing of the group was committed: every capture still waiting is told so.
            foreach (var capture in group) capture.Fail(ex);
            return;
        }

        // Every caller is answered before any screen is told, so that a failing notifier cannot leave a caller waiting.
        foreach (var (capture, lead, merge, promotion) in written)
            capture.Succeed(new CaptureResult(lead.Id, merge, promotion is not null));
        foreach (var (capture, lead, merge, promotion) in written)
        {
            if (merge is not null) Publish(lead, merge.Decision, capture.Origin, now);
            if (promotion is not null) Publish(lead, promotion, capture.Origin, now);
        }
    }

    /// <summary>
    /// The usual way: the group's leads looked up in one query, every capture applied in memory in arrival order (a
    /// refused one is answered and skipped), one save. Null when that save fails; the caller then rolls the transaction
    /// back and writes the group again one capture at a time.
    /// </summary>
    private async Task<IReadOnlyList<WrittenCapture>?> WriteTogetherAsync(LeadDeskDbContext db, List<PendingCapture> group, ScoringModel model, DateTime now)
    {
        var emails = group.Select(c => LeadProfile.NormalizeEmail(c.Profile.Email)).Distinct().ToList();
        var leads = await db.Leads.Include(l => l.Events).Where(l => emails.Contains(l.EmailNormalized)).ToDictionaryAsync(l => l.EmailNormalized);
        var written = new List<WrittenCapture>(group.Count);
        var refused = new List<(PendingCapture Capture, DomainException Error)>();
        foreach (var capture in group)
        {
            try
            {
                written.Add(Apply(db, leads, capture, model, now));
            }
            catch (DomainException ex)
            {
                refused.Add((capture, ex));
            }
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            return null;
        }
        foreach (var (capture, error) in refused) capture.Fail(error);
        return written;
    }

    /// <summary>Each capture its own lookup and its own save, in a savepoint: a capture whose save fails is answered with the failure alone.</summary>
    private async Task<IReadOnlyList<WrittenCapture>> WriteOneByOneAsync(LeadDeskDbContext db, List<PendingCapture> group, ScoringModel model, DateTime now)
    {
        var written = new List<WrittenCapture>(group.Count);
        foreach (var capture in group)
        {
            var email = LeadProfile.NormalizeEmail(capture.Profile.Email);
            try
            {
                var leads = await db.Leads.Include(l => l.Events).Where(l => l.EmailNormalized == email).ToDictionaryAsync(l => l.EmailNormalized);
                var one = Apply(db, leads, capture, model, now);
                await db.SaveChangesAsync();
                written.Add(one);
            }
            catch (Exception ex) when (ex is DomainException or DbUpdateException)
            {
                capture.Fail(ex);
            }
            db.ChangeTracker.Clear();
        }
        return written;
    }

    /// <summary>Creates the lead, or merges into the one known by that email (also one created earlier in the group), and rescores it.</summary>
    private WrittenCapture Apply(LeadDeskDbContext db, Dictionary<string, Lead> leads, PendingCapture capture, ScoringModel model, DateTime now)
    {
        var email = LeadProfile.NormalizeEmail(capture.Profile.Email);
        MergeOutcome? merge = null;
        if (leads.TryGetValue(email, out var lead))
        {
            merge = lead.MergeFrom(capture.Profile, capture.Origin.Actor, now, capture.Origin.Label);
        }
        else
        {
            lead = Lead.Create(capture.Profile, now);
            lead.RecordIntakeSource(capture.Origin.Label);
            db.Leads.Add(lead);
            leads[email] = lead;
        }
        var promoted = Promotes(lead, () => scoring.Rescore(lead, model));
        return new WrittenCapture(capture, lead, merge, promoted);
    }

    private sealed record WrittenCapture(PendingCapture Capture, Lead Lead, MergeOutcome? Merge, Decision? Promotion);

    /// <summary>A capture waiting for the writer: queued, then claimed by a writer, or cancelled by its caller first.</summary>
    private sealed class PendingCapture(LeadProfile profile, IntakeOrigin origin)
    {
        private const int Queued = 0, Claimed = 1, Cancelled = 2;
        private readonly TaskCompletionSource<CaptureResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _state;

        public LeadProfile Profile { get; } = profile;
        public IntakeOrigin Origin { get; } = origin;
        public Task<CaptureResult> Result => _result.Task;

        public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

        /// <summary>A caller that gives up before a writer took its capture leaves nothing behind; after that, it is written.</summary>
        public void TryCancel(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued) _result.TrySetCanceled(token);
        }

        public void Succeed(CaptureResult result) => _result.TrySetResult(result);

        public void Fail(Exception error) => _result.TrySetException(error);
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
        if (TextRules.HasControlCharacter(item.Detail)) return "Detail contains a control character (such as NUL); remove it.";
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
