using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;
using Microsoft.Extensions.Time.Testing;
using static LeadDesk.Tests.Analytics.AnalyticsHistory;

namespace LeadDesk.Tests.Analytics;

/// <summary>Per-rep figures and who may see which rows, on the hand-built November of <see cref="AnalyticsHistory"/>.</summary>
public sealed class RepFiguresTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private RepFigures _figures = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Leads.Now)));
        _figures = new RepFigures(_db.Contexts);
        await SeedHandoffStoryAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static readonly RepRow SamRow = new("rep-1", "Sam Sales", HandoffsReceived: 5, Accepted: 2, Rejected: 2, AcceptanceRate: 0.5,
        Qualified: 1, Won: 1, MedianHoursToDecide: 5.0);   // answers after 2, 4, 6 and 48 hours

    private static readonly RepRow SofiaRow = new("rep-2", "Sofia Sales", HandoffsReceived: 1, Accepted: 0, Rejected: 1, AcceptanceRate: 0.0,
        Qualified: 0, Won: 0, MedianHoursToDecide: 10.0);  // received by reassignment; the clock ran from the first handoff

    [Fact]
    public async Task A_manager_sees_one_row_per_rep_counted_from_the_periods_decisions()
    {
        var rows = await _figures.GetPerRepAsync(CallerOf(Manager, Roles.Manager), November);

        Assert.Equal([SamRow, SofiaRow], rows);
    }

    [Fact]
    public async Task Marketing_sees_every_rep_too()
    {
        var rows = await _figures.GetPerRepAsync(CallerOf(Leads.Marketer, Roles.Marketing), November);

        Assert.Equal(["rep-1", "rep-2"], rows.Select(r => r.RepId));
    }

    [Fact]
    public async Task A_sales_rep_sees_only_their_own_row()
    {
        Assert.Equal([SamRow], await _figures.GetPerRepAsync(CallerOf(Leads.Rep, Roles.Sales), November));
        Assert.Equal([SofiaRow], await _figures.GetPerRepAsync(CallerOf(Leads.OtherRep, Roles.Sales), November));
    }

    [Fact]
    public async Task A_sales_rep_who_is_also_a_manager_sees_every_row()
    {
        var rows = await _figures.GetPerRepAsync(CallerOf(Leads.Rep, Roles.Sales, Roles.Manager), November);

        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task A_rep_with_nothing_in_the_period_gets_no_rows()
    {
        var idle = new Actor("rep-3", "Ivo Idle");

        Assert.Empty(await _figures.GetPerRepAsync(CallerOf(idle, Roles.Sales), November));
    }

    [Fact]
    public async Task A_caller_without_a_role_is_refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _figures.GetPerRepAsync(CallerOf(new Actor("x", "Nobody")), November));
    }

    [Fact]
    public async Task October_counts_only_octobers_decisions()
    {
        var rows = await _figures.GetPerRepAsync(CallerOf(Manager, Roles.Manager), new ReportPeriod(Utc(2026, 10, 1), Utc(2026, 11, 1)));

        // The "late" and "october" handoffs; the "october" rejection after 24 hours.
        Assert.Equal([new RepRow("rep-1", "Sam Sales", 2, 0, 1, 0.0, 0, 0, 24.0)], rows);
    }
}
