using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;
using Microsoft.Extensions.Time.Testing;
using static LeadDesk.Tests.Analytics.AnalyticsHistory;

namespace LeadDesk.Tests.Analytics;

/// <summary>Leads, MQLs, SQLs and won per channel and campaign, read as cohorts, with costs from the prorated spend.</summary>
public sealed class ChannelReportTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private ChannelReport _report = null!;
    private SpendService _spend = null!;
    private static readonly Caller TheManager = CallerOf(Manager, Roles.Manager);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Leads.Now)));
        _report = new ChannelReport(_db.Contexts);
        _spend = new SpendService(_db.Contexts, _db.Clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>
    /// Paid search: 4 leads created in November (won, SQL, MQL with a pending handoff, untouched) and one created on
    /// Oct 31 that was won in November (outside the cohort). Events: one untouched lead. No source: one MQL.
    /// Campaigns: bf = won + SQL, spring = the paid MQL + the events lead, none = the untouched paid lead + the no-source MQL.
    /// </summary>
    private async Task SeedAsync()
    {
        await SaveAsync(_db,
            Journeys.MoveTo(NewLead("p1", Utc(2026, 11, 2), "Paid search", "bf"), LifecycleStage.Won),
            Journeys.MoveTo(NewLead("p2", Utc(2026, 11, 3), "Paid search", "bf"), LifecycleStage.SQL),
            Journeys.MoveTo(NewLead("p3", Utc(2026, 11, 4), "Paid search", "spring"), LifecycleStage.MQL, pendingHandoff: true),
            NewLead("p4", Utc(2026, 11, 5), "Paid search"),
            Journeys.MoveTo(NewLead("p5", Utc(2026, 10, 31, 23), "Paid search", "bf"), LifecycleStage.Won),
            NewLead("e1", Utc(2026, 11, 10), "Events", "spring"),
            Journeys.MoveTo(NewLead("n1", Utc(2026, 11, 11), source: null), LifecycleStage.MQL));
    }

    [Fact]
    public async Task Channel_rows_count_the_cohort_created_in_the_period_and_what_it_reached_by_now()
    {
        await SeedAsync();

        var rows = await _report.GetByChannelAsync(November);

        Assert.Equal(
            [new ChannelRow("Paid search", 4, 3, 2, 1, null), new ChannelRow("Events", 1, 0, 0, 0, null), new ChannelRow(null, 1, 1, 0, 0, null)],
            rows);
        var paid = rows[0];
        Assert.Equal((0.75, 2.0 / 3, 0.5, 0.25), (paid.LeadToMql!.Value, paid.MqlToSql!.Value, paid.SqlToWon!.Value, paid.LeadToWon!.Value));
        Assert.Null(rows[1].MqlToSql);   // no MQLs: undefined, not zero
    }

    [Fact]
    public async Task Costs_divide_the_channels_spend_by_each_count()
    {
        await SeedAsync();
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 11, 1), 3000m);
        await _spend.SetAsync(TheManager, "Events", new DateOnly(2026, 11, 1), 100m);

        var rows = await _report.GetByChannelAsync(November);

        var paid = rows.Single(r => r.Key == "Paid search");
        Assert.Equal((3000m, 750m, 1000m, 1500m, 3000m), (paid.Spend, paid.CostPerLead, paid.CostPerMql, paid.CostPerSql, paid.CostPerWon));
        var events = rows.Single(r => r.Key == "Events");
        Assert.Equal(100m, events.CostPerLead);
        Assert.Null(events.CostPerMql);   // spend ÷ 0 MQLs
        Assert.Null(events.CostPerWon);
    }

    [Fact]
    public async Task A_channel_without_spend_has_no_costs()
    {
        await SeedAsync();

        var paid = (await _report.GetByChannelAsync(November)).Single(r => r.Key == "Paid search");

        Assert.Null(paid.Spend);
        Assert.Null(paid.CostPerLead);
        Assert.Null(paid.CostPerMql);
    }

    [Fact]
    public async Task A_channel_with_spend_but_no_leads_shows_its_spend_and_no_costs()
    {
        await SeedAsync();
        await _spend.SetAsync(TheManager, "Webinars", new DateOnly(2026, 11, 1), 600m);

        var webinars = (await _report.GetByChannelAsync(November)).Last();

        Assert.Equal(new ChannelRow("Webinars", 0, 0, 0, 0, 600m), webinars);
        Assert.Null(webinars.CostPerLead);
        Assert.Null(webinars.LeadToMql);
    }

    [Fact]
    public async Task Spend_is_prorated_by_the_days_of_each_month_the_period_covers()
    {
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 11, 1), 3000m);
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 12, 1), 3100m);
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2027, 1, 1), 9999m);
        await _spend.SetAsync(TheManager, "Webinars", new DateOnly(2026, 11, 1), 600m);
        await SaveAsync(_db, NewLead("p1", Utc(2026, 11, 20), "Paid search"), NewLead("p2", Utc(2026, 12, 10), "Paid search"));

        // [Nov 16, Dec 16): 15 of November's 30 days and 15 of December's 31 days.
        var rows = await _report.GetByChannelAsync(new ReportPeriod(Utc(2026, 11, 16), Utc(2026, 12, 16)));

        var paid = rows.Single(r => r.Key == "Paid search");
        Assert.Equal(1500m + 1500m, paid.Spend);
        Assert.Equal(1500m, paid.CostPerLead);
        Assert.Equal(300m, rows.Single(r => r.Key == "Webinars").Spend);
    }

    [Fact]
    public async Task A_partial_day_prorates_and_rounds_to_cents()
    {
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 11, 1), 1000m);

        // One day of thirty.
        var rows = await _report.GetByChannelAsync(new ReportPeriod(Utc(2026, 11, 5), Utc(2026, 11, 6)));

        Assert.Equal(33.33m, Assert.Single(rows).Spend);
    }

    [Fact]
    public async Task Campaign_rows_group_the_same_cohort_by_utm_campaign_without_spend()
    {
        await SeedAsync();
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 11, 1), 3000m);

        var rows = await _report.GetByCampaignAsync(November);

        Assert.Equal(
            [new ChannelRow("bf", 2, 2, 2, 1, null), new ChannelRow("spring", 2, 1, 0, 0, null), new ChannelRow(null, 2, 1, 0, 0, null)],
            rows);
        Assert.All(rows, r => Assert.Null(r.CostPerLead));
    }

    [Fact]
    public async Task An_empty_period_has_no_rows()
    {
        await SeedAsync();

        Assert.Empty(await _report.GetByChannelAsync(new ReportPeriod(Utc(2026, 9, 1), Utc(2026, 10, 1))));
        Assert.Empty(await _report.GetByCampaignAsync(new ReportPeriod(Utc(2026, 9, 1), Utc(2026, 10, 1))));
    }
}
