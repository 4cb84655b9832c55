using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Sla;
using Microsoft.Extensions.Time.Testing;
using static LeadDesk.Tests.Analytics.AnalyticsHistory;

namespace LeadDesk.Tests.Analytics;

/// <summary>
/// SLA compliance on hand-built histories, counted in business hours (Mon–Fri 09:00–18:00 UTC). November 2, 2026 is a
/// Monday; so are the 9th, 16th, 23rd and 30th.
/// </summary>
public sealed class SlaComplianceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _db = null!;
    private SlaCompliance _compliance = null!;
    private SlaService _sla = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(_clock);
        _compliance = new SlaCompliance(_db.Contexts, TeamTimeZone.Utc);
        _sla = new SlaService(_db.Contexts, _clock, TeamTimeZone.Utc);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static readonly Caller ManagerCaller = CallerOf(Manager, Roles.Manager);

    private Task SetSalesHoursAsync(int hours) => _sla.SaveAsync(ManagerCaller, SlaTerms.Default with { SalesAnswerHours = hours });

    [Fact]
    public async Task Handoffs_answered_in_the_period_within_the_sales_SLA_per_rep_and_overall()
    {
        await SeedHandoffStoryAsync(_db);
        // Answers after 2 (title), 8 (late: Friday 10:00 to Sunday), 4 (student), 6 (student2) and 8 (reassigned) business hours.
        await SetSalesHoursAsync(5);

        var report = await _compliance.GetAsync(ManagerCaller, November);

        Assert.Equal(new SlaTally(5, 2), report.Handoffs);
        Assert.Equal(0.4, report.Handoffs!.Rate);
        Assert.Equal(3, report.Handoffs.Late);
        Assert.Equal([new SlaRepRow("rep-1", "Sam Sales", new SlaTally(4, 2)), new SlaRepRow("rep-2", "Sofia Sales", new SlaTally(1, 0))], report.Reps);
        Assert.Equal(5, report.Terms.SalesAnswerHours);
    }

    [Fact]
    public async Task A_Friday_evening_handoff_answered_first_thing_on_Monday_is_within_a_two_hour_SLA()
    {
        var lead = HandedOff(NewLead("weekend", Utc(2026, 10, 1)), Utc(2026, 11, 6, 17));
        lead.Accept(Leads.Rep, Utc(2026, 11, 9, 9).AddMinutes(59), null);   // 1 h on Friday + 59 min on Monday
        var slow = HandedOff(NewLead("slow", Utc(2026, 10, 1)), Utc(2026, 11, 10, 9));
        slow.Accept(Leads.Rep, Utc(2026, 11, 10, 11).AddMinutes(1), null);
        await SaveAsync(_db, lead, slow);
        await SetSalesHoursAsync(2);

        var report = await _compliance.GetAsync(ManagerCaller, November);

        Assert.Equal(new SlaTally(2, 1), report.Handoffs);
    }

    [Fact]
    public async Task MQLs_reviewed_within_the_marketing_SLA_count_from_the_entry_into_MQL_to_the_first_review()
    {
        var created = Utc(2026, 10, 1);
        // A: promoted Friday 17:00, handed off Monday 10:00: 2 business hours, within 8 (65 hours on the wall clock).
        var a = NewLead("a", created);
        a.Promote(Leads.Marketer, Utc(2026, 11, 6, 17), "Fit");
        a.HandOff(Leads.Marketer, Leads.Rep, Utc(2026, 11, 9, 10), null);
        // B: returned to nurture after 9 + 3 = 12: late.
        var b = NewLead("b", created);
        b.Promote(Leads.Marketer, Utc(2026, 11, 9, 9), "Fit");
        b.Recycle(Leads.Marketer, Utc(2026, 11, 10, 12), ReasonCode.BadTiming, null);
        // C: disqualified after 7: within.
        var c = NewLead("c", created);
        c.Promote(Leads.Marketer, Utc(2026, 11, 10, 10), "Fit");
        c.Disqualify(Leads.Marketer, Utc(2026, 11, 10, 17), ReasonCode.Spam, null);
        // D: an October MQL reviewed in November after 8 + 3 = 11: late, and counted in November.
        var d = NewLead("d", created);
        d.Promote(Leads.Marketer, Utc(2026, 10, 30, 10), "Fit");
        d.HandOff(Leads.Marketer, Leads.Rep, Utc(2026, 11, 2, 12), null);
        // E: still waiting: not counted.
        var e = NewLead("e", created);
        e.Promote(Leads.Marketer, Utc(2026, 11, 27, 10), "Fit");
        // F: reviewed within 1, rejected by sales, promoted again and reviewed after 9 + 6 = 15: one within, one late.
        var f = NewLead("f", created);
        f.Promote(Leads.Marketer, Utc(2026, 11, 12, 10), "Fit");
        f.HandOff(Leads.Marketer, Leads.Rep, Utc(2026, 11, 12, 11), null);
        f.Reject(Leads.Rep, Utc(2026, 11, 13, 10), ReasonCode.BadTiming, null, disqualify: false);
        f.Promote(Leads.Marketer, Utc(2026, 11, 16, 9), "Back");
        f.HandOff(Leads.Marketer, Leads.Rep, Utc(2026, 11, 17, 15), null);
        // G: handed off within 1; disqualifying it later, handoff pending, is not a second review.
        var g = NewLead("g", created);
        g.Promote(Leads.Marketer, Utc(2026, 11, 18, 10), "Fit");
        g.HandOff(Leads.Marketer, Leads.Rep, Utc(2026, 11, 18, 11), null);
        g.Disqualify(Leads.Marketer, Utc(2026, 11, 19, 10), ReasonCode.Spam, null);
        // H: imported as an MQL on Friday 10:00, handed off Monday 10:00: 8 + 1 = 9, late.
        var h = Lead.Import(Leads.Profile("h@acme.com"), created, LifecycleStage.MQL, Leads.Marketer, Utc(2026, 11, 20, 10), "Import: crm.csv");
        h.HandOff(Leads.Marketer, Leads.Rep, Utc(2026, 11, 23, 10), null);
        await SaveAsync(_db, a, b, c, d, e, f, g, h);

        var report = await _compliance.GetAsync(ManagerCaller, November);

        Assert.Equal(new SlaTally(8, 4), report.MqlReviews);
        Assert.Equal(0.5, report.MqlReviews!.Rate);
    }

    [Fact]
    public async Task A_sales_rep_gets_only_their_own_row_and_no_team_figures()
    {
        await SeedHandoffStoryAsync(_db);
        await SetSalesHoursAsync(5);

        var report = await _compliance.GetAsync(CallerOf(Leads.OtherRep, Roles.Sales), November);

        Assert.Null(report.Handoffs);
        Assert.Null(report.MqlReviews);
        Assert.Equal([new SlaRepRow("rep-2", "Sofia Sales", new SlaTally(1, 0))], report.Reps);
    }

    [Fact]
    public async Task A_period_without_answers_or_reviews_has_undefined_rates_not_zero()
    {
        await SeedHandoffStoryAsync(_db);

        var report = await _compliance.GetAsync(ManagerCaller, new ReportPeriod(Utc(2026, 9, 1), Utc(2026, 10, 1)));

        Assert.Equal(new SlaTally(0, 0), report.Handoffs);
        Assert.Null(report.Handoffs!.Rate);
        Assert.Null(report.MqlReviews!.Rate);
        Assert.Empty(report.Reps);
    }

    [Fact]
    public async Task The_dashboard_carries_the_compliance_the_caller_may_see()
    {
        await SeedHandoffStoryAsync(_db);
        var dashboard = new Dashboard(new FunnelQueries(_db.Contexts), new HandoffHealth(_db.Contexts), new ChannelReport(_db.Contexts),
            new RepFigures(_db.Contexts), _compliance);

        var managers = await dashboard.GetAsync(ManagerCaller, new DashboardRequest(November));
        var sams = await dashboard.GetAsync(CallerOf(Leads.Rep, Roles.Sales), new DashboardRequest(November));

        Assert.Equal(new SlaTally(5, 5), managers.Sla!.Handoffs);
        Assert.Equal(2, managers.Sla.Reps.Count);
        Assert.Null(sams.Sla!.Handoffs);
        Assert.Equal(["rep-1"], sams.Sla.Reps.Select(r => r.RepId));
    }
}
