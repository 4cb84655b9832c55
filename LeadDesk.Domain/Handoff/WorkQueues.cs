using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Sla;
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
    string? RepName = null,
    DateTime? DueAt = null,
    TimeSpan? OverdueBy = null)
{
    public int Total => FitScore + EngagementScore;

    /// <summary>Past its SLA: <see cref="OverdueBy"/> says by how much business time.</summary>
    public bool Overdue => OverdueBy is not null;
}

/// <param name="OverdueCount">How many rows of the whole queue (not only this page) are past their SLA.</param>
/// <param name="SlaHours">The business hours this queue's SLA allows.</param>
public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int TotalCount, int Page, int PageSize, int OverdueCount, int SlaHours);

/// <summary>
/// The two work queues: MQLs waiting for marketing's review, and handoffs waiting for a rep's answer. Both oldest
/// first, paged in the database; the page's recent events and handoff notes come in one query each, not one per row.
/// Each row carries its SLA due time and, once past it, how much business time it is overdue. Overdue rows come first
/// without a sort of their own: every row of a queue has the same SLA on the same business calendar, and adding business
/// time never moves an earlier start past a later one, so the oldest rows are exactly the overdue ones. For the same
/// reason the overdue count is one comparison on the start time in the database (<see cref="BusinessCalendar.SubtractBusinessTime"/>).
/// </summary>
public sealed class WorkQueues(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, TeamTimeZone zone)
{
    public const int RecentEventsPerRow = 3;

    /// <summary>MQLs not yet handed to sales. Marketing's queue.</summary>
    public async Task<QueuePage> GetMqlQueueAsync(Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        caller.Require("see the MQL queue", Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var waiting = db.Leads.AsNoTracking().Where(l => l.Stage == LifecycleStage.MQL && l.HandoffRepId == null);
        var sla = await SlaAsync(db, t => t.MarketingReviewHours, ct);
        var overdue = await waiting.CountAsync(l => l.StageEnteredAt <= sla.OverdueIfStartedBy, ct);
        return await PageAsync(db, waiting.OrderBy(l => l.StageEnteredAt).ThenBy(l => l.Id), l => l.StageEnteredAt, page, pageSize, withHandoff: false,
            sla, overdue, ct);
    }

    /// <summary>Pending handoffs: a rep sees their own, a manager everyone's (or one rep's with <paramref name="repId"/>).</summary>
    public async Task<QueuePage> GetHandoffQueueAsync(Caller caller, string? repId, int page, int pageSize, CancellationToken ct = default)
    {
        caller.Require("see handoffs", Roles.Sales, Roles.Manager);
        if (!caller.IsIn(Roles.Manager)) repId = caller.UserId;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pending = db.Leads.AsNoTracking().Where(l => l.Stage == LifecycleStage.MQL && l.HandoffRepId != null);
        if (repId is not null) pending = pending.Where(l => l.HandoffRepId == repId);
        // The handoff clock runs from the handoff; a reassignment does not restart it (Lead.Reassign).
        var sla = await SlaAsync(db, t => t.SalesAnswerHours, ct);
        var overdue = await pending.CountAsync(l => l.HandedOffAt <= sla.OverdueIfStartedBy, ct);
        return await PageAsync(db, pending.OrderBy(l => l.HandedOffAt).ThenBy(l => l.Id), l => l.HandedOffAt!.Value, page, pageSize, withHandoff: true,
            sla, overdue, ct);
    }

    /// <summary>One queue's SLA now: its hours, the calendar they count in, and the latest start that is overdue by now.</summary>
    private sealed record QueueSla(int Hours, BusinessCalendar Calendar, DateTime Now, DateTime OverdueIfStartedBy)
    {
        public (DateTime DueAt, TimeSpan? OverdueBy) Of(DateTime startedAt) =>
            (Calendar.AddBusinessTime(startedAt, TimeSpan.FromHours(Hours)),
                startedAt <= OverdueIfStartedBy ? Calendar.BusinessTimeBetween(startedAt, Now) - TimeSpan.FromHours(Hours) : null);
    }

    private async Task<QueueSla> SlaAsync(LeadDeskDbContext db, Func<SlaTerms, int> hoursOf, CancellationToken ct)
    {
        var terms = await SlaService.TermsAsync(db, ct);
        var calendar = terms.CalendarIn(zone);
        var now = clock.GetUtcNow().UtcDateTime;
        var hours = hoursOf(terms);
        return new QueueSla(hours, calendar, now, calendar.SubtractBusinessTime(now, TimeSpan.FromHours(hours)));
    }

    private async Task<QueuePage> PageAsync(LeadDeskDbContext db, IOrderedQueryable<Lead> ordered, Func<Lead, DateTime> waitingSince,
        int page, int pageSize, bool withHandoff, QueueSla sla, int overdueCount, CancellationToken ct)
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

        var rows = leads.Select(l =>
            {
                var (dueAt, overdueBy) = sla.Of(waitingSince(l));
                return new QueueRow(l.Id, l.DisplayName, l.Email, l.Company, l.JobTitle, l.Source, l.FitScore,
                    l.EngagementScore, l.TotalScore, l.ScoreExplanation, waitingSince(l), l.ConcurrencyToken,
                    events.GetValueOrDefault(l.Id, []),
                    handoffs.TryGetValue(l.Id, out var h) ? h.By : null, handoffs.TryGetValue(l.Id, out var n) ? n.Note : null,
                    l.HandoffRepId, l.HandoffRepName, dueAt, overdueBy);
            })
            .ToList();
        return new QueuePage(rows, total, page, pageSize, overdueCount, sla.Hours);
    }
}
