using LeadDesk.Domain.Analytics;
using Microsoft.Extensions.Time.Testing;
using static LeadDesk.Tests.Analytics.AnalyticsHistory;
using Stage = LeadDesk.Domain.Leads.LifecycleStage;

namespace LeadDesk.Tests.Analytics;

/// <summary>Funnel (cohort and flow), velocity and trend on a real SQLite database with hand-built histories whose answers are worked out by hand.</summary>
public sealed class FunnelQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private FunnelQueries _queries = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Leads.Now)));
        _queries = new FunnelQueries(_db.Contexts);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    // ---- building blocks: each move at the time given, so the expected durations can be read off the test ---------

    private static void Promote(Lead lead, DateTime at) => lead.Promote(Leads.Marketer, at, "Good fit");

    /// <summary>Promoted at <paramref name="promoted"/>, handed off a minute later, accepted at <paramref name="accepted"/>.</summary>
    private static void PromoteAndAccept(Lead lead, DateTime promoted, DateTime accepted)
    {
        Promote(lead, promoted);
        lead.HandOff(Leads.Marketer, Leads.Rep, promoted.AddMinutes(1), null);
        lead.Accept(Leads.Rep, accepted, null);
    }

    /// <summary>Promoted at <paramref name="promoted"/>, handed off a minute later, rejected back to nurture at <paramref name="rejected"/>.</summary>
    private static void PromoteAndReject(Lead lead, DateTime promoted, DateTime rejected)
    {
        Promote(lead, promoted);
        lead.HandOff(Leads.Marketer, Leads.Rep, promoted.AddMinutes(1), null);
        lead.Reject(Leads.Rep, rejected, ReasonCode.NoBudget, null, disqualify: false);
    }

    /// <summary>Qualified at <paramref name="qualified"/>, an opportunity a minute later, won at <paramref name="won"/>.</summary>
    private static void QualifyAndWin(Lead lead, DateTime qualified, DateTime won)
    {
        lead.Qualify(Leads.Rep, qualified, null);
        lead.ConvertToOpportunity(Leads.Rep, qualified.AddMinutes(1), 10_000m, new DateOnly(2027, 1, 31), null);
        lead.CloseWon(Leads.Rep, won, null);
    }

    private static FunnelStep Step(LifecycleStage stage, int count, double? fromPrevious, double? fromFirst) => new(stage, count, fromPrevious, fromFirst);

    private static StageFlow Flow(LifecycleStage from, LifecycleStage to, int count) => new(from, to, count);

    // ---- funnel ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// November 2026, nine leads:
    /// "won" (created Nov 2) goes all the way to Won in November;
    /// "recycled" (Nov 2) is promoted, rejected to nurture, promoted again and accepted;
    /// "october" (created Oct 1, SAL since October) is qualified, converted and won in November;
    /// "disqualified" (Nov 3) is promoted and disqualified; "lost" (created at Nov 1 00:00, the period's start) reaches an
    /// opportunity and loses it; "next-month" (Nov 20) is promoted at Dec 1 00:00, the period's end;
    /// "december" is created at Dec 1 00:00; "untouched" (Nov 15) never moves; "returning" (created Oct 20) is promoted
    /// at Nov 1 00:00.
    /// </summary>
    private async Task SeedFunnelStoryAsync()
    {
        var won = NewLead("won", Utc(2026, 11, 2, 9));
        PromoteAndAccept(won, Utc(2026, 11, 3), Utc(2026, 11, 4));
        QualifyAndWin(won, Utc(2026, 11, 6), Utc(2026, 11, 8));

        var recycled = NewLead("recycled", Utc(2026, 11, 2));
        PromoteAndReject(recycled, Utc(2026, 11, 5), Utc(2026, 11, 6));
        PromoteAndAccept(recycled, Utc(2026, 11, 10), Utc(2026, 11, 12));

        var october = NewLead("october", Utc(2026, 10, 1));
        PromoteAndAccept(october, Utc(2026, 10, 5), Utc(2026, 10, 6));
        QualifyAndWin(october, Utc(2026, 11, 3), Utc(2026, 11, 20));

        var disqualified = NewLead("disqualified", Utc(2026, 11, 3));
        Promote(disqualified, Utc(2026, 11, 4));
        disqualified.Disqualify(Leads.Marketer, Utc(2026, 11, 5), ReasonCode.NotAFit, null);

        var lost = NewLead("lost", Utc(2026, 11, 1));
        PromoteAndAccept(lost, Utc(2026, 11, 2), Utc(2026, 11, 3));
        lost.Qualify(Leads.Rep, Utc(2026, 11, 4), null);
        lost.ConvertToOpportunity(Leads.Rep, Utc(2026, 11, 5), 5_000m, new DateOnly(2027, 1, 31), null);
        lost.CloseLost(Leads.Rep, Utc(2026, 11, 9), ReasonCode.Price, null);

        var nextMonth = NewLead("next-month", Utc(2026, 11, 20));
        Promote(nextMonth, Utc(2026, 12, 1));

        var returning = NewLead("returning", Utc(2026, 10, 20));
        Promote(returning, Utc(2026, 11, 1));

        await SaveAsync(_db, won, recycled, october, disqualified, lost, nextMonth, NewLead("december", Utc(2026, 12, 1)),
            NewLead("untouched", Utc(2026, 11, 15)), returning);
    }

    [Fact]
    public async Task Cohort_counts_each_lead_created_in_the_period_once_per_stage_it_has_reached_by_now()
    {
        await SeedFunnelStoryAsync();

        var report = await _queries.GetFunnelAsync(November, FunnelReading.Cohort);

        // Cohort: won, recycled, disqualified, lost, next-month, untouched. MQL: all but untouched (next-month's
        // promotion on Dec 1 counts: "so far"); SAL: won, recycled, lost; SQL and opportunity: won, lost; Won: won.
        Assert.Equal(FunnelReading.Cohort, report.Reading);
        Assert.Equal(
            [
                Step(Stage.Lead, 6, null, 1.0),
                Step(Stage.MQL, 5, 5.0 / 6, 5.0 / 6),
                Step(Stage.SAL, 3, 3.0 / 5, 3.0 / 6),
                Step(Stage.SQL, 2, 2.0 / 3, 2.0 / 6),
                Step(Stage.Opportunity, 2, 1.0, 2.0 / 6),
                Step(Stage.Won, 1, 1.0 / 2, 1.0 / 6),
            ],
            report.Steps);
    }

    [Fact]
    public async Task Flow_counts_every_stage_entry_in_the_period_whoever_made_it()
    {
        await SeedFunnelStoryAsync();

        var report = await _queries.GetFunnelAsync(November, FunnelReading.Flow);

        // Leads created in November: the same six. MQL entries: won, recycled twice, disqualified, lost, returning
        // (next-month's is on Dec 1: out); SAL: won, recycled, lost; SQL, opportunity: won, october, lost; Won: won, october.
        Assert.Equal(FunnelReading.Flow, report.Reading);
        Assert.Equal(
            [
                Step(Stage.Lead, 6, null, 1.0),
                Step(Stage.MQL, 6, 1.0, 1.0),
                Step(Stage.SAL, 3, 3.0 / 6, 3.0 / 6),
                Step(Stage.SQL, 3, 1.0, 3.0 / 6),
                Step(Stage.Opportunity, 3, 1.0, 3.0 / 6),
                Step(Stage.Won, 2, 2.0 / 3, 2.0 / 6),
            ],
            report.Steps);
    }

    [Fact]
    public async Task Cohort_flows_are_every_move_of_the_cohorts_leads_including_the_ways_out_most_first()
    {
        await SeedFunnelStoryAsync();

        var report = await _queries.GetFunnelAsync(November, FunnelReading.Cohort);

        // Ties by stage order of the source, then of the target. HandOffs (MQL → MQL) are not moves.
        Assert.Equal(
            [
                Flow(Stage.Lead, Stage.MQL, 5),
                Flow(Stage.MQL, Stage.SAL, 3),
                Flow(Stage.SAL, Stage.SQL, 2),
                Flow(Stage.SQL, Stage.Opportunity, 2),
                Flow(Stage.MQL, Stage.Nurture, 1),
                Flow(Stage.MQL, Stage.Disqualified, 1),
                Flow(Stage.Opportunity, Stage.Won, 1),
                Flow(Stage.Opportunity, Stage.Lost, 1),
                Flow(Stage.Nurture, Stage.MQL, 1),
            ],
            report.Flows);
    }

    [Fact]
    public async Task Flow_flows_are_every_move_made_in_the_period_including_the_ways_out_most_first()
    {
        await SeedFunnelStoryAsync();

        var report = await _queries.GetFunnelAsync(November, FunnelReading.Flow);

        Assert.Equal(
            [
                Flow(Stage.Lead, Stage.MQL, 5),
                Flow(Stage.MQL, Stage.SAL, 3),
                Flow(Stage.SAL, Stage.SQL, 3),
                Flow(Stage.SQL, Stage.Opportunity, 3),
                Flow(Stage.Opportunity, Stage.Won, 2),
                Flow(Stage.MQL, Stage.Nurture, 1),
                Flow(Stage.MQL, Stage.Disqualified, 1),
                Flow(Stage.Opportunity, Stage.Lost, 1),
                Flow(Stage.Nurture, Stage.MQL, 1),
            ],
            report.Flows);
    }

    [Fact]
    public async Task A_recycled_lead_promoted_twice_is_two_MQL_entries_in_flow_and_one_MQL_in_cohort()
    {
        var recycled = NewLead("recycled", Utc(2026, 11, 2));
        PromoteAndReject(recycled, Utc(2026, 11, 5), Utc(2026, 11, 6));
        PromoteAndAccept(recycled, Utc(2026, 11, 10), Utc(2026, 11, 12));
        await SaveAsync(_db, recycled);

        var cohort = await _queries.GetFunnelAsync(November, FunnelReading.Cohort);
        var flow = await _queries.GetFunnelAsync(November, FunnelReading.Flow);

        Assert.Equal([1, 1, 1, 0, 0, 0], cohort.Steps.Select(s => s.Count));
        Assert.Equal([1, 2, 1, 0, 0, 0], flow.Steps.Select(s => s.Count));
        Assert.Equal(0.5, flow.Steps[2].FromPrevious);
        // The round trip through nurture shows in both readings' flows.
        Assert.Equal([Flow(Stage.Lead, Stage.MQL, 1), Flow(Stage.MQL, Stage.SAL, 1), Flow(Stage.MQL, Stage.Nurture, 1), Flow(Stage.Nurture, Stage.MQL, 1)], cohort.Flows);
        Assert.Equal(cohort.Flows, flow.Flows);
    }

    [Fact]
    public async Task A_lead_created_before_the_period_that_converts_inside_it_counts_in_flow_and_not_in_cohort()
    {
        var october = NewLead("october", Utc(2026, 10, 1));
        PromoteAndAccept(october, Utc(2026, 10, 5), Utc(2026, 10, 6));
        QualifyAndWin(october, Utc(2026, 11, 3), Utc(2026, 11, 20));
        await SaveAsync(_db, october);

        var cohort = await _queries.GetFunnelAsync(November, FunnelReading.Cohort);
        var flow = await _queries.GetFunnelAsync(November, FunnelReading.Flow);

        Assert.Equal([0, 0, 0, 0, 0, 0], cohort.Steps.Select(s => s.Count));
        Assert.Empty(cohort.Flows);
        Assert.Equal([0, 0, 0, 1, 1, 1], flow.Steps.Select(s => s.Count));
        Assert.Equal([Flow(Stage.SAL, Stage.SQL, 1), Flow(Stage.SQL, Stage.Opportunity, 1), Flow(Stage.Opportunity, Stage.Won, 1)], flow.Flows);
        // ... and in October's cohort, where it was created, it has reached Won by now.
        var octoberCohort = await _queries.GetFunnelAsync(new ReportPeriod(Utc(2026, 10, 1), Utc(2026, 11, 1)), FunnelReading.Cohort);
        Assert.Equal([1, 1, 1, 1, 1, 1], octoberCohort.Steps.Select(s => s.Count));
    }

    [Fact]
    public async Task A_rate_is_zero_when_nothing_converted_and_undefined_when_there_was_nothing_to_convert()
    {
        var october = NewLead("october", Utc(2026, 10, 1));
        PromoteAndAccept(october, Utc(2026, 10, 5), Utc(2026, 10, 6));
        QualifyAndWin(october, Utc(2026, 11, 3), Utc(2026, 11, 20));
        await SaveAsync(_db, october, NewLead("new-1", Utc(2026, 11, 1)), NewLead("new-2", Utc(2026, 11, 2)));

        var november = await _queries.GetFunnelAsync(November, FunnelReading.Flow);

        Assert.Equal(
            [
                Step(Stage.Lead, 2, null, 1.0),
                Step(Stage.MQL, 0, 0.0, 0.0),
                Step(Stage.SAL, 0, null, 0.0),      // 0 ÷ 0 MQLs: "—", not NaN
                Step(Stage.SQL, 1, null, 0.5),      // 1 ÷ 0 SALs: "—", not infinity
                Step(Stage.Opportunity, 1, 1.0, 0.5),
                Step(Stage.Won, 1, 1.0, 0.5),
            ],
            november.Steps);

        // From Nov 3 no lead was created: every share of the first step is undefined.
        var later = await _queries.GetFunnelAsync(new ReportPeriod(Utc(2026, 11, 3), Utc(2026, 11, 21)), FunnelReading.Flow);

        Assert.Equal(
            [
                Step(Stage.Lead, 0, null, null),
                Step(Stage.MQL, 0, null, null),
                Step(Stage.SAL, 0, null, null),
                Step(Stage.SQL, 1, null, null),
                Step(Stage.Opportunity, 1, 1.0, null),
                Step(Stage.Won, 1, 1.0, null),
            ],
            later.Steps);
    }

    [Fact]
    public async Task An_empty_period_has_zero_steps_undefined_rates_no_flows_no_velocity_and_zero_filled_buckets()
    {
        await SeedFunnelStoryAsync();
        var february = new ReportPeriod(Utc(2026, 2, 1), Utc(2026, 3, 1));

        foreach (var reading in new[] { FunnelReading.Cohort, FunnelReading.Flow })
        {
            var report = await _queries.GetFunnelAsync(february, reading);
            Assert.Equal(FunnelQueries.FunnelStages.Select(stage => Step(stage, 0, null, null)), report.Steps);
            Assert.Empty(report.Flows);
        }

        Assert.Equal(Enum.GetValues<VelocityLeg>().Select(leg => new VelocityFigure(leg, 0, null, null)), await _queries.GetVelocityAsync(february));

        // Feb 1 2026 is a Sunday: its week starts on Monday Jan 26; Mar 1 (the end) is a Sunday too.
        Assert.Equal(
            [
                new TrendPoint(new DateOnly(2026, 1, 26), 0, 0),
                new TrendPoint(new DateOnly(2026, 2, 2), 0, 0),
                new TrendPoint(new DateOnly(2026, 2, 9), 0, 0),
                new TrendPoint(new DateOnly(2026, 2, 16), 0, 0),
                new TrendPoint(new DateOnly(2026, 2, 23), 0, 0),
            ],
            await _queries.GetTrendAsync(february, ReportGrouping.Week));
        Assert.Equal([new TrendPoint(new DateOnly(2026, 2, 1), 0, 0)], await _queries.GetTrendAsync(february, ReportGrouping.Month));
    }

    [Fact]
    public async Task A_database_without_leads_gives_the_same_empty_figures()
    {
        var report = await _queries.GetFunnelAsync(November, FunnelReading.Cohort);

        Assert.All(report.Steps, s => Assert.Equal((0, (double?)null, (double?)null), (s.Count, s.FromPrevious, s.FromFirst)));
        Assert.Empty(report.Flows);
        Assert.All(await _queries.GetVelocityAsync(November), v => Assert.Equal((0, (double?)null, (double?)null), (v.Completed, v.MedianHours, v.P75Hours)));
        Assert.All(await _queries.GetTrendAsync(November, ReportGrouping.Week), p => Assert.Equal((0, 0), (p.NewMqls, p.NewSqls)));
    }

    [Fact]
    public async Task The_period_is_half_open_what_happens_at_its_start_is_in_and_what_happens_at_its_end_is_out()
    {
        var atStart = NewLead("at-start", Utc(2026, 11, 1));
        var atEnd = NewLead("at-end", Utc(2026, 12, 1));
        Promote(atEnd, Utc(2026, 12, 1));
        var old = NewLead("old", Utc(2026, 10, 1));
        PromoteAndAccept(old, Utc(2026, 11, 1), Utc(2026, 12, 1));
        await SaveAsync(_db, atStart, atEnd, old);

        var cohort = await _queries.GetFunnelAsync(November, FunnelReading.Cohort);
        var flow = await _queries.GetFunnelAsync(November, FunnelReading.Flow);
        var velocity = await _queries.GetVelocityAsync(November);
        var trend = await _queries.GetTrendAsync(November, ReportGrouping.Week);

        Assert.Equal([1, 0, 0, 0, 0, 0], cohort.Steps.Select(s => s.Count));                 // at-start; not at-end
        Assert.Equal([1, 1, 0, 0, 0, 0], flow.Steps.Select(s => s.Count));                   // old's promotion at Nov 1 00:00; not its acceptance at Dec 1
        Assert.Equal([Flow(Stage.Lead, Stage.MQL, 1)], flow.Flows);
        Assert.Equal(new VelocityFigure(VelocityLeg.LeadToMql, 1, 31 * 24, 31 * 24), velocity[0]);
        Assert.Equal(new VelocityFigure(VelocityLeg.MqlToAccepted, 0, null, null), velocity[1]);
        Assert.Equal(new TrendPoint(new DateOnly(2026, 10, 26), 1, 0), trend[0]);         // Sunday Nov 1 is in the week of Monday Oct 26
        Assert.Equal(new TrendPoint(new DateOnly(2026, 11, 30), 0, 0), trend[^1]);

        // What November left out at its end belongs to December.
        var december = new ReportPeriod(Utc(2026, 12, 1), Utc(2027, 1, 1));
        Assert.Equal([1, 1, 1, 0, 0, 0], (await _queries.GetFunnelAsync(december, FunnelReading.Flow)).Steps.Select(s => s.Count));
        Assert.Equal([1, 1, 0, 0, 0, 0], (await _queries.GetFunnelAsync(december, FunnelReading.Cohort)).Steps.Select(s => s.Count));
        Assert.Equal(new VelocityFigure(VelocityLeg.MqlToAccepted, 1, 30 * 24, 30 * 24), (await _queries.GetVelocityAsync(december))[1]);
    }

    // ---- velocity -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Velocity_gives_the_median_and_the_interpolated_75th_percentile_of_each_leg()
    {
        // Four leads created at Nov 2 00:00; per lead the hours of each leg: Lead → MQL, MQL → accepted, SAL → SQL, SQL → won.
        (int ToMql, int ToAccepted, int ToSql, int ToWon)[] legs = [(10, 2, 72, 20), (1, 9, 24, 40), (4, 3, 96, 10), (2, 5, 48, 30)];
        var leads = legs.Select((hours, i) =>
        {
            var lead = NewLead($"velocity-{i}", Utc(2026, 11, 2));
            var promoted = lead.CreatedAt.AddHours(hours.ToMql);
            var accepted = promoted.AddHours(hours.ToAccepted);
            var qualified = accepted.AddHours(hours.ToSql);
            PromoteAndAccept(lead, promoted, accepted);
            QualifyAndWin(lead, qualified, qualified.AddHours(hours.ToWon));
            return lead;
        }).ToArray();
        await SaveAsync(_db, leads);

        var velocity = await _queries.GetVelocityAsync(November);

        Assert.Equal(
            [
                new VelocityFigure(VelocityLeg.LeadToMql, 4, 3.0, 5.5),          // 1, 2, 4, 10: (2 + 4) / 2; rank 2.25 → 4 + 0.25 × 6
                new VelocityFigure(VelocityLeg.MqlToAccepted, 4, 4.0, 6.0),      // 2, 3, 5, 9
                new VelocityFigure(VelocityLeg.SalToSql, 4, 60.0, 78.0),         // 24, 48, 72, 96
                new VelocityFigure(VelocityLeg.SqlToWon, 4, 25.0, 32.5),         // 10, 20, 30, 40
            ],
            velocity);
    }

    [Fact]
    public async Task Each_leg_is_measured_from_the_latest_start_before_its_end_when_a_lead_goes_round_again()
    {
        var lead = NewLead("round-trip", Utc(2026, 10, 1));
        PromoteAndReject(lead, Utc(2026, 11, 2), Utc(2026, 11, 2, 5));
        PromoteAndAccept(lead, Utc(2026, 11, 3), Utc(2026, 11, 3, 6));                 // 6 h from the second promotion, not 30 h
        lead.Qualify(Leads.Rep, Utc(2026, 11, 4, 6), null);                             // 24 h
        lead.Recycle(Leads.Rep, Utc(2026, 11, 5), ReasonCode.BadTiming, null);
        PromoteAndAccept(lead, Utc(2026, 11, 6), Utc(2026, 11, 6, 2));                  // 2 h
        QualifyAndWin(lead, Utc(2026, 11, 6, 12), Utc(2026, 11, 8, 12));                // 10 h; won 48 h after the latest qualification, not 102 h
        await SaveAsync(_db, lead);

        var velocity = await _queries.GetVelocityAsync(November);

        Assert.Equal(
            [
                new VelocityFigure(VelocityLeg.LeadToMql, 1, 32 * 24, 32 * 24),   // only the first promotion: Oct 1 → Nov 2
                new VelocityFigure(VelocityLeg.MqlToAccepted, 2, 4.0, 5.0),       // 2, 6
                new VelocityFigure(VelocityLeg.SalToSql, 2, 17.0, 20.5),          // 10, 24
                new VelocityFigure(VelocityLeg.SqlToWon, 1, 48.0, 48.0),
            ],
            velocity);
    }

    [Fact]
    public async Task Lead_to_MQL_runs_to_the_first_promotion_even_when_the_lead_went_to_nurture_before_it()
    {
        var lead = NewLead("not-yet", Utc(2026, 11, 2));
        lead.Recycle(Leads.Marketer, Utc(2026, 11, 3), ReasonCode.BadTiming, null);      // Lead → Nurture: never an MQL yet
        Promote(lead, Utc(2026, 11, 5));                                                // first promotion, from Nurture: 72 h
        lead.Recycle(Leads.Marketer, Utc(2026, 11, 6), ReasonCode.Unresponsive, null);
        Promote(lead, Utc(2026, 11, 7));                                                // a second promotion is no Lead → MQL leg
        await SaveAsync(_db, lead);

        var velocity = await _queries.GetVelocityAsync(November);

        Assert.Equal(new VelocityFigure(VelocityLeg.LeadToMql, 1, 72.0, 72.0), velocity[0]);
    }

    [Fact]
    public async Task A_leg_counts_in_the_period_it_ends_in_wherever_it_started()
    {
        var started = NewLead("started-in-october", Utc(2026, 10, 30));
        PromoteAndAccept(started, Utc(2026, 10, 31), Utc(2026, 11, 1));                // Lead → MQL ends in October; MQL → accepted (24 h) at Nov 1 00:00
        started.Qualify(Leads.Rep, Utc(2026, 12, 1), null);                             // at the period's end: out
        var ending = NewLead("ends-in-december", Utc(2026, 11, 10));
        PromoteAndAccept(ending, Utc(2026, 11, 30, 23), Utc(2026, 12, 1));              // Lead → MQL: 20 days 23 h; accepted in December
        await SaveAsync(_db, started, ending);

        var velocity = await _queries.GetVelocityAsync(November);

        Assert.Equal(
            [
                new VelocityFigure(VelocityLeg.LeadToMql, 1, 20 * 24 + 23, 20 * 24 + 23),
                new VelocityFigure(VelocityLeg.MqlToAccepted, 1, 24.0, 24.0),
                new VelocityFigure(VelocityLeg.SalToSql, 0, null, null),
                new VelocityFigure(VelocityLeg.SqlToWon, 0, null, null),
            ],
            velocity);
    }

    // ---- trend ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// New MQLs at Sun Nov 1 00:00, Mon Nov 2 00:00, Sun Nov 8 23:00, Mon Nov 30 10:00 and Tue Dec 1 00:00; new SQLs (leads
    /// accepted in early October) at Sun Nov 15 12:00 and Mon Nov 16 00:00.
    /// </summary>
    private async Task SeedTrendStoryAsync()
    {
        var leads = new List<Lead>();
        foreach (var (at, i) in new[] { Utc(2026, 11, 1), Utc(2026, 11, 2), Utc(2026, 11, 8, 23), Utc(2026, 11, 30, 10), Utc(2026, 12, 1) }.Select((at, i) => (at, i)))
        {
            var lead = NewLead($"mql-{i}", Utc(2026, 10, 1));
            Promote(lead, at);
            leads.Add(lead);
        }
        foreach (var (at, i) in new[] { Utc(2026, 11, 15, 12), Utc(2026, 11, 16) }.Select((at, i) => (at, i)))
        {
            var lead = NewLead($"sql-{i}", Utc(2026, 10, 1));
            PromoteAndAccept(lead, Utc(2026, 10, 2), Utc(2026, 10, 3));
            lead.Qualify(Leads.Rep, at, null);
            leads.Add(lead);
        }
        await SaveAsync(_db, [.. leads]);
    }

    [Fact]
    public async Task Weekly_trend_has_a_bucket_for_every_ISO_week_touching_the_period_each_starting_on_a_Monday()
    {
        await SeedTrendStoryAsync();

        var trend = await _queries.GetTrendAsync(November, ReportGrouping.Week);

        Assert.Equal(
            [
                new TrendPoint(new DateOnly(2026, 10, 26), 1, 0),   // Sunday Nov 1
                new TrendPoint(new DateOnly(2026, 11, 2), 2, 0),    // Monday Nov 2 and Sunday Nov 8
                new TrendPoint(new DateOnly(2026, 11, 9), 0, 1),    // Sunday Nov 15
                new TrendPoint(new DateOnly(2026, 11, 16), 0, 1),   // Monday Nov 16
                new TrendPoint(new DateOnly(2026, 11, 23), 0, 0),
                new TrendPoint(new DateOnly(2026, 11, 30), 1, 0),   // Monday Nov 30; Dec 1 is out
            ],
            trend);
        Assert.All(trend, p => Assert.Equal(DayOfWeek.Monday, p.Start.DayOfWeek));
    }

    [Fact]
    public async Task Monthly_trend_has_a_bucket_for_every_month_touching_the_period_each_starting_on_the_first()
    {
        await SeedTrendStoryAsync();

        var trend = await _queries.GetTrendAsync(new ReportPeriod(Utc(2026, 10, 15), Utc(2026, 12, 10)), ReportGrouping.Month);

        // The October promotions of the SQL leads (Oct 2) are before the period's start.
        Assert.Equal(
            [
                new TrendPoint(new DateOnly(2026, 10, 1), 0, 0),
                new TrendPoint(new DateOnly(2026, 11, 1), 4, 2),
                new TrendPoint(new DateOnly(2026, 12, 1), 1, 0),
            ],
            trend);
    }

    [Fact]
    public async Task A_period_starting_mid_day_counts_only_from_that_instant_in_its_first_bucket()
    {
        await SeedTrendStoryAsync();

        // From Sunday Nov 8 22:00 to Monday Nov 16 00:00: the Nov 8 23:00 promotion and the Nov 15 qualification.
        var trend = await _queries.GetTrendAsync(new ReportPeriod(Utc(2026, 11, 8, 22), Utc(2026, 11, 16)), ReportGrouping.Week);

        Assert.Equal([new TrendPoint(new DateOnly(2026, 11, 2), 1, 0), new TrendPoint(new DateOnly(2026, 11, 9), 0, 1)], trend);
    }

    [Fact]
    public async Task Buckets_run_across_the_year_end_weeks_by_ISO_Monday_and_months_by_the_first()
    {
        // Jan 1 2027 is a Friday: its ISO week starts on Monday Dec 28 2026.
        var newYear = new ReportPeriod(Utc(2027, 1, 1), Utc(2027, 1, 15));
        var winter = new ReportPeriod(Utc(2026, 12, 15), Utc(2027, 2, 1));

        Assert.Equal(
            [new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 11)],
            (await _queries.GetTrendAsync(newYear, ReportGrouping.Week)).Select(p => p.Start));
        Assert.Equal([new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1)], (await _queries.GetTrendAsync(winter, ReportGrouping.Month)).Select(p => p.Start));
    }

    [Theory]
    [InlineData("2026-11-02", ReportGrouping.Week, "2026-11-02")]   // a Monday is its own bucket
    [InlineData("2026-11-08", ReportGrouping.Week, "2026-11-02")]   // a Sunday belongs to the Monday before it
    [InlineData("2026-11-04", ReportGrouping.Week, "2026-11-02")]
    [InlineData("2027-01-01", ReportGrouping.Week, "2026-12-28")]
    [InlineData("2026-11-30", ReportGrouping.Month, "2026-11-01")]
    [InlineData("2026-11-01", ReportGrouping.Month, "2026-11-01")]
    [InlineData("2024-02-29", ReportGrouping.Month, "2024-02-01")]
    public void A_day_belongs_to_the_bucket_of_its_ISO_week_or_its_month(string day, ReportGrouping grouping, string bucket)
    {
        Assert.Equal(DateOnly.Parse(bucket), FunnelQueries.BucketOf(DateOnly.Parse(day), grouping));
    }
}

/// <summary>The percentile rule the velocity figures use: linear between the closest ranks (PERCENTILE.INC).</summary>
public sealed class PercentileTests
{
    [Fact]
    public void No_values_have_no_percentile()
    {
        Assert.Null(Percentile.Of([], 0.5));
        Assert.Null(Percentile.Of([], 0.75));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    [InlineData(1.0)]
    public void One_value_is_every_percentile(double p)
    {
        Assert.Equal(7.5, Percentile.Of([7.5], p));
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.5, 2.5)]          // even count: mean of the middle two
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.75, 3.25)]        // rank 2.25
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 0.5, 2.0)]               // odd count: the middle one
    [InlineData(new[] { 1.0, 2.0, 3.0 }, 0.75, 2.5)]              // rank 1.5
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }, 0.75, 4.0)]    // rank 3: exactly a value
    [InlineData(new[] { 2.0, 6.0 }, 0.75, 5.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.0, 1.0)]          // the smallest
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 1.0, 4.0)]          // the largest
    [InlineData(new[] { 3.0, 3.0, 3.0, 10.0 }, 0.5, 3.0)]         // ties
    public void Percentiles_interpolate_linearly_between_the_closest_ranks(double[] sorted, double p, double expected)
    {
        Assert.Equal(expected, Percentile.Of(sorted, p)!.Value, 12);
    }
}
