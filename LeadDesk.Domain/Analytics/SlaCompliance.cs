using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Analytics;

/// <summary>How many SLA-bound items were finished in the period, and how many of them within the SLA.</summary>
public sealed record SlaTally(int Total, int WithinSla)
{
    public int Late => Total - WithinSla;

    /// <summary>Within ÷ total; null when nothing was finished in the period.</summary>
    public double? Rate => Analytics.Rate.Of(WithinSla, Total);
}

/// <summary>One rep's handoff answers of the period against the SLA.</summary>
public sealed record SlaRepRow(string RepId, string RepName, SlaTally Handoffs);

/// <summary>SLA compliance for one period.</summary>
/// <param name="Terms">The SLA the figures were measured against: the one in force now.</param>
/// <param name="Handoffs">
/// Accept and Reject decisions of the period (by the time of the answer, as the acceptance rate), and how many came
/// within the sales SLA: business time from the latest HandOff of the lead to the answer ≤ the SLA hours. A reassignment
/// does not restart the clock. Null for a caller who only sees their own row.
/// </param>
/// <param name="MqlReviews">
/// MQLs marketing reviewed in the period (the first HandOff, return to nurture or disqualification after the lead entered
/// MQL), and how many within the marketing SLA, counted from the entry into MQL. Null as above.
/// </param>
/// <param name="Reps">Per rep who answered in the period, by name; for a Sales caller only their own row.</param>
public sealed record SlaComplianceReport(SlaTerms Terms, SlaTally? Handoffs, SlaTally? MqlReviews, IReadOnlyList<SlaRepRow> Reps);

/// <summary>
/// Were the SLAs kept? Only the decisions that finished an SLA-bound wait in the period are read, one row each with the
/// time the wait started (found by correlated subqueries in the database); business time is then measured in memory, as
/// SQL cannot walk a business calendar.
/// </summary>
public sealed class SlaCompliance(IDbContextFactory<LeadDeskDbContext> contexts, TeamTimeZone zone)
{
    private static readonly LifecycleVerb[] ReviewVerbs = [LifecycleVerb.HandOff, LifecycleVerb.Recycle, LifecycleVerb.Disqualify];

    /// <summary>Managers and Marketing see the team and every rep; a Sales user only their own row (the dashboard's rule).</summary>
    public async Task<SlaComplianceReport> GetAsync(Caller caller, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        caller.Require("see SLA compliance", Roles.Manager, Roles.Marketing, Roles.Sales);
        var onlyRep = caller.IsIn(Roles.Manager) || caller.IsIn(Roles.Marketing) ? null : caller.UserId;
        var (from, to) = (period.From, period.To);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var terms = await SlaService.TermsAsync(context, cancellationToken);
        var calendar = terms.CalendarIn(zone);

        var answers = context.Decisions.AsNoTracking()
            .Where(d => (d.Verb == LifecycleVerb.Accept || d.Verb == LifecycleVerb.Reject) && d.At >= from && d.At < to);
        if (onlyRep is not null) answers = answers.Where(d => d.ActorId == onlyRep);
        var answered = (await answers
                .Select(d => new
                {
                    d.ActorId,
                    d.ActorName,
                    d.At,
                    HandedOffAt = context.Decisions
                        .Where(h => h.LeadId == d.LeadId && h.Verb == LifecycleVerb.HandOff && h.At <= d.At)
                        .Max(h => (DateTime?)h.At),
                })
                .ToListAsync(cancellationToken))
            .Where(a => a.HandedOffAt is not null)
            .Select(a => new { a.ActorId, a.ActorName, Within = calendar.BusinessTimeBetween(a.HandedOffAt!.Value, a.At) <= terms.SalesAnswer })
            .ToList();

        var reps = answered
            .GroupBy(a => a.ActorId)
            .Select(rep => new SlaRepRow(rep.Key,
                // Names are snapshots on each decision: a renamed rep shows the name used most in the period.
                rep.GroupBy(a => a.ActorName).OrderByDescending(g => g.Count()).First().Key,
                new SlaTally(rep.Count(), rep.Count(a => a.Within))))
            .OrderBy(r => r.RepName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.RepId, StringComparer.Ordinal)
            .ToList();
        if (onlyRep is not null) return new SlaComplianceReport(terms, null, null, reps);

        var reviews = await context.Decisions.AsNoTracking()
            .Where(r => r.FromStage == LifecycleStage.MQL && ReviewVerbs.Contains(r.Verb) && r.At >= from && r.At < to)
            .Select(r => new
            {
                r.Id,
                r.LeadId,
                r.At,
                EnteredAt = context.Decisions
                    .Where(e => e.LeadId == r.LeadId && e.ToStage == LifecycleStage.MQL && e.FromStage != LifecycleStage.MQL && e.At <= r.At)
                    .Max(e => (DateTime?)e.At),
            })
            // Only the first review after the entry: a disqualification after a handoff is not a second review.
            .Where(r => r.EnteredAt != null && !context.Decisions.Any(x => x.LeadId == r.LeadId && x.FromStage == LifecycleStage.MQL
                && ReviewVerbs.Contains(x.Verb) && x.At >= r.EnteredAt && (x.At < r.At || (x.At == r.At && x.Id < r.Id))))
            .Select(r => new { r.At, EnteredAt = r.EnteredAt!.Value })
            .ToListAsync(cancellationToken);
        var reviewedWithin = reviews.Count(r => calendar.BusinessTimeBetween(r.EnteredAt, r.At) <= terms.MarketingReview);

        return new SlaComplianceReport(terms, new SlaTally(answered.Count, answered.Count(a => a.Within)),
            new SlaTally(reviews.Count, reviewedWithin), reps);
    }
}
