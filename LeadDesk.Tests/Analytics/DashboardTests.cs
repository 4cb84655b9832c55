using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Sla;
using Microsoft.Extensions.Time.Testing;
using static LeadDesk.Tests.Analytics.AnalyticsHistory;

namespace LeadDesk.Tests.Analytics;

/// <summary>The dashboard's entry point: who sees which sections, and that every section comes from the same period.</summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Dashboard _dashboard = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Leads.Now)));
        _dashboard = new Dashboard(new FunnelQueries(_db.Contexts), new HandoffHealth(_db.Contexts), new ChannelReport(_db.Contexts), new RepFigures(_db.Contexts),
            new SlaCompliance(_db.Contexts, TeamTimeZone.Utc));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Marketing)]
    public async Task Managers_and_marketing_read_every_section(string role)
    {
        await SeedHandoffStoryAsync(_db);

        var report = await _dashboard.GetAsync(CallerOf(Manager, role), new DashboardRequest(November));

        Assert.True(report.ShowsTeam);
        Assert.Equal(5, report.Handoff!.Handoffs);
        Assert.Equal(FunnelQueries.FunnelStages, report.Funnel!.Steps.Select(s => s.Stage));
        Assert.Equal(4, report.Velocity!.Count);
        Assert.Equal(6, report.Trend!.Count);          // weeks starting Monday Oct 26, Nov 2, 9, 16, 23, 30
        Assert.Empty(report.Channels!);                 // the story's leads were all created in October
        Assert.Equal(2, report.Reps.Count);
    }

    [Fact]
    public async Task A_sales_rep_reads_only_their_own_row()
    {
        await SeedHandoffStoryAsync(_db);

        var report = await _dashboard.GetAsync(CallerOf(Leads.Rep, Roles.Sales), new DashboardRequest(November));

        Assert.False(report.ShowsTeam);
        Assert.Null(report.Funnel);
        Assert.Null(report.Handoff);
        Assert.Null(report.Channels);
        Assert.Equal([Leads.Rep.UserId], report.Reps.Select(r => r.RepId));
    }

    [Fact]
    public async Task Someone_without_a_role_is_refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _dashboard.GetAsync(CallerOf(Manager), new DashboardRequest(November)));
    }
}
