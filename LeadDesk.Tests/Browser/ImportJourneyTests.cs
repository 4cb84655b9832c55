using System.Text;
using LeadDesk.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

public sealed class ImportJourneyTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_marketer_imports_a_file_with_a_bad_row_follows_it_downloads_the_error_report_and_finds_the_leads_in_the_inbox()
    {
        // Names no demo lead has, so the inbox search finds exactly these.
        var csv = """
            First Name,Last Name,Email,Company Name,Job Title,Lifecycle Stage,Country/Region,Record ID,Contact owner
            Quintessa,Zyxwarden,quintessa.zyxwarden@northwind.example.com,Northwind,Marketing Director,marketingqualifiedlead,Brazil,501,Olivia
            Quillon,Zyxwarden,quillon.zyxwarden@northwind.example.com,Northwind,Analyst,lead,United States,502,Olivia
            Querida,Zyxwarden,querida-at-northwind,Northwind,Analyst,lead,Brazil,503,Olivia
            Quorra,Zyxwarden,quorra.zyxwarden@northwind.example.com,Northwind,CEO,customer,Spain,504,
            """;
        await SignInAsync("marketing@leaddesk.demo");
        var import = new ImportScreen(Page);
        await import.OpenAsync();

        await import.UploadAsync("webinar-attendees.csv", Encoding.UTF8.GetBytes(csv));

        await Expect(import.Detected).ToHaveAttributeAsync("data-preset", "HubSpot");
        await Expect(import.PreviewSummary).ToContainTextAsync("1 would be refused");
        await Expect(import.PreviewRow(4)).ToContainTextAsync("'querida-at-northwind' is not a valid email address.");
        await Expect(Page.Locator("#import-unmapped")).ToContainTextAsync("Record ID");
        await ScreenshotAsync("preview");

        await import.Start.ClickAsync();

        var job = import.Job("webinar-attendees.csv");
        await Expect(job.Locator("[role=progressbar]")).ToBeVisibleAsync();
        await Expect(job).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(job.Locator("[data-rows]")).ToContainTextAsync("4 of 4 rows");
        await Expect(job.Locator("[data-count=created]")).ToHaveTextAsync("3");
        await Expect(job.Locator("[data-count=failed]")).ToHaveTextAsync("1");
        await ScreenshotAsync("completed");

        var download = await Page.RunAndWaitForDownloadAsync(() => job.Locator("[data-errors-download]").ClickAsync());
        Assert.Equal("webinar-attendees-errors.csv", download.SuggestedFilename);
        var report = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Row,Column,Problem", "4,Email,'querida-at-northwind' is not a valid email address."], report);

        await Page.Locator("button[aria-label='Switch to dark mode']").ClickAsync();
        await ScreenshotAsync("completed-dark");

        var inbox = new InboxPage(Page);
        await inbox.OpenAsync();
        await inbox.Search.FillAsync("Zyxwarden");
        await Expect(inbox.Count).ToHaveTextAsync("3 leads");
        await Expect(Page.Locator("#inbox-grid tbody")).ToContainTextAsync("Quintessa Zyxwarden");
        await Expect(Page.Locator("#inbox-grid tbody")).Not.ToContainTextAsync("Querida");
        await ScreenshotAsync("inbox");
    }
}
