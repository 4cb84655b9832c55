using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Analytics;

/// <summary>How many rejections gave one reason.</summary>
public sealed record ReasonCount(ReasonCode? Reason, int Count);

/// <summary>
/// How often one scoring rule appeared in the score explanation of the leads sales rejected, against the leads sales
/// accepted. A rule the rejected leads relied on much more than the accepted ones is a candidate for fewer points.
/// </summary>
public sealed record RuleReliance(string RuleId, string Label, int RejectedLeads, double? RejectedShare, int AcceptedLeads, double? AcceptedShare)
{
    /// <summary>Rejected share − accepted share (a missing share counts as 0): the sort key, high = suspicious.</summary>
    public double Difference => (RejectedShare ?? 0) - (AcceptedShare ?? 0);
}

/// <summary>The handoff figures of one period.</summary>
/// <param name="Handoffs">HandOff decisions in the period (reassignments not counted again).</param>
/// <param name="Accepted">Accept decisions in the period, whenever the handoff was made.</param>
/// <param name="Rejected">Reject decisions in the period, whenever the handoff was made.</param>
/// <param name="AcceptanceRate">
/// MQL acceptance rate = Accepted ÷ (Accepted + Rejected): of the handoffs sales answered in the period (by the time of
/// the answer), the share accepted. Handoffs still pending are left out, so a busy last week does not look like
/// rejections. Null when nothing was answered.
/// </param>
/// <param name="RejectionReasons">Reject decisions in the period per reason code, most frequent first.</param>
/// <param name="MedianHoursToDecide">
/// Median of (answer time − the latest HandOff before it for that lead), in hours, over the answers of the period;
/// a reassignment does not restart the clock. Null when nothing was answered.
/// </param>
/// <param name="RulesReliedOn">The rules most over-represented among rejected leads (see <see cref="RuleReliance"/>).</param>
public sealed record HandoffHealthReport(
    ReportPeriod Period,
    int Handoffs,
    int Accepted,
    int Rejected,
    double? AcceptanceRate,
    IReadOnlyList<ReasonCount> RejectionReasons,
    double? MedianHoursToDecide,
    IReadOnlyList<RuleReliance> RulesReliedOn);

/// <summary>
/// Is the handoff working? Counts and groups the decision log in the database; only the answer times of the period and
/// the score explanations of the leads answered in the period are read into memory (both bounded by the period's answers).
/// </summary>
public sealed class HandoffHealth(IDbContextFactory<LeadDeskDbContext> contexts)
{
    public const int DefaultTopRules = 10;

    public async Task<HandoffHealthReport> GetAsync(ReportPeriod period, int topRules = DefaultTopRules, CancellationToken cancellationToken = default)
    {
        var (from, to) = (period.From, period.To);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var inPeriod = context.Decisions.AsNoTracking().Where(d => d.At >= from && d.At < to);

        var counts = await inPeriod
            .Where(d => d.Verb == LifecycleVerb.HandOff || d.Verb == LifecycleVerb.Accept || d.Verb == LifecycleVerb.Reject)
            .GroupBy(d => d.Verb)
            .Select(g => new { Verb = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int CountOf(LifecycleVerb verb) => counts.SingleOrDefault(c => c.Verb == verb)?.Count ?? 0;
        var (handoffs, accepted, rejected) = (CountOf(LifecycleVerb.HandOff), CountOf(LifecycleVerb.Accept), CountOf(LifecycleVerb.Reject));

        var reasons = (await inPeriod
                .Where(d => d.Verb == LifecycleVerb.Reject)
                .GroupBy(d => d.Reason)
                .Select(g => new { Reason = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason)
            .Select(r => new ReasonCount(r.Reason, r.Count))
            .ToList();

        var answers = await HandoffTiming.AnswersAsync(context, period, repId: null, cancellationToken);
        var median = HandoffTiming.Median(answers.Select(a => a.Hours));

        var rules = await RulesReliedOnAsync(context, period, topRules, cancellationToken);
        return new HandoffHealthReport(period, handoffs, accepted, rejected, Rate.Of(accepted, accepted + rejected), reasons, median, rules);
    }

    /// <summary>
    /// For the leads rejected in the period and the leads accepted in the period (a lead can be in both), the share of
    /// each group whose score explanation contains each rule. The explanation is one JSON text column that SQL cannot
    /// look into portably, so only that column of those leads is fetched and the rules are counted in memory. It is the
    /// lead's current explanation: scores are not snapshotted per decision, so a rescore since the answer shows through.
    /// </summary>
    private static async Task<IReadOnlyList<RuleReliance>> RulesReliedOnAsync(LeadDeskDbContext context, ReportPeriod period, int top, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        // "Id IN (the period's decisions of that verb)" rather than EXISTS: SQLite then starts from the (Verb, At) index
        // and reads only those leads by key, instead of testing every lead in the table (docs/performance.md).
        async Task<List<IReadOnlyList<ScoreLine>>> ExplanationsAsync(LifecycleVerb verb) =>
            await context.Leads.AsNoTracking()
                .Where(l => context.Decisions.Where(d => d.Verb == verb && d.At >= from && d.At < to).Select(d => d.LeadId).Contains(l.Id))
                .Select(l => l.ScoreExplanation)
                .ToListAsync(cancellationToken);

        var rejected = await ExplanationsAsync(LifecycleVerb.Reject);
        var accepted = await ExplanationsAsync(LifecycleVerb.Accept);
        if (rejected.Count == 0) return [];

        var labels = new Dictionary<string, string>();
        Dictionary<string, int> Tally(List<IReadOnlyList<ScoreLine>> explanations)
        {
            var tally = new Dictionary<string, int>();
            foreach (var lines in explanations)
                foreach (var line in lines.DistinctBy(l => l.RuleId))
                {
                    tally[line.RuleId] = tally.GetValueOrDefault(line.RuleId) + 1;
                    labels.TryAdd(line.RuleId, line.Label);
                }
            return tally;
        }
        var rejectedTally = Tally(rejected);
        var acceptedTally = Tally(accepted);

        return labels.Keys
            .Select(rule => new RuleReliance(rule, labels[rule],
                rejectedTally.GetValueOrDefault(rule), Rate.Of(rejectedTally.GetValueOrDefault(rule), rejected.Count),
                acceptedTally.GetValueOrDefault(rule), Rate.Of(acceptedTally.GetValueOrDefault(rule), accepted.Count)))
            .OrderByDescending(r => r.Difference).ThenByDescending(r => r.RejectedLeads).ThenBy(r => r.RuleId, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }
}

/// <summary>Time from handoff to the rep's answer, shared by the handoff health and the per-rep figures.</summary>
internal static class HandoffTiming
{
    /// <summary>One Accept or Reject in the period: who answered and how many hours after the latest HandOff before it.</summary>
    internal sealed record Answer(string RepId, double Hours);

    /// <summary>
    /// The Accept / Reject decisions of the period (of one rep when <paramref name="repId"/> is set), each with the time of
    /// the latest HandOff of that lead at or before it, found by a correlated subquery in the database. The list is as
    /// long as the period's answers; the median is then taken in memory (SQLite has no percentile function).
    /// </summary>
    internal static async Task<IReadOnlyList<Answer>> AnswersAsync(LeadDeskDbContext context, ReportPeriod period, string? repId, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var answers = context.Decisions.AsNoTracking()
            .Where(d => (d.Verb == LifecycleVerb.Accept || d.Verb == LifecycleVerb.Reject) && d.At >= from && d.At < to);
        if (repId is not null) answers = answers.Where(d => d.ActorId == repId);
        var rows = await answers
            .Select(d => new
            {
                d.ActorId,
                d.At,
                HandedOffAt = context.Decisions
                    .Where(h => h.LeadId == d.LeadId && h.Verb == LifecycleVerb.HandOff && h.At <= d.At)
                    .OrderByDescending(h => h.At)
                    .Select(h => (DateTime?)h.At)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.HandedOffAt is not null)
            .Select(r => new Answer(r.ActorId, (r.At - r.HandedOffAt!.Value).TotalHours))
            .ToList();
    }

    /// <summary>The median (mean of the two middle values for an even count); null for no values.</summary>
    internal static double? Median(IEnumerable<double> values) => Percentile.Of(values.Order().ToArray(), 0.5);
}
