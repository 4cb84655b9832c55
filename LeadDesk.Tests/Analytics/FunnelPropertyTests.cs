using System.Globalization;
using System.Text;
using CsCheck;
using LeadDesk.Domain.Analytics;
using Xunit.Sdk;

namespace LeadDesk.Tests.Analytics;

/// <summary>
/// For random lead histories (legal walks through the lifecycle at increasing times), every funnel, velocity and trend
/// figure the database computes equals a plain recount of the same leads' <see cref="Lead.Decisions"/> and
/// <see cref="Lead.CreatedAt"/> in memory.
/// </summary>
public sealed class FunnelPropertyTests
{
    /// <summary>Each iteration migrates a fresh SQLite database, so few iterations, each checked against several periods.</summary>
    private const long Iterations = 50;
    private const int PeriodsPerHistory = 4;
    private const double HoursTolerance = 1e-9;

    internal static readonly DateTime Origin = new(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int Day = 86_400;
    private static readonly Actor[] Reps = [Leads.Rep, Leads.OtherRep];

    // ---- generators -----------------------------------------------------------------------------------------------

    /// <summary>
    /// One move of a walk, <see cref="GapSeconds"/> after the previous one: <see cref="Choice"/> picks the verb, target and
    /// reason among the legal moves, or among the legal moves forward when <see cref="Forward"/> is set (uniform walks
    /// seldom get past SAL: the later legs and stages would go untested).
    /// </summary>
    internal sealed record Step(bool Forward, int Choice, int GapSeconds);

    internal sealed record LeadPlan(int CreatedSeconds, Step[] Steps);

    /// <summary>An end of the period: Kind 0 any second, 1 a midnight, 2 exactly one of the history's own times (creations and decisions).</summary>
    private sealed record PeriodEnd(int Kind, int Value);

    /// <summary>Gaps from seconds to weeks, and whole days now and then so that moves land on midnights and on week and month starts.</summary>
    private static readonly Gen<int> GapSeconds = Gen.Frequency(
        (2, Gen.Int[1, 3_600]),
        (3, Gen.Int[3_600, 3 * Day]),
        (1, Gen.Int[3 * Day, 25 * Day]),
        (1, Gen.Int[1, 10].Select(days => days * Day)));

    internal static readonly Gen<LeadPlan> Plan = Gen.Select(
        Gen.Frequency((3, Gen.Int[0, 120 * Day]), (1, Gen.Int[0, 120].Select(days => days * Day))),
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 9_999], GapSeconds, (forward, choice, gap) => new Step(forward > 0, choice, gap)).Array[0, 16],
        (created, steps) => new LeadPlan(created, steps));

    private static readonly Gen<PeriodEnd> End = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 9_999], (kind, value) => new PeriodEnd(kind, value));

    private static readonly Gen<(LeadPlan[] Plans, (PeriodEnd From, PeriodEnd To)[] Periods)> Case =
        Gen.Select(Plan.Array[0, 25], Gen.Select(End, End).Array[PeriodsPerHistory]);

    // ---- building a history from a plan ---------------------------------------------------------------------------

    private static List<Lead> Build(LeadPlan[] plans) => plans.Select((plan, i) => Build(i, plan)).ToList();

    private static Lead Build(int index, LeadPlan plan)
    {
        var at = Origin.AddSeconds(plan.CreatedSeconds);
        var lead = Lead.Create(Leads.Profile($"lead{index}@example.com"), at);
        Walk(lead, at, plan.Steps);
        return lead;
    }

    /// <summary>A walk that takes, at each step, one of the moves the lifecycle table and the lead's handoff allow; it ends when none is left (Won).</summary>
    internal static void Walk(Lead lead, DateTime at, IEnumerable<Step> steps)
    {
        foreach (var step in steps)
        {
            var moves = LegalMoves(lead);
            if (moves.Count == 0) break;
            if (step.Forward && moves.Any(m => ForwardVerbs.Contains(m.Verb))) moves = moves.Where(m => ForwardVerbs.Contains(m.Verb)).ToList();
            at = at.AddSeconds(step.GapSeconds);
            var (verb, to) = moves[step.Choice % moves.Count];
            Apply(lead, verb, to, at, step.Choice / moves.Count);
        }
    }

    /// <summary>The verbs that take a lead towards a closed deal.</summary>
    private static readonly HashSet<LifecycleVerb> ForwardVerbs =
    [
        LifecycleVerb.Promote, LifecycleVerb.HandOff, LifecycleVerb.Accept, LifecycleVerb.Qualify,
        LifecycleVerb.ConvertToOpportunity, LifecycleVerb.CloseWon, LifecycleVerb.CloseLost,
    ];

    private static List<(LifecycleVerb Verb, LifecycleStage To)> LegalMoves(Lead lead) =>
        Lifecycle.VerbsFrom(lead.Stage)
            .Where(verb => verb switch
            {
                LifecycleVerb.HandOff => !lead.HasPendingHandoff,
                LifecycleVerb.Accept or LifecycleVerb.Reject or LifecycleVerb.Reassign => lead.HasPendingHandoff,
                _ => true,
            })
            .SelectMany(verb => Lifecycle.TargetsOf(lead.Stage, verb).Select(to => (verb, to)))
            .ToList();

    private static void Apply(Lead lead, LifecycleVerb verb, LifecycleStage to, DateTime at, int choice)
    {
        var reasons = ReasonCodes.For(verb);
        ReasonCode? reason = Lifecycle.RequiresReason(verb) ? reasons[choice % reasons.Count] : null;
        const string note = "Generated";   // also satisfies the Other reason
        var pendingRep = Reps.FirstOrDefault(r => r.UserId == lead.HandoffRepId);
        switch (verb)
        {
            case LifecycleVerb.Promote: lead.Promote(choice % 2 == 0 ? Actor.System : Leads.Marketer, at, note); break;
            case LifecycleVerb.HandOff: lead.HandOff(Leads.Marketer, Reps[choice % Reps.Length], at, null); break;
            case LifecycleVerb.Reassign: lead.Reassign(AnalyticsHistory.Manager, Reps.First(r => r != pendingRep), at, null); break;
            case LifecycleVerb.Accept: lead.Accept(pendingRep!, at, null); break;
            case LifecycleVerb.Reject: lead.Reject(pendingRep!, at, reason!.Value, note, disqualify: to == LifecycleStage.Disqualified); break;
            case LifecycleVerb.Qualify: lead.Qualify(Leads.Rep, at, null); break;
            case LifecycleVerb.Recycle: lead.Recycle(Leads.Marketer, at, reason!.Value, note); break;
            case LifecycleVerb.Disqualify: lead.Disqualify(Leads.Marketer, at, reason!.Value, note); break;
            case LifecycleVerb.ConvertToOpportunity: lead.ConvertToOpportunity(Leads.Rep, at, 5_000m, DateOnly.FromDateTime(at).AddDays(60), null); break;
            case LifecycleVerb.CloseWon: lead.CloseWon(Leads.Rep, at, null); break;
            case LifecycleVerb.CloseLost: lead.CloseLost(Leads.Rep, at, reason!.Value, note); break;
            default: throw new ArgumentOutOfRangeException(nameof(verb), verb, "A verb the generator does not know.");
        }
        if (lead.Stage != to) throw new InvalidOperationException($"{verb} took the lead to {lead.Stage}, not {to}.");
    }

    private static ReportPeriod PeriodOf(IReadOnlyList<Lead> leads, PeriodEnd fromEnd, PeriodEnd toEnd)
    {
        var times = leads.Select(l => l.CreatedAt).Concat(leads.SelectMany(l => l.Decisions).Select(d => d.At)).ToList();
        DateTime Resolve(PeriodEnd end) => end.Kind switch
        {
            0 => Origin.AddSeconds((long)end.Value * 2_000 - 10L * Day),   // Aug 22 2026 … Apr 2027
            1 => Origin.AddDays(end.Value % 200 - 10),                      // Aug 22 2026 … Mar 2027
            _ => times.Count == 0 ? Origin : times[end.Value % times.Count],
        };
        var (from, to) = (Resolve(fromEnd), Resolve(toEnd));
        if (from > to) (from, to) = (to, from);
        return new ReportPeriod(from, from == to ? to.AddDays(7) : to);
    }

    // ---- the property ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Every_funnel_velocity_and_trend_figure_equals_a_recount_of_the_decision_log()
    {
        await Case.SampleAsync(async (plans, periods) =>
        {
            var leads = Build(plans);
            await using var db = await TestDatabase.CreateAsync();
            await AnalyticsHistory.SaveAsync(db, [.. leads]);
            var queries = new FunnelQueries(db.Contexts);

            foreach (var (fromEnd, toEnd) in periods)
            {
                var period = PeriodOf(leads, fromEnd, toEnd);
                try
                {
                    foreach (var reading in new[] { FunnelReading.Cohort, FunnelReading.Flow })
                    {
                        var report = await queries.GetFunnelAsync(period, reading);
                        var (steps, flows) = RecountFunnel(leads, period, reading);
                        Assert.Equal(steps, report.Steps);
                        Assert.Equal(flows, report.Flows);
                    }

                    var velocity = await queries.GetVelocityAsync(period);
                    var expectedVelocity = RecountVelocity(leads, period);
                    Assert.Equal(expectedVelocity.Select(v => (v.Leg, v.Completed)), velocity.Select(v => (v.Leg, v.Completed)));
                    foreach (var (expected, actual) in expectedVelocity.Zip(velocity))
                    {
                        AssertClose(expected.MedianHours, actual.MedianHours);
                        AssertClose(expected.P75Hours, actual.P75Hours);
                    }

                    foreach (var grouping in new[] { ReportGrouping.Week, ReportGrouping.Month })
                        Assert.Equal(RecountTrend(leads, period, grouping), await queries.GetTrendAsync(period, grouping));
                }
                catch (XunitException e)
                {
                    throw new XunitException($"For the period [{period.From:O}, {period.To:O}): {e.Message}");
                }
            }
        }, iter: Iterations, print: c => Describe(Build(c.Item1), c.Item2));
    }

    private static void AssertClose(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e) Assert.InRange(actual!.Value, e - HoursTolerance, e + HoursTolerance);
    }

    // ---- the recount, written plainly over the leads in memory ----------------------------------------------------

    private static bool In(ReportPeriod period, DateTime at) => at >= period.From && at < period.To;

    private static (List<FunnelStep> Steps, List<StageFlow> Flows) RecountFunnel(IReadOnlyList<Lead> leads, ReportPeriod period, FunnelReading reading)
    {
        LifecycleStage[] funnel = [LifecycleStage.Lead, LifecycleStage.MQL, LifecycleStage.SAL, LifecycleStage.SQL, LifecycleStage.Opportunity, LifecycleStage.Won];
        var entries = new Dictionary<LifecycleStage, int>();
        var moves = new Dictionary<(LifecycleStage From, LifecycleStage To), int>();
        var created = 0;
        foreach (var lead in leads)
        {
            if (In(period, lead.CreatedAt)) created++;
            if (reading == FunnelReading.Cohort && !In(period, lead.CreatedAt)) continue;
            var reachedByThisLead = new HashSet<LifecycleStage>();
            foreach (var decision in lead.Decisions)
            {
                if (decision.FromStage == decision.ToStage) continue;                        // a handoff or reassignment is no move
                if (reading == FunnelReading.Flow && !In(period, decision.At)) continue;
                moves[(decision.FromStage, decision.ToStage)] = moves.GetValueOrDefault((decision.FromStage, decision.ToStage)) + 1;
                // Cohort: a lead counts once per stage it reached; flow: every entry counts.
                if (reading == FunnelReading.Flow || reachedByThisLead.Add(decision.ToStage))
                    entries[decision.ToStage] = entries.GetValueOrDefault(decision.ToStage) + 1;
            }
        }

        var steps = new List<FunnelStep>();
        for (var i = 0; i < funnel.Length; i++)
        {
            var count = i == 0 ? created : entries.GetValueOrDefault(funnel[i]);
            double? fromPrevious = i == 0 || steps[i - 1].Count == 0 ? null : (double)count / steps[i - 1].Count;
            double? fromFirst = created == 0 ? null : (double)count / created;
            steps.Add(new FunnelStep(funnel[i], count, fromPrevious, fromFirst));
        }
        var flows = moves.Select(m => new StageFlow(m.Key.From, m.Key.To, m.Value))
            .OrderByDescending(f => f.Count).ThenBy(f => f.From).ThenBy(f => f.To)
            .ToList();
        return (steps, flows);
    }

    private static List<VelocityFigure> RecountVelocity(IReadOnlyList<Lead> leads, ReportPeriod period)
    {
        var hours = Enum.GetValues<VelocityLeg>().ToDictionary(leg => leg, _ => new List<double>());
        foreach (var lead in leads)
        {
            // Walk the lead's decisions in order, remembering when each leg last started.
            var promotedBefore = false;
            DateTime? lastPromotion = null, lastAcceptance = null, lastQualification = null;
            foreach (var decision in lead.Decisions)
            {
                var endsInPeriod = In(period, decision.At);
                switch (decision.Verb)
                {
                    case LifecycleVerb.Promote:
                        if (!promotedBefore && endsInPeriod) hours[VelocityLeg.LeadToMql].Add((decision.At - lead.CreatedAt).TotalHours);
                        promotedBefore = true;
                        lastPromotion = decision.At;
                        break;
                    case LifecycleVerb.Accept:
                        if (endsInPeriod) hours[VelocityLeg.MqlToAccepted].Add((decision.At - lastPromotion!.Value).TotalHours);
                        lastAcceptance = decision.At;
                        break;
                    case LifecycleVerb.Qualify:
                        if (endsInPeriod) hours[VelocityLeg.SalToSql].Add((decision.At - lastAcceptance!.Value).TotalHours);
                        lastQualification = decision.At;
                        break;
                    case LifecycleVerb.CloseWon:
                        if (endsInPeriod) hours[VelocityLeg.SqlToWon].Add((decision.At - lastQualification!.Value).TotalHours);
                        break;
                }
            }
        }
        return hours.Select(leg =>
            {
                var sorted = leg.Value.Order().ToList();
                return new VelocityFigure(leg.Key, sorted.Count, Median(sorted), ThirdQuartile(sorted));
            })
            .ToList();
    }

    /// <summary>The middle value, or the mean of the middle two.</summary>
    private static double? Median(List<double> sorted) =>
        sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>PERCENTILE.INC(values, 0.75): a weighted mean of the two values around position 0.75 × (n − 1).</summary>
    private static double? ThirdQuartile(List<double> sorted)
    {
        if (sorted.Count == 0) return null;
        var position = 0.75 * (sorted.Count - 1);
        var lower = (int)position;
        var weight = position - lower;
        return lower + 1 < sorted.Count ? sorted[lower] * (1 - weight) + sorted[lower + 1] * weight : sorted[lower];
    }

    private static List<TrendPoint> RecountTrend(IReadOnlyList<Lead> leads, ReportPeriod period, ReportGrouping grouping)
    {
        DateOnly StartOf(DateOnly day)
        {
            if (grouping == ReportGrouping.Month) return new DateOnly(day.Year, day.Month, 1);
            var at = day.ToDateTime(TimeOnly.MinValue);
            return DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(at), ISOWeek.GetWeekOfYear(at), DayOfWeek.Monday));
        }
        DateOnly After(DateOnly start) => grouping == ReportGrouping.Month ? start.AddMonths(1) : start.AddDays(7);

        var decisions = leads.SelectMany(l => l.Decisions).Where(d => In(period, d.At)).ToList();
        var points = new List<TrendPoint>();
        for (var start = StartOf(DateOnly.FromDateTime(period.From)); start.ToDateTime(TimeOnly.MinValue) < period.To; start = After(start))
        {
            var (from, to) = (start, After(start));
            bool InBucket(Decision d) => DateOnly.FromDateTime(d.At) >= from && DateOnly.FromDateTime(d.At) < to;
            points.Add(new TrendPoint(start,
                decisions.Count(d => d.Verb == LifecycleVerb.Promote && InBucket(d)),
                decisions.Count(d => d.Verb == LifecycleVerb.Qualify && InBucket(d))));
        }
        return points;
    }

    /// <summary>A failing case as text: each lead's creation and moves, then the periods.</summary>
    private static string Describe(IReadOnlyList<Lead> leads, (PeriodEnd From, PeriodEnd To)[] periods)
    {
        var text = new StringBuilder().AppendLine();
        foreach (var lead in leads)
        {
            text.Append($"{lead.Email} created {lead.CreatedAt:O}:");
            foreach (var d in lead.Decisions) text.Append($" {d.At:O} {d.Verb} {d.FromStage}→{d.ToStage};");
            text.AppendLine();
        }
        foreach (var (from, to) in periods)
        {
            var period = PeriodOf(leads, from, to);
            text.AppendLine($"period [{period.From:O}, {period.To:O})");
        }
        return text.ToString();
    }
}
