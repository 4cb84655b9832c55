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
/// time the wait started (kept with the decision when it was taken); business time is then measured in memory, as SQL
/// cannot walk a business calendar.
/// </summary>
public sealed class SlaCompliance(IDbContextFactory<LeadDeskDbContext> contexts, TeamTimeZone zone)
{
    /// <summary>Managers and Marketing see the team and every rep; a Sales user only their own row (the dashboard's rule).</summary>
    public Task<SlaComplianceReport> GetAsync(Caller caller, ReportPeriod period, CancellationToken cancellationToken = default) =>
        GetAsync(caller, period, answers: null, cancellationToken);

    /// <param name="answers">The period's answers (of <see cref="RepFigures.OnlyRepOf"/> the caller) when the dashboard already reads them; null to read them here.</param>
    internal async Task<SlaComplianceReport> GetAsync(Caller caller, ReportPeriod period, Task<IReadOnlyList<HandoffAnswers.Answer>>? answers,
        CancellationToken cancellationToken)
    {
        caller.Require("see SLA compliance", Roles.Manager, Roles.Marketing, Roles.Sales);
        var onlyRep = RepFigures.OnlyRepOf(caller);
        var (from, to) = (period.From, period.To);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var terms = await SlaService.TermsAsync(context, cancellationToken);
        var calendar = terms.CalendarIn(zone);

        // Each answer with its handoff (Decision.HandedOffAt): a reassignment does not restart the clock.
        var answered = (await (answers ?? HandoffAnswers.LoadAsync(context, period, onlyRep, cancellationToken))).Timed()
            .Select(a => new { a.RepId, a.RepName, Within = calendar.BusinessTimeBetween(a.HandedOffAt!.Value, a.At) <= terms.SalesAnswer })
            .ToList();

        var reps = answered
            .GroupBy(a => a.RepId)
            .Select(rep => new SlaRepRow(rep.Key,
                // Names are snapshots on each decision: a renamed rep shows the name used most in the period (on a tie,
                // the first in ordinal order, as in the per-rep figures).
                rep.GroupBy(a => a.RepName).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key,
                new SlaTally(rep.Count(), rep.Count(a => a.Within))))
            .OrderBy(r => r.RepName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.RepId, StringComparer.Ordinal)
            .ToList();
        if (onlyRep is not null) return new SlaComplianceReport(terms, null, null, reps);

        // Marketing's first review of each MQL (the first handoff, return to nurture or disqualification after the lead
        // entered MQL) carries how long the lead had been an MQL (Decision.StepDuration), so the entry is at − that.
        var reviews = await context.Decisions.AsNoTracking()
            .Where(r => (r.Verb == LifecycleVerb.HandOff || r.Verb == LifecycleVerb.Recycle || r.Verb == LifecycleVerb.Disqualify)
                        && r.At >= from && r.At < to && r.FromStage == LifecycleStage.MQL && r.StepDuration != null)
            .Select(r => new { r.At, Waited = r.StepDuration!.Value })
            .ToListAsync(cancellationToken);
        var reviewedWithin = reviews.Count(r => calendar.BusinessTimeBetween(r.At - r.Waited, r.At) <= terms.MarketingReview);

        return new SlaComplianceReport(terms, new SlaTally(answered.Count, answered.Count(a => a.Within)),
            new SlaTally(reviews.Count, reviewedWithin), reps);
    }
}
