using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Handoff;

/// <summary>One lead waiting for someone's decision, with what they need to decide.</summary>
public sealed record QueueRow(
    int Id,
    string Name,
    string Email,
    string? Company,
    string? JobTitle,
    string? Source,
    int FitScore,
    int EngagementScore,
    int TotalScore,
    IReadOnlyList<ScoreLine> Explanation,
    DateTime WaitingSince,
    Guid ConcurrencyToken,
    IReadOnlyList<EventView> RecentEvents,
    string? HandedOffBy = null,
    string? HandoffNote = null,
    string? RepId = null,
    string? RepName = null)
{
    public int Total => FitScore + EngagementScore;
}

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int TotalCount, int Page, int PageSize);

/// <summary>
/// The two work queues: MQLs waiting for marketing's review, and handoffs waiting for a rep's answer. Both oldest
/// first, paged in the database; the page's recent events and handoff notes come in one query each, not one per row.
/// </summary>
public sealed class WorkQueues(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock)
{
    public const int RecentEventsPerRow = 3;

    /// <summary>MQLs not yet handed to sales. Marketing's queue.</summary>
    public async Task<QueuePage> GetMqlQueueAsync(Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        caller.Require("see the MQL queue", Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var waiting = db.Leads.AsNoTracking().Where(l => l.Stage == LifecycleStage.MQL && l.HandoffRepId == null);
        return await PageAsync(db, waiting.OrderBy(l => l.StageEnteredAt).ThenBy(l => l.Id), l => l.StageEnteredAt, page, pageSize, withHandoff: false, ct);
    }

    /// <summary>Pending handoffs: a rep sees their own, a manager everyone's (or one rep's with <paramref name="repId"/>).</summary>
    public async Task<QueuePage> GetHandoffQueueAsync(Caller caller, string? repId, int page, int pageSize, CancellationToken ct = default)
    {
        caller.Require("see handoffs", Roles.Sales, Roles.Manager);
        if (!caller.IsIn(Roles.Manager)) repId = caller.UserId;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pending = db.Leads.AsNoTracking().Where(l => l.Stage == LifecycleStage.MQL && l.HandoffRepId != null);
        if (repId is not null) pending = pending.Where(l => l.HandoffRepId == repId);
        return await PageAsync(db, pending.OrderBy(l => l.HandedOffAt).ThenBy(l => l.Id), l => l.HandedOffAt!.Value, page, pageSize, withHandoff: true, ct);
    }

    private async Task<QueuePage> PageAsync(LeadDeskDbContext db, IOrderedQueryable<Lead> ordered, Func<Lead, DateTime> waitingSince,
        int page, int pageSize, bool withHandoff, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(0, page);
        var total = await ordered.CountAsync(ct);
        var leads = await ordered.Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = leads.Select(l => l.Id).ToList();

        // Recent activity: the page's events from the last 90 days, newest first, a few per lead.
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-90);
        var events = (await db.EngagementEvents.AsNoTracking()
                .Where(e => ids.Contains(e.LeadId) && e.OccurredAt >= since)
                .OrderByDescending(e => e.OccurredAt)
                .Select(e => new { e.LeadId, View = new EventView(e.Id, e.Type, e.OccurredAt, e.Detail) })
                .ToListAsync(ct))
            .GroupBy(e => e.LeadId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EventView>)g.Take(RecentEventsPerRow).Select(e => e.View).ToList());

        var handoffs = new Dictionary<int, (string By, string? Note)>();
        if (withHandoff)
        {
            var handOffDecisions = await db.Decisions.AsNoTracking()
                .Where(d => ids.Contains(d.LeadId) && d.Verb == LifecycleVerb.HandOff)
                .OrderBy(d => d.At)
                .Select(d => new { d.LeadId, d.ActorName, d.Note })
                .ToListAsync(ct);
            foreach (var d in handOffDecisions) handoffs[d.LeadId] = (d.ActorName, d.Note); // the latest handoff wins
        }

        var rows = leads.Select(l => new QueueRow(l.Id, l.DisplayName, l.Email, l.Company, l.JobTitle, l.Source, l.FitScore,
                l.EngagementScore, l.TotalScore, l.ScoreExplanation, waitingSince(l), l.ConcurrencyToken,
                events.GetValueOrDefault(l.Id, []),
                handoffs.TryGetValue(l.Id, out var h) ? h.By : null, handoffs.TryGetValue(l.Id, out var n) ? n.Note : null,
                l.HandoffRepId, l.HandoffRepName))
            .ToList();
        return new QueuePage(rows, total, page, pageSize);
    }
}
