using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Analytics;

/// <summary>One rep's figures for a period.</summary>
/// <param name="HandoffsReceived">HandOff and Reassign decisions of the period that gave the rep a handoff.</param>
/// <param name="Accepted">Accept decisions the rep took in the period.</param>
/// <param name="Rejected">Reject decisions the rep took in the period.</param>
/// <param name="AcceptanceRate">Accepted ÷ (Accepted + Rejected), as in <see cref="HandoffHealthReport.AcceptanceRate"/>.</param>
/// <param name="Qualified">Qualify decisions (BANT passed) the rep took in the period.</param>
/// <param name="Won">CloseWon decisions the rep took in the period.</param>
/// <param name="MedianHoursToDecide">Median hours from the latest HandOff to the rep's answer, over the rep's answers of the period.</param>
public sealed record RepRow(
    string RepId,
    string RepName,
    int HandoffsReceived,
    int Accepted,
    int Rejected,
    double? AcceptanceRate,
    int Qualified,
    int Won,
    double? MedianHoursToDecide);

/// <summary>Per-rep figures, counted with one GROUP BY over the period's decisions.</summary>
public sealed class RepFigures(IDbContextFactory<LeadDeskDbContext> contexts)
{
    /// <summary>
    /// One row per rep who received a handoff (HandOff / Reassign assigned to them) or answered, qualified or won in the
    /// period, ordered by name. Visibility, the rule the dashboard follows: Manager and Marketing callers see every rep's
    /// row; a caller who is only in Sales sees only their own row (no row when they did nothing in the period). Anyone
    /// else is refused with <see cref="AccessDeniedException"/>.
    /// </summary>
    public async Task<IReadOnlyList<RepRow>> GetPerRepAsync(Caller caller, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        caller.Require("see the per-rep figures", Roles.Manager, Roles.Marketing, Roles.Sales);
        var onlyRep = caller.IsIn(Roles.Manager) || caller.IsIn(Roles.Marketing) ? null : caller.UserId;
        var (from, to) = (period.From, period.To);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var decisions = context.Decisions.AsNoTracking()
            .Where(d => d.At >= from && d.At < to)
            .Where(d => d.Verb == LifecycleVerb.HandOff || d.Verb == LifecycleVerb.Reassign || d.Verb == LifecycleVerb.Accept
                        || d.Verb == LifecycleVerb.Reject || d.Verb == LifecycleVerb.Qualify || d.Verb == LifecycleVerb.CloseWon)
            .Select(d => new
            {
                d.Verb,
                // A handoff counts for the rep it was given to; every other verb for the rep who took it.
                RepId = d.Verb == LifecycleVerb.HandOff || d.Verb == LifecycleVerb.Reassign ? d.AssignedToId! : d.ActorId,
                RepName = d.Verb == LifecycleVerb.HandOff || d.Verb == LifecycleVerb.Reassign ? d.AssignedToName! : d.ActorName,
            });
        if (onlyRep is not null) decisions = decisions.Where(d => d.RepId == onlyRep);

        var counts = await decisions
            .GroupBy(d => new { d.RepId, d.RepName, d.Verb })
            .Select(g => new { g.Key.RepId, g.Key.RepName, g.Key.Verb, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var answers = await HandoffTiming.AnswersAsync(context, period, onlyRep, cancellationToken);
        var medians = answers.GroupBy(a => a.RepId).ToDictionary(g => g.Key, g => HandoffTiming.Median(g.Select(a => a.Hours)));

        return counts
            .GroupBy(c => c.RepId)
            .Select(rep =>
            {
                int Of(params LifecycleVerb[] verbs) => rep.Where(c => verbs.Contains(c.Verb)).Sum(c => c.Count);
                // Names are snapshots on each decision: a renamed rep shows the name used most in the period.
                var name = rep.GroupBy(c => c.RepName).OrderByDescending(g => g.Sum(c => c.Count)).First().Key;
                var (accepted, rejected) = (Of(LifecycleVerb.Accept), Of(LifecycleVerb.Reject));
                return new RepRow(rep.Key, name, Of(LifecycleVerb.HandOff, LifecycleVerb.Reassign), accepted, rejected,
                    Rate.Of(accepted, accepted + rejected), Of(LifecycleVerb.Qualify), Of(LifecycleVerb.CloseWon),
                    medians.GetValueOrDefault(rep.Key));
            })
            .OrderBy(r => r.RepName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.RepId, StringComparer.Ordinal)
            .ToList();
    }
}
