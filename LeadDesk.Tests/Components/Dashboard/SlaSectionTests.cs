using System.Security.Claims;
using System.Text;
using Bunit;
using LeadDesk.App.Components.Pages.Dashboard;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static LeadDesk.Tests.Analytics.AnalyticsHistory;
using DashboardService = LeadDesk.Domain.Analytics.Dashboard;

namespace LeadDesk.Tests.Components.Dashboard;

/// <summary>The dashboard's SLA compliance: the section from hand-built reports, its CSV, and the page on a real database.</summary>
public sealed class SlaSectionTests : ComponentTestBase
{
    private static readonly SlaTerms Terms = SlaTerms.Default with { SalesAnswerHours = 5 };

    private static readonly SlaComplianceReport Team = new(Terms, new SlaTally(5, 2), new SlaTally(0, 0),
        [new SlaRepRow("rep-1", "Sam Sales", new SlaTally(4, 2)), new SlaRepRow("rep-2", "Sofia Sales", new SlaTally(1, 0))]);

    private TestDatabase? _database;

    public SlaSectionTests()
    {
        Context.Services.AddScoped<CsvDownloads>();
        Context.Services.AddSingleton(TeamTimeZone.Utc);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    private static string[] Cells(IRenderedComponent<SlaSection> section, string repId) =>
        section.Find($"#sla-rep-table tr[data-rep='{repId}']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();

    /// <summary>The CSV an export of the section would hand to the browser.</summary>
    private static string Csv(IRenderedComponent<SlaSection> section, string fileName)
    {
        var export = Assert.Single(section.FindComponent<SectionCard>().Instance.Exports!, e => e.FileName == fileName);
        return Encoding.UTF8.GetString(export.Table().ToBytes()).TrimStart('\uFEFF');
    }

    [Fact]
    public void The_team_sees_both_sides_and_every_rep_with_dashes_where_nothing_was_finished()
    {
        var section = Render<SlaSection>(p => p.Add(s => s.Report, Team));

        Assert.Equal("40.0%", section.Find("[data-stat='sla-handoffs'] .stat-value").TextContent.Trim());
        Assert.Contains("2 of 5", section.Find("[data-stat='sla-handoffs']").TextContent);
        Assert.Equal("3", section.Find("[data-stat='sla-handoffs-late'] .stat-value").TextContent.Trim());
        Assert.Equal("—", section.Find("[data-stat='sla-reviews'] .stat-value").TextContent.Trim());
        Assert.Equal(["Sam Sales", "4", "2", "2", "50.0%"], Cells(section, "rep-1"));
        Assert.Equal(["Sofia Sales", "1", "0", "1", "0.0%"], Cells(section, "rep-2"));
        Assert.Contains("Against the SLA now: sales 5 h, marketing 8 h, in business hours (Mon–Fri 09:00–18:00, UTC).", section.Find("#section-sla").TextContent);
        Assert.DoesNotContain("NaN", section.Markup);
    }

    [Fact]
    public void The_summary_exports_both_sides_with_an_empty_field_for_an_undefined_share()
    {
        var section = Render<SlaSection>(p => p.Add(s => s.Report, Team));

        Assert.Equal(["sla-summary.csv", "sla-reps.csv"], section.FindComponent<SectionCard>().Instance.Exports!.Select(e => e.FileName));
        Assert.Equal("Side,SLA (business hours),Answered or reviewed,Within the SLA,Late,% within\r\n"
                     + "Sales: handoffs answered,5,5,2,3,0.4\r\n"
                     + "Marketing: new MQLs reviewed,8,0,0,0,\r\n", Csv(section, "sla-summary.csv"));
    }

    [Fact]
    public void A_rep_sees_only_their_own_row_and_can_export_it()
    {
        var own = new SlaComplianceReport(Terms, null, null, [new SlaRepRow("rep-2", "Sofia Sales", new SlaTally(1, 0))]);

        var section = Render<SlaSection>(p => p.Add(s => s.Report, own).Add(s => s.OwnRowOnly, true));

        Assert.Empty(section.FindAll("[data-stat]"));
        Assert.Equal(["Sofia Sales", "1", "0", "1", "0.0%"], Cells(section, "rep-2"));
        Assert.Equal("Rep,Answered,Within the SLA,Late,% within\r\nSofia Sales,1,0,1,0\r\n", Csv(section, "sla-reps.csv"));
        section.Find("button[data-export='sla-reps.csv']").Click();
        Assert.Equal("sla-reps.csv", Assert.Single(Context.JSInterop.Invocations["leadDesk.downloadFile"]).Arguments[0]);
    }

    [Theory]
    [InlineData(WeekDays.Monday | WeekDays.Wednesday | WeekDays.Thursday | WeekDays.Friday | WeekDays.Saturday, "Mon, Wed–Sat 08:30–24:00")]
    [InlineData(WeekDays.Saturday | WeekDays.Sunday, "Sat, Sun 08:30–24:00")]
    [InlineData(WeekDays.Every, "Mon–Sun 08:30–24:00")]
    public void Business_days_in_a_row_are_said_as_a_range(WeekDays days, string expected)
    {
        var terms = SlaTerms.Default with { BusinessDays = days, DayStart = TimeSpan.FromHours(8.5), DayEnd = TimeSpan.FromDays(1) };

        var section = Render<SlaSection>(p => p.Add(s => s.Report, Team with { Terms = terms }));

        Assert.Contains($"({expected}, UTC)", section.Find("#section-sla").TextContent);
    }

    [Fact]
    public void A_rep_who_answered_nothing_is_told_so()
    {
        var section = Render<SlaSection>(p => p.Add(s => s.Report, new SlaComplianceReport(Terms, null, null, [])).Add(s => s.OwnRowOnly, true));

        Assert.Contains("You answered no handoff in this period.", section.Find("#sla-reps-empty").TextContent);
    }

    [Theory]
    [InlineData(Roles.Manager, new[] { "rep-1", "rep-2" }, true)]
    [InlineData(Roles.Sales, new[] { "rep-1" }, false)]
    public async Task The_dashboard_shows_the_SLA_section_the_caller_may_see(string role, string[] reps, bool team)
    {
        _database = await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Leads.Now)));
        await SeedHandoffStoryAsync(_database);
        Context.Services.AddDomainServices(_database);
        Context.Services.AddSingleton<FunnelQueries>();
        Context.Services.AddSingleton<HandoffHealth>();
        Context.Services.AddSingleton<ChannelReport>();
        Context.Services.AddSingleton<RepFigures>();
        Context.Services.AddSingleton<DashboardService>();
        Context.Services.AddScoped<CallerAccessor>();
        var person = role == Roles.Manager ? Manager : Leads.Rep;
        Context.AddAuthorization().SetAuthorized(person.UserId).SetRoles(role)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, person.UserId), new Claim(LeadDeskClaims.DisplayName, person.Name));

        var page = Render<DashboardPage>();
        page.WaitForElement("#section-sla");

        Assert.Equal(reps, page.FindAll("#sla-rep-table tbody tr").Select(tr => tr.GetAttribute("data-rep")));
        Assert.Equal(team, page.FindAll("[data-stat='sla-handoffs']").Count == 1);
    }
}
