using System.Text;
using System.Text.RegularExpressions;
using LeadDesk.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

public sealed class InboxExportJourneyTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_marketer_exports_every_lead_of_a_filtered_inbox_not_just_the_page()
    {
        await SignInAsync("marketing@leaddesk.demo");
        var inbox = new InboxPage(Page);
        await inbox.OpenAsync();
        await inbox.FilterByStageAsync("Nurture");
        await Expect(inbox.Count).Not.ToHaveTextAsync("2,000 leads");
        var count = int.Parse(Regex.Match((await inbox.Count.TextContentAsync())!, @"[\d,]+").Value.Replace(",", ""));
        Assert.True(count > 25, "more leads than one page holds");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#inbox-export").ClickAsync());

        var lines = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["Id", "First Name", "Last Name", "Email"], header[..4]);
        Assert.Equal(count, lines.Length - 1);
        Assert.Contains("Lifecycle Stage", header);
        Assert.All(lines.Skip(1), line => Assert.Contains(",Nurture,", line));   // the stage column, between profile and status
    }

    [Fact]
    public async Task The_export_refuses_unknown_filters_and_visitors_who_are_not_signed_in()
    {
        var anonymous = await Page.APIRequest.GetAsync("/inbox/export.csv", new() { MaxRedirects = 0 });
        Assert.Equal(302, anonymous.Status);
        Assert.Contains("/Account/Login", anonymous.Headers["location"]);

        await SignInAsync("sales@leaddesk.demo");
        var bad = await Page.APIRequest.GetAsync("/inbox/export.csv?stage=Customer&min=ten");
        Assert.Equal(400, bad.Status);
        var problem = await bad.TextAsync();
        Assert.Contains("\"stage\"", problem);
        Assert.Contains("\"min\"", problem);
    }
}
