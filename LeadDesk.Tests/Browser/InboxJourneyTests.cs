using System.Text.RegularExpressions;
using LeadDesk.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

public sealed class InboxJourneyTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_marketer_filters_the_inbox_opens_a_lead_and_reads_why_it_scored_what_it_did()
    {
        await SignInAsync("marketing@leaddesk.demo");
        var inbox = new InboxPage(Page);
        await inbox.OpenAsync();
        await Expect(inbox.Count).ToHaveTextAsync(new Regex(@"^2,000 leads$"));
        await ScreenshotAsync("inbox");

        await inbox.FilterByStageAsync("MQL");

        await Expect(inbox.Count).Not.ToHaveTextAsync("2,000 leads");
        await Expect(inbox.StageChips.First).ToHaveAttributeAsync("data-stage", "MQL");
        var stages = await inbox.StageChips.EvaluateAllAsync<string[]>("chips => chips.map(c => c.dataset.stage)");
        Assert.All(stages, stage => Assert.Equal("MQL", stage));
        await ScreenshotAsync("mql-only");

        var name = (await inbox.LeadLinks.First.TextContentAsync())!.Trim();
        await inbox.LeadLinks.First.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/leads/\d+$"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync(name);
        var explanation = Page.Locator("#score-explanation");
        await Expect(explanation.Locator("tr[data-rule]").First).ToBeVisibleAsync();
        var points = await explanation.Locator("tr[data-rule] td:last-child").AllTextContentsAsync();
        var total = int.Parse((await Page.Locator("#score-total").TextContentAsync())!.Trim());
        Assert.Equal(total, points.Sum(p => int.Parse(p.Trim().TrimStart('+'))));
        await Expect(Page.Locator("#decision-timeline")).ToContainTextAsync("Promoted to MQL");
        await ScreenshotAsync("lead");
    }

    [Fact]
    public async Task Searching_by_the_start_of_a_company_name_narrows_the_inbox()
    {
        await SignInAsync("sales@leaddesk.demo");
        var inbox = new InboxPage(Page);
        await inbox.OpenAsync();
        var company = (await Page.Locator("#inbox-grid tbody tr").First.Locator("td").Nth(1).Locator("p").First.TextContentAsync())!.Trim();

        await inbox.Search.FillAsync(company);

        await Expect(inbox.Count).Not.ToHaveTextAsync("2,000 leads");
        var companies = await Page.Locator("#inbox-grid tbody tr td:nth-child(2) p:first-child").AllTextContentsAsync();
        Assert.NotEmpty(companies);
        Assert.All(companies, c => Assert.StartsWith(company, c.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("marketing@leaddesk.demo")]
    [InlineData("sales@leaddesk.demo")]
    public async Task A_user_who_is_not_a_manager_is_refused_the_user_administration(string email)
    {
        await SignInAsync(email);

        await Page.GotoAsync("/admin/users");

        await Expect(Page.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(Page.Locator("table")).ToHaveCountAsync(0);
        await ScreenshotAsync(email.Split('@')[0]);
    }
}
