using System.Collections.Concurrent;
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
/// Is the handoff working? Counts and groups the decision log in the database; only the answer times of the period
/// (bounded by the period's answers) and one score explanation per distinct set of rules are read into memory.
/// </summary>
public sealed class HandoffHealth(IDbContextFactory<LeadDeskDbContext> contexts)
{
    public const int DefaultTopRules = 10;

    /// <summary>
    /// The rules behind each <see cref="Lead.ScoreRulesKey"/> seen so far. A key stands for one set of rules (rule id and
    /// label), so what it maps to never changes; at a million leads a period's answered leads have a few thousand
    /// distinct sets. Emptied when it grows past <see cref="RuleSetsKept"/>.
    /// </summary>
    private readonly ConcurrentDictionary<long, IReadOnlyList<ScoreRule>> _ruleSets = new();

    private const int RuleSetsKept = 50_000;

    public Task<HandoffHealthReport> GetAsync(ReportPeriod period, int topRules = DefaultTopRules, CancellationToken cancellationToken = default) =>
        GetAsync(period, answers: null, topRules, cancellationToken);

    /// <param name="answers">The period's answers when the caller already reads them for other figures (the dashboard); null to read them here.</param>
    internal async Task<HandoffHealthReport> GetAsync(ReportPeriod period, Task<IReadOnlyList<HandoffAnswers.Answer>>? answers, int topRules,
        CancellationToken cancellationToken)
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

        var rules = await RulesReliedOnAsync(context, period, topRules, cancellationToken);
        var answered = await (answers ?? HandoffAnswers.LoadAsync(context, period, repId: null, cancellationToken));
        var median = HandoffAnswers.Median(answered.Timed().Select(a => a.Hours));
        return new HandoffHealthReport(period, handoffs, accepted, rejected, Rate.Of(accepted, accepted + rejected), reasons, median, rules);
    }

    /// <summary>The answered leads of one verb that share a set of rules: how many, and the lowest lead id among them.</summary>
    private sealed record RuleGroup(long Key, int Leads, int FirstLead);

    /// <summary>
    /// For the leads rejected in the period and the leads accepted in the period (a lead can be in both), the share of
    /// each group whose score explanation contains each rule. The leads are counted per <see cref="Lead.ScoreRulesKey"/>
    /// in the database (a lead's key stands for the rules of its explanation); the rules of each distinct key are then
    /// read from one lead's explanation, once per key for the life of the service. A rule's label is the one in the
    /// explanation of the lowest-numbered rejected lead that has it, else of the lowest-numbered accepted one. It is the
    /// lead's current explanation: scores are not snapshotted per decision, so a rescore since the answer shows through.
    /// </summary>
    private async Task<IReadOnlyList<RuleReliance>> RulesReliedOnAsync(LeadDeskDbContext context, ReportPeriod period, int top, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        // "Id IN (the period's decisions of that verb)" rather than EXISTS: SQLite then starts from the (Verb, At) index
        // and reads only those leads by key, instead of testing every lead in the table (docs/performance.md).
        async Task<List<RuleGroup>> GroupsAsync(LifecycleVerb verb) =>
            await context.Leads.AsNoTracking()
                .Where(l => context.Decisions.Where(d => d.Verb == verb && d.At >= from && d.At < to).Select(d => d.LeadId).Contains(l.Id))
                .GroupBy(l => l.ScoreRulesKey)
                .Select(g => new RuleGroup(g.Key, g.Count(), g.Min(l => l.Id)))
                .ToListAsync(cancellationToken);

        var rejected = await GroupsAsync(LifecycleVerb.Reject);
        var accepted = await GroupsAsync(LifecycleVerb.Accept);
        if (rejected.Count == 0) return [];
        var ruleSets = await RuleSetsAsync(context, rejected.Concat(accepted), cancellationToken);

        var labels = new Dictionary<string, (string Label, bool FromAccepted, int Lead)>();
        Dictionary<string, int> Tally(List<RuleGroup> groups, bool fromAccepted)
        {
            var tally = new Dictionary<string, int>();
            foreach (var group in groups)
                foreach (var rule in ruleSets[group.Key])
                {
                    tally[rule.RuleId] = tally.GetValueOrDefault(rule.RuleId) + group.Leads;
                    if (!labels.TryGetValue(rule.RuleId, out var known) || (known.FromAccepted, known.Lead).CompareTo((fromAccepted, group.FirstLead)) > 0)
                        labels[rule.RuleId] = (rule.Label, fromAccepted, group.FirstLead);
                }
            return tally;
        }
        var rejectedTally = Tally(rejected, fromAccepted: false);
        var acceptedTally = Tally(accepted, fromAccepted: true);
        var (rejectedLeads, acceptedLeads) = (rejected.Sum(g => g.Leads), accepted.Sum(g => g.Leads));

        return labels
            .Select(rule => new RuleReliance(rule.Key, rule.Value.Label,
                rejectedTally.GetValueOrDefault(rule.Key), Rate.Of(rejectedTally.GetValueOrDefault(rule.Key), rejectedLeads),
                acceptedTally.GetValueOrDefault(rule.Key), Rate.Of(acceptedTally.GetValueOrDefault(rule.Key), acceptedLeads)))
            .OrderByDescending(r => r.Difference).ThenByDescending(r => r.RejectedLeads).ThenBy(r => r.RuleId, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }

    /// <summary>
    /// The rules behind each group's key: remembered, or read from the explanation of one lead that has the key, a chunk
    /// of leads per query. Only the first dashboard of a period reads explanations (a few thousand at a million leads).
    /// </summary>
    private async Task<Dictionary<long, IReadOnlyList<ScoreRule>>> RuleSetsAsync(LeadDeskDbContext context, IEnumerable<RuleGroup> groups,
        CancellationToken cancellationToken)
    {
        var sets = new Dictionary<long, IReadOnlyList<ScoreRule>>();
        var unknown = new List<int>();
        foreach (var group in groups.DistinctBy(g => g.Key))
        {
            if (_ruleSets.TryGetValue(group.Key, out var rules)) sets[group.Key] = rules;
            else unknown.Add(group.FirstLead);
        }
        if (unknown.Count == 0) return sets;
        if (_ruleSets.Count + unknown.Count > RuleSetsKept) _ruleSets.Clear();
        foreach (var chunk in unknown.Chunk(LeadsPerRead))
        {
            var explanations = await context.Leads.AsNoTracking()
                .Where(l => chunk.Contains(l.Id))
                .Select(l => new { l.ScoreRulesKey, l.ScoreExplanation })
                .ToListAsync(cancellationToken);
            foreach (var lead in explanations)
            {
                var rules = ScoreRule.Of(lead.ScoreExplanation);
                sets[lead.ScoreRulesKey] = rules;
                _ruleSets.TryAdd(lead.ScoreRulesKey, rules);
            }
        }
        return sets;
    }

    private const int LeadsPerRead = 500;
}

/// <summary>The answers to handoffs in a period, shared by the handoff health, the per-rep figures and SLA compliance.</summary>
internal static class HandoffAnswers
{
    /// <summary>
    /// One Accept or Reject: who answered (and the name the decision recorded), whether it accepted, when, and when the
    /// handoff it answered was made (null only for a decision filled in by the migration that found no handoff before it).
    /// </summary>
    internal sealed record Answer(string RepId, string RepName, bool Accepted, DateTime At, DateTime? HandedOffAt)
    {
        /// <summary>Hours from the handoff to the answer.</summary>
        public double Hours => (At - HandedOffAt!.Value).TotalHours;
    }

    /// <summary>
    /// The Accept / Reject decisions of the period (of one rep when <paramref name="repId"/> is set) with the handoff each
    /// answered, which the decision keeps (<see cref="Decision.HandedOffAt"/>): one index range, one row per answer.
    /// </summary>
    internal static async Task<IReadOnlyList<Answer>> LoadAsync(LeadDeskDbContext context, ReportPeriod period, string? repId, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var answers = context.Decisions.AsNoTracking()
            .Where(d => (d.Verb == LifecycleVerb.Accept || d.Verb == LifecycleVerb.Reject) && d.At >= from && d.At < to);
        if (repId is not null) answers = answers.Where(d => d.ActorId == repId);
        return await answers.Select(d => new Answer(d.ActorId, d.ActorName, d.Verb == LifecycleVerb.Accept, d.At, d.HandedOffAt)).ToListAsync(cancellationToken);
    }

    /// <summary>The answers whose handoff is known: the ones a time to decide is measured for.</summary>
    internal static IEnumerable<Answer> Timed(this IEnumerable<Answer> answers) => answers.Where(a => a.HandedOffAt is not null);

    /// <summary><see cref="LoadAsync(LeadDeskDbContext, ReportPeriod, string?, CancellationToken)"/> on a context of its own.</summary>
    internal static async Task<IReadOnlyList<Answer>> LoadAsync(IDbContextFactory<LeadDeskDbContext> contexts, ReportPeriod period, string? repId,
        CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(context, period, repId, cancellationToken);
    }

    /// <summary>The median (mean of the two middle values for an even count); null for no values.</summary>
    internal static double? Median(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return Percentile.Of(sorted, 0.5);
    }
}
