using System.Text;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

public sealed class DashboardJourneyTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_manager_reads_the_dashboard_switches_period_and_grouping_and_exports_a_csv()
    {
        await SignInAsync("manager@leaddesk.demo");
        await Page.GotoAsync("/dashboard");
        await new Pages.AppShell(Page).WaitUntilInteractiveAsync();
        var report = Page.Locator("#dashboard-report");
        await Expect(report).ToBeVisibleAsync();
        foreach (var section in new[] { "#section-funnel", "#section-handoff", "#section-channels", "#section-velocity", "#section-reps" })
            await Expect(Page.Locator(section)).ToBeVisibleAsync();
        await Expect(Page.Locator("#funnel-chart svg")).ToBeVisibleAsync();
        await Expect(Page.Locator("#funnel-sankey svg")).ToBeVisibleAsync();
        await Expect(Page.Locator("#trend-chart svg")).ToBeVisibleAsync();
        var thirtyDays = await Page.Locator("#trend-table tbody tr").CountAsync();
        await ScreenshotAsync("last-30-days");

        await Page.Locator(".mud-select:has(#period-preset) .mud-input-control").ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").GetByText("Last 90 days", new() { Exact = true }).ClickAsync();
        await Page.WaitForFunctionAsync("n => document.querySelectorAll('#trend-table tbody tr').length > n", thirtyDays);
        await Expect(Page.Locator("#period-shown")).ToContainTextAsync("(UTC)");

        await Page.Locator("#grouping button", new() { HasText = "Month" }).ClickAsync();
        await Expect(report).ToHaveAttributeAsync("data-grouping", "Month");
        Assert.InRange(await Page.Locator("#trend-table tbody tr").CountAsync(), 3, 4);   // 90 days touch 3 or 4 months
        await ScreenshotAsync("last-90-days-by-month");

        await Page.Locator("#section-channels-export").ClickAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() =>
            Page.Locator(".mud-popover-open [data-export='channels.csv']").ClickAsync());
        Assert.Equal("channels.csv", download.SuggestedFilename);
        var lines = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Channel,Leads,MQLs,SQLs,Won,", lines[0]);
        var rows = await Page.Locator("#channel-table tbody tr").CountAsync();
        Assert.Equal(rows, lines.Length - 1);
        Assert.Contains(lines.Skip(1), line => line.StartsWith("Paid search,"));
    }

    [Fact]
    public async Task A_sales_rep_sees_only_their_own_figures()
    {
        await SignInAsync("sales@leaddesk.demo");
        await Page.GotoAsync("/dashboard");
        await new Pages.AppShell(Page).WaitUntilInteractiveAsync();

        await Expect(Page.Locator("#dashboard-own-only")).ToBeVisibleAsync();
        await Expect(Page.Locator("#section-funnel")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#section-reps")).ToBeVisibleAsync();
        Assert.True(await Page.Locator("#rep-table tbody tr").CountAsync() <= 1);
        await ScreenshotAsync();
    }
}
