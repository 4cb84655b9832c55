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

/// <summary>Per-rep figures, counted with GROUP BY over the period's decisions.</summary>
public sealed class RepFigures(IDbContextFactory<LeadDeskDbContext> contexts)
{
    /// <summary>
    /// One row per rep who received a handoff (HandOff / Reassign assigned to them) or answered, qualified or won in the
    /// period, ordered by name. Visibility, the rule the dashboard follows: Manager and Marketing callers see every rep's
    /// row; a caller who is only in Sales sees only their own row (no row when they did nothing in the period). Anyone
    /// else is refused with <see cref="AccessDeniedException"/>.
    /// </summary>
    public Task<IReadOnlyList<RepRow>> GetPerRepAsync(Caller caller, ReportPeriod period, CancellationToken cancellationToken = default) =>
        GetPerRepAsync(caller, period, answers: null, cancellationToken);

    /// <summary>
    /// The period's answers to handoffs (of <paramref name="repId"/> alone when set), which the per-rep medians, the
    /// handoff health and SLA compliance all measure: the dashboard reads them once, here, and hands them to each.
    /// </summary>
    internal Task<IReadOnlyList<HandoffAnswers.Answer>> AnswersAsync(ReportPeriod period, string? repId, CancellationToken cancellationToken) =>
        HandoffAnswers.LoadAsync(contexts, period, repId, cancellationToken);

    /// <summary>The one rep whose figures <paramref name="caller"/> may see, or null for every rep (Manager, Marketing).</summary>
    internal static string? OnlyRepOf(Caller caller) => caller.IsIn(Roles.Manager) || caller.IsIn(Roles.Marketing) ? null : caller.UserId;

    /// <param name="answers">The period's answers (of <see cref="OnlyRepOf"/> the caller) when the dashboard already reads them; null to read them here.</param>
    internal async Task<IReadOnlyList<RepRow>> GetPerRepAsync(Caller caller, ReportPeriod period, Task<IReadOnlyList<HandoffAnswers.Answer>>? answers,
        CancellationToken cancellationToken)
    {
        caller.Require("see the per-rep figures", Roles.Manager, Roles.Marketing, Roles.Sales);
        var onlyRep = OnlyRepOf(caller);
        var (from, to) = (period.From, period.To);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        // What each rep qualified and won, by the rep who took the decision (answers come with the answers below).
        var decided = context.Decisions.AsNoTracking()
            .Where(d => (d.Verb == LifecycleVerb.Qualify || d.Verb == LifecycleVerb.CloseWon) && d.At >= from && d.At < to);
        if (onlyRep is not null) decided = decided.Where(d => d.ActorId == onlyRep);
        var decisions = await decided
            .GroupBy(d => new { d.ActorId, d.ActorName, d.Verb })
            .Select(g => new { RepId = g.Key.ActorId, RepName = g.Key.ActorName, g.Key.Verb, Count = g.Count() })
            .ToListAsync(cancellationToken);
        // What each rep was handed, by the rep it was given to: only HandOff and Reassign name one (Decision.AssignTo).
        var handed = context.Decisions.AsNoTracking().Where(d => d.AssignedToId != null && d.At >= from && d.At < to);
        if (onlyRep is not null) handed = handed.Where(d => d.AssignedToId == onlyRep);
        var received = await handed
            .GroupBy(d => new { d.AssignedToId, d.AssignedToName })
            .Select(g => new { RepId = g.Key.AssignedToId!, RepName = g.Key.AssignedToName!, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var answered = await (answers ?? HandoffAnswers.LoadAsync(context, period, onlyRep, cancellationToken));
        var medians = answered.Timed().GroupBy(a => a.RepId).ToDictionary(g => g.Key, g => HandoffAnswers.Median(g.Select(a => a.Hours)));

        // Handoffs received count as one verb here: the row adds HandOff and Reassign up anyway.
        var counts = decisions.Select(d => (d.RepId, d.RepName, d.Verb, d.Count))
            .Concat(answered.CountBy(a => (a.RepId, a.RepName, Verb: a.Accepted ? LifecycleVerb.Accept : LifecycleVerb.Reject))
                .Select(c => (c.Key.RepId, c.Key.RepName, c.Key.Verb, Count: c.Value)))
            .Concat(received.Select(r => (r.RepId, r.RepName, Verb: LifecycleVerb.HandOff, r.Count)))
            .OrderBy(c => c.RepId, StringComparer.Ordinal).ThenBy(c => c.RepName, StringComparer.Ordinal).ThenBy(c => c.Verb);
        return counts
            .GroupBy(c => c.RepId)
            .Select(rep =>
            {
                int Of(LifecycleVerb verb) => rep.Where(c => c.Verb == verb).Sum(c => c.Count);
                // Names are snapshots on each decision: a renamed rep shows the name used most in the period (on a tie,
                // the first in ordinal order).
                var name = rep.GroupBy(c => c.RepName).OrderByDescending(g => g.Sum(c => c.Count)).First().Key;
                var (accepted, rejected) = (Of(LifecycleVerb.Accept), Of(LifecycleVerb.Reject));
                return new RepRow(rep.Key, name, Of(LifecycleVerb.HandOff), accepted, rejected,
                    Rate.Of(accepted, accepted + rejected), Of(LifecycleVerb.Qualify), Of(LifecycleVerb.CloseWon),
                    medians.GetValueOrDefault(rep.Key));
            })
            .OrderBy(r => r.RepName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.RepId, StringComparer.Ordinal)
            .ToList();
    }
}
