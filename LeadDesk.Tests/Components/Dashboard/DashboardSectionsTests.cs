using System.Text;
using Bunit;
using LeadDesk.App.Components.Pages.Dashboard;
using LeadDesk.Domain.Analytics;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Components.Dashboard;

/// <summary>Each dashboard section drawn from a report built by hand: its charts, its tables, "—" where a figure is undefined.</summary>
public sealed class DashboardSectionsTests : ComponentTestBase
{
    private static readonly ReportPeriod November = new(new DateTime(2026, 11, 1), new DateTime(2026, 12, 1));

    public DashboardSectionsTests() => Context.Services.AddScoped<CsvDownloads>();

    private static FunnelReport Funnel(params int[] counts) => new(November, FunnelReading.Cohort,
        FunnelQueries.FunnelStages.Select((stage, i) => new FunnelStep(stage, counts[i], i == 0 ? null : Rate.Of(counts[i], counts[i - 1]), Rate.Of(counts[i], counts[0]))).ToList(),
        counts[0] == 0 ? [] : [new StageFlow(LifecycleStage.Lead, LifecycleStage.MQL, counts[1]), new StageFlow(LifecycleStage.MQL, LifecycleStage.Nurture, 2), new StageFlow(LifecycleStage.Nurture, LifecycleStage.MQL, 1)]);

    private static string[] Cells(IRenderedComponent<FunnelSection> section, LifecycleStage stage) =>
        section.Find($"#funnel-table tr[data-stage='{stage}']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();

    [Fact]
    public void The_funnel_draws_bars_a_sankey_and_the_numbers_beside_them()
    {
        var section = Render<FunnelSection>(p => p.Add(s => s.Report, Funnel(200, 50, 20, 10, 5, 2)));

        Assert.NotNull(section.Find("#funnel-chart svg"));
        Assert.NotNull(section.Find("#funnel-sankey svg"));
        Assert.Equal(["Lead", "200", "—", "100.0%"], Cells(section, LifecycleStage.Lead));
        Assert.Equal(["MQL", "50", "25.0%", "25.0%"], Cells(section, LifecycleStage.MQL));
        Assert.Equal(["Won", "2", "40.0%", "1.0%"], Cells(section, LifecycleStage.Won));
        Assert.Equal(3, section.FindAll("#funnel-flows tbody tr").Count);
        // Nurture is both a way out and a way back in: the Sankey names the way back apart, so it has no loop.
        Assert.Contains("From nurture", section.Find("#funnel-sankey").TextContent);
    }

    [Fact]
    public void An_empty_funnel_shows_dashes_for_rates_and_says_nothing_moved()
    {
        var section = Render<FunnelSection>(p => p.Add(s => s.Report, Funnel(0, 0, 0, 0, 0, 0)));

        Assert.Equal(["MQL", "0", "—", "—"], Cells(section, LifecycleStage.MQL));
        Assert.NotNull(section.Find("#funnel-no-flows"));
        Assert.Empty(section.FindAll("#funnel-sankey"));
        Assert.DoesNotContain("NaN", section.Markup);
    }

    [Fact]
    public void Handoff_health_shows_its_figures_reasons_chart_and_rules()
    {
        var report = new HandoffHealthReport(November, 10, 6, 3, 6 / 9.0,
            [new ReasonCount(ReasonCode.NoBudget, 2), new ReasonCount(ReasonCode.BadTiming, 1)], 5.5,
            [new RuleReliance("student", "Student email", 2, 2 / 3.0, 0, 0)]);

        var section = Render<HandoffSection>(p => p.Add(s => s.Report, report));

        Assert.Equal("66.7%", section.Find("[data-stat='acceptance'] .stat-value").TextContent.Trim());
        Assert.Equal("5.5 h", section.Find("[data-stat='median'] .stat-value").TextContent.Trim());
        Assert.NotNull(section.Find("#handoff-reasons-chart svg"));
        Assert.Equal(["No budget", "2"], section.Find("#handoff-reasons tr[data-reason='NoBudget']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("66.7%", section.Find("#handoff-rules tr[data-rule='student']").TextContent);
    }

    [Fact]
    public void Handoff_health_of_a_quiet_period_shows_dashes_and_no_chart()
    {
        var section = Render<HandoffSection>(p => p.Add(s => s.Report, new HandoffHealthReport(November, 0, 0, 0, null, [], null, [])));

        Assert.Equal("—", section.Find("[data-stat='acceptance'] .stat-value").TextContent.Trim());
        Assert.Equal("—", section.Find("[data-stat='median'] .stat-value").TextContent.Trim());
        Assert.NotNull(section.Find("#handoff-no-rejections"));
        Assert.NotNull(section.Find("#handoff-no-rules"));
        Assert.Empty(section.FindAll("#handoff-reasons-chart"));
    }

    [Fact]
    public void Channels_show_costs_with_dashes_where_no_spend_or_nothing_reached_and_switch_to_campaigns()
    {
        IReadOnlyList<ChannelRow> channels = [new("Paid search", 100, 20, 4, 0, 2000m), new("Organic search", 50, 10, 2, 1, null)];
        IReadOnlyList<ChannelRow> campaigns = [new("spring-launch", 30, 6, 1, 0, null)];

        var section = Render<ChannelSection>(p => p.Add(s => s.Channels, channels).Add(s => s.Campaigns, campaigns));

        var paid = section.Find("#channel-table tr[data-key='Paid search']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["Paid search", "100", "20", "4", "0", "20.0%", "20.0%", "0.0%", "2,000.00", "20.00", "100.00", "500.00", "—"], paid);
        Assert.Equal("—", section.Find("#channel-table tr[data-key='Organic search'] td:nth-child(12)").TextContent.Trim());

        section.FindAll("#channels-grouping button").Single(b => b.TextContent.Contains("Campaign")).Click();

        Assert.NotNull(section.Find("#campaign-table tr[data-key='spring-launch']"));
        Assert.Empty(section.FindAll("#campaign-table [data-cost-per-sql]"));
    }

    [Fact]
    public void Velocity_shows_each_leg_and_the_trend_chart_with_its_numbers()
    {
        IReadOnlyList<VelocityFigure> velocity =
        [
            new(VelocityLeg.LeadToMql, 4, 30, 72), new(VelocityLeg.MqlToAccepted, 0, null, null),
            new(VelocityLeg.SalToSql, 1, 2, 2), new(VelocityLeg.SqlToWon, 0, null, null),
        ];
        IReadOnlyList<TrendPoint> trend = [new(new DateOnly(2026, 10, 26), 1, 0), new(new DateOnly(2026, 11, 2), 3, 1)];

        var section = Render<VelocitySection>(p => p.Add(s => s.Velocity, velocity).Add(s => s.Trend, trend).Add(s => s.Grouping, ReportGrouping.Week));

        Assert.Equal(["Lead → MQL", "4", "30.0 h", "3.0 d"], section.Find("#velocity-table tr[data-leg='LeadToMql']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal(["MQL → accepted", "0", "—", "—"], section.Find("#velocity-table tr[data-leg='MqlToAccepted']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.NotNull(section.Find("#trend-chart svg"));
        Assert.Equal(["2 Nov", "3", "1"], section.Find("#trend-table tr[data-start='2026-11-02']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void Per_rep_rows_and_the_empty_own_row_message()
    {
        IReadOnlyList<RepRow> reps = [new("rep-1", "Sam Sales", 5, 3, 1, 0.75, 2, 1, 50)];

        var team = Render<RepSection>(p => p.Add(s => s.Reps, reps));
        Assert.Equal(["Sam Sales", "5", "3", "1", "75.0%", "2", "1", "2.1 d"], team.Find("#rep-table tr[data-rep='rep-1']").QuerySelectorAll("td").Select(td => td.TextContent.Trim()));

        var own = Render<RepSection>(p => p.Add(s => s.Reps, []).Add(s => s.OwnRowOnly, true));
        Assert.Contains("You received and answered no handoff", own.Find("#reps-empty").TextContent);
    }

    [Fact]
    public void Export_hands_the_table_to_the_browser_as_csv()
    {
        IReadOnlyList<RepRow> reps = [new("rep-1", "Sam Sales", 5, 3, 1, 0.75, 2, 1, null)];
        var section = Render<RepSection>(p => p.Add(s => s.Reps, reps));

        section.Find("button[data-export='reps.csv']").Click();

        var call = Assert.Single(Context.JSInterop.Invocations["leadDesk.downloadFile"]);
        Assert.Equal("reps.csv", call.Arguments[0]);
        Assert.Equal("text/csv", call.Arguments[1]);
    }

    [Fact]
    public void Csv_is_rfc_4180_with_invariant_numbers_and_empty_fields_for_undefined_figures()
    {
        var table = new CsvTable("x.csv", ["Rep", "Acceptance", "Median hours"], [["Sam \"The\" Sales, Jr.", Figures.CsvRate(0.75), Figures.CsvNumber(null)]]);

        var text = Encoding.UTF8.GetString(table.ToBytes()).TrimStart('\uFEFF');

        Assert.Equal("Rep,Acceptance,Median hours\r\n\"Sam \"\"The\"\" Sales, Jr.\",0.75,\r\n", text);
    }
}
