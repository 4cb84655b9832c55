using System.Globalization;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Analytics;

/// <summary>The two readings of the funnel (docs/decisions/funnel-figures.md).</summary>
public enum FunnelReading
{
    /// <summary>Of the leads created in the period, how many have reached each stage so far (whenever that happened).</summary>
    Cohort = 0,
    /// <summary>How many stage entries happened in the period, whichever lead and whenever it was created.</summary>
    Flow = 1,
}

/// <summary>One bar of the funnel.</summary>
/// <param name="FromPrevious">Count ÷ the previous step's count; null for the first step or when that is 0.</param>
/// <param name="FromFirst">Count ÷ the first step's count (leads); null when that is 0.</param>
public sealed record FunnelStep(LifecycleStage Stage, int Count, double? FromPrevious, double? FromFirst);

/// <summary>How many moves went from one stage to another (a Sankey edge).</summary>
public sealed record StageFlow(LifecycleStage From, LifecycleStage To, int Count);

/// <param name="Steps">Lead → MQL → SAL → SQL → Opportunity → Won, in that order.</param>
/// <param name="Flows">
/// Every stage change counted by the reading (cohort: all moves of the cohort's leads so far; flow: all moves in the
/// period), including the ways out: recycle to nurture, disqualify, lost. Most first.
/// </param>
public sealed record FunnelReport(ReportPeriod Period, FunnelReading Reading, IReadOnlyList<FunnelStep> Steps, IReadOnlyList<StageFlow> Flows);

/// <summary>One leg of the lead's journey whose duration the velocity figures measure.</summary>
public enum VelocityLeg
{
    /// <summary>Lead created → first promoted to MQL.</summary>
    LeadToMql = 0,
    /// <summary>Promoted to MQL → accepted by sales (from the latest promotion before the acceptance).</summary>
    MqlToAccepted = 1,
    /// <summary>Accepted (SAL) → qualified (SQL), from the latest acceptance before it.</summary>
    SalToSql = 2,
    /// <summary>Qualified (SQL) → won, from the latest qualification before it.</summary>
    SqlToWon = 3,
}

/// <summary>How long one leg took, over the legs completed in the period.</summary>
/// <param name="Completed">How many legs ended in the period.</param>
/// <param name="MedianHours">Median duration in hours; null when none ended.</param>
/// <param name="P75Hours">75th percentile in hours (linear between closest ranks); null when none ended.</param>
public sealed record VelocityFigure(VelocityLeg Leg, int Completed, double? MedianHours, double? P75Hours);

/// <summary>New MQLs (promotions) and new SQLs (qualifications) in one week or month of the period.</summary>
/// <param name="Start">The first day of the bucket (a Monday for weeks, the 1st for months), UTC; the first bucket may start before the period.</param>
public sealed record TrendPoint(DateOnly Start, int NewMqls, int NewSqls);

/// <summary>
/// Funnel, velocity and trend figures, each computed in the database from the decision log and what the lifecycle verbs
/// keep with it (the leads' milestones, each decision's lead creation time and step duration); what comes back is bounded
/// by the number of stages, the legs ended in the period, or the days in it.
/// </summary>
public sealed class FunnelQueries(IDbContextFactory<LeadDeskDbContext> contexts)
{
    /// <summary>The funnel stages in order; Lost, Nurture and Disqualified are ways out, seen in the flows.</summary>
    public static readonly IReadOnlyList<LifecycleStage> FunnelStages =
        [LifecycleStage.Lead, LifecycleStage.MQL, LifecycleStage.SAL, LifecycleStage.SQL, LifecycleStage.Opportunity, LifecycleStage.Won];

    public Task<FunnelReport> GetFunnelAsync(ReportPeriod period, FunnelReading reading, CancellationToken cancellationToken = default) =>
        GetFunnelAsync(period, reading, cohort: null, cancellationToken);

    /// <param name="cohort">The period's cohort counts when the dashboard already reads them for the channel tables; null to read them here.</param>
    internal async Task<FunnelReport> GetFunnelAsync(ReportPeriod period, FunnelReading reading, Task<IReadOnlyList<CohortCount>>? cohort,
        CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var (from, to) = (period.From, period.To);

        // A stage change is a decision whose stages differ (HandOff and Reassign keep the lead an MQL).
        var moves = context.Decisions.AsNoTracking().Where(d => d.FromStage != d.ToStage);
        // Cohort reading: the moves of the cohort's leads, found by the lead's creation time each decision carries.
        // Flow reading: the moves made in the period.
        moves = reading == FunnelReading.Cohort
            ? moves.Where(d => d.LeadCreatedAt >= from && d.LeadCreatedAt < to)
            : moves.Where(d => d.At >= from && d.At < to);
        var flows = (await moves
                .GroupBy(d => new { d.FromStage, d.ToStage })
                .Select(g => new { g.Key.FromStage, g.Key.ToStage, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(f => new StageFlow(f.FromStage, f.ToStage, f.Count))
            .OrderByDescending(f => f.Count).ThenBy(f => f.From).ThenBy(f => f.To)
            .ToList();

        // The leads created in the period (both readings), and in the cohort reading how many of them reached each stage:
        // once per stage however often they re-entered it, as their milestone for it is set by the first move into it.
        var pairs = await (cohort ?? CohortCount.ReadAsync(context, period, cancellationToken));
        var created = pairs.Sum(p => p.Leads);
        var reached = reading == FunnelReading.Cohort
            ? new Dictionary<LifecycleStage, int>
            {
                [LifecycleStage.MQL] = pairs.Sum(p => p.Mqls), [LifecycleStage.SAL] = pairs.Sum(p => p.Sals), [LifecycleStage.SQL] = pairs.Sum(p => p.Sqls),
                [LifecycleStage.Opportunity] = pairs.Sum(p => p.Opportunities), [LifecycleStage.Won] = pairs.Sum(p => p.Won),
            }
            // Flow reading: every entry counts (a lead recycled and promoted again is two MQL entries), so a stage's
            // entries are the moves into it, summed over where they came from.
            : flows.GroupBy(f => f.To).ToDictionary(g => g.Key, g => g.Sum(f => f.Count));

        var counts = FunnelStages.Select(stage => stage == LifecycleStage.Lead ? created : reached.GetValueOrDefault(stage)).ToArray();
        var steps = FunnelStages
            .Select((stage, i) => new FunnelStep(stage, counts[i], i == 0 ? null : Rate.Of(counts[i], counts[i - 1]), Rate.Of(counts[i], counts[0])))
            .ToList();
        return new FunnelReport(period, reading, steps, flows);
    }

    /// <summary>The verb whose decisions end each leg, carrying the leg's duration (<see cref="Decision.StepDuration"/>).</summary>
    private static readonly IReadOnlyList<(VelocityLeg Leg, LifecycleVerb End)> Legs =
    [
        (VelocityLeg.LeadToMql, LifecycleVerb.Promote),
        (VelocityLeg.MqlToAccepted, LifecycleVerb.Accept),
        (VelocityLeg.SalToSql, LifecycleVerb.Qualify),
        (VelocityLeg.SqlToWon, LifecycleVerb.CloseWon),
    ];

    /// <summary>
    /// Median and 75th percentile of each leg, over the legs that ended in the period. Each decision that ends a leg
    /// carries the leg's duration, measured when it was taken (a promotion only when it was the lead's first), so this
    /// reads one number per leg from the period's range of the (Verb, At) index and sorts them in memory: SQLite has no
    /// percentile function.
    /// </summary>
    public async Task<IReadOnlyList<VelocityFigure>> GetVelocityAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var (from, to) = (period.From, period.To);
        var figures = new List<VelocityFigure>();
        foreach (var (leg, end) in Legs)
        {
            var hours = (await context.Decisions.AsNoTracking()
                    .Where(d => d.Verb == end && d.At >= from && d.At < to && d.StepDuration != null)
                    .Select(d => d.StepDuration!.Value)
                    .ToListAsync(cancellationToken))
                .Select(duration => duration.TotalHours).ToArray();
            Array.Sort(hours);
            figures.Add(new VelocityFigure(leg, hours.Length, Percentile.Of(hours, 0.5), Percentile.Of(hours, 0.75)));
        }
        return figures;
    }

    /// <summary>
    /// New MQLs and SQLs per week or month of the period, every bucket present (zero when nothing happened). Counted per
    /// UTC day in the database, then summed into buckets: at most one row per day and verb comes back.
    /// </summary>
    public async Task<IReadOnlyList<TrendPoint>> GetTrendAsync(ReportPeriod period, ReportGrouping grouping, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var (from, to) = (period.From, period.To);
        var decisions = context.Decisions.AsNoTracking()
            .Where(d => d.At >= from && d.At < to && (d.Verb == LifecycleVerb.Promote || d.Verb == LifecycleVerb.Qualify));
        // SQLite keeps times as text that starts with the day: cutting it is much cheaper than EF's strftime for .Date.
        var days = context.Database.IsSqlite()
            ? (await decisions
                    .GroupBy(d => new { d.Verb, Day = SqliteFunctions.Substr(d.At, 1, 10) })
                    .Select(g => new { g.Key.Verb, g.Key.Day, Count = g.Count() })
                    .ToListAsync(cancellationToken))
                .Select(d => (d.Verb, Day: DateOnly.ParseExact(d.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), d.Count))
                .ToList()
            : (await decisions
                    .GroupBy(d => new { d.Verb, Day = d.At.Date })
                    .Select(g => new { g.Key.Verb, g.Key.Day, Count = g.Count() })
                    .ToListAsync(cancellationToken))
                .Select(d => (d.Verb, Day: DateOnly.FromDateTime(d.Day), d.Count))
                .ToList();

        var buckets = new SortedDictionary<DateOnly, (int Mqls, int Sqls)>();
        for (var start = BucketOf(DateOnly.FromDateTime(from), grouping); start.ToDateTime(TimeOnly.MinValue) < to; start = Next(start, grouping))
            buckets[start] = (0, 0);
        foreach (var (verb, day, count) in days)
        {
            var bucket = BucketOf(day, grouping);
            var (mqls, sqls) = buckets[bucket];
            buckets[bucket] = verb == LifecycleVerb.Promote ? (mqls + count, sqls) : (mqls, sqls + count);
        }
        return buckets.Select(b => new TrendPoint(b.Key, b.Value.Mqls, b.Value.Sqls)).ToList();
    }

    /// <summary>The Monday of the ISO week, or the first of the month, that contains <paramref name="day"/>.</summary>
    public static DateOnly BucketOf(DateOnly day, ReportGrouping grouping) => grouping switch
    {
        ReportGrouping.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
    };

    private static DateOnly Next(DateOnly bucket, ReportGrouping grouping) =>
        grouping == ReportGrouping.Month ? bucket.AddMonths(1) : bucket.AddDays(7);
}

/// <summary>Percentiles of durations, in memory over the (period-bounded) values the database returned.</summary>
public static class Percentile
{
    /// <summary>
    /// The <paramref name="p"/>-quantile of ascending <paramref name="sorted"/> values, interpolating linearly between the
    /// closest ranks (the spreadsheet PERCENTILE.INC rule; the median of an even count is the mean of the middle two).
    /// Null for no values.
    /// </summary>
    public static double? Of(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return null;
        var rank = p * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
