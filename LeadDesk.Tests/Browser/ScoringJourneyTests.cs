using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

/// <summary>
/// Marketing changes the MQL definition at /scoring: previews a stricter and a looser threshold, saves the looser one,
/// watches every lead being rescored and sees the MQL queue grow by the leads that now qualify; then restores the
/// version it started from, so the demo data other journeys read keeps the model it had.
/// </summary>
public sealed class ScoringJourneyTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_marketer_previews_thresholds_saves_one_watches_the_rescoring_and_the_MQL_queue_follows()
    {
        await SignInAsync("marketing@leaddesk.demo");
        var before = await MqlCountAsync();

        var scoring = new Pages.ScoringPage(Page);
        await scoring.OpenAsync();
        var original = await scoring.ActiveVersionAsync();
        var threshold = Pages.ScoringPage.Number(await scoring.Threshold.InputValueAsync());
        await Expect(scoring.SaveButton).ToBeDisabledAsync();

        // Stricter: fewer leads would be MQL; today's MQLs below the new bar are named as drop-outs.
        await scoring.SetThresholdAsync(threshold + 20);
        await scoring.PreviewAsync();
        var stricter = await scoring.FigureAsync("would-be-mql");
        Assert.True(await scoring.FigureAsync("drop-outs") > 0);
        await Expect(Page.Locator("#preview-drop-outs tr[data-lead] a").First).ToHaveAttributeAsync("href", new Regex(@"^/leads/\d+$"));
        await Expect(Page.Locator("#preview-histogram svg")).ToBeVisibleAsync();
        await TopScreenshotAsync("stricter-preview");

        // Looser: leads in Lead or Nurture that meet it would enter the queue.
        await scoring.SetThresholdAsync(threshold - 15);
        await Expect(scoring.PreviewPanel).ToHaveCountAsync(0); // the stricter preview no longer applies
        await scoring.PreviewAsync();
        var entering = await scoring.FigureAsync("entering");
        Assert.True(entering > 0, "a lower threshold lets some leads in");
        Assert.True(await scoring.FigureAsync("would-be-mql") > stricter);
        await TopScreenshotAsync("looser-preview");
        await Page.Locator("button[aria-label='Switch to dark mode']").ClickAsync();
        await TopScreenshotAsync("looser-preview-dark");
        await Page.Locator("button[aria-label='Switch to light mode']").ClickAsync();

        await scoring.SaveButton.ClickAsync();
        await scoring.ConfirmWithNoteAsync("Browser journey: a lower bar for the quarter.");
        var saved = original + 1;
        await Expect(scoring.Versions.First).ToHaveAttributeAsync("data-version", saved.ToString());
        await Expect(scoring.Versions.First).ToContainTextAsync("a lower bar for the quarter");
        await Expect(scoring.Run).ToBeVisibleAsync();
        var promoted = await scoring.WaitForRunAsync(saved);
        await Expect(Page.Locator("#rescore-figures")).ToContainTextAsync($"{promoted:N0} entered the MQL queue");
        await TopScreenshotAsync("rescored");
        Assert.True(promoted > 0);

        // Every lead that newly met the definition entered the queue; nobody left it (drop-outs stay MQL).
        Assert.Equal(before + promoted, await MqlCountAsync());

        // The inbox says which version each score came from.
        await Page.GotoAsync("/inbox");
        await new Pages.AppShell(Page).WaitUntilInteractiveAsync();
        await Expect(Page.Locator($"[data-model-version='{saved}']").First).ToBeVisibleAsync();

        // Back to the rules this journey started from, as a new version, rescored again.
        await scoring.OpenAsync();
        await Page.Locator($"#versions-table tr[data-version='{original}'] [data-action=restore]").ClickAsync();
        await Expect(Page.Locator(".mud-dialog")).ToContainTextAsync($"The rules of version {original} are saved as version {saved + 1}");
        await scoring.ConfirmWithNoteAsync($"Browser journey: back to version {original}.");
        await scoring.WaitForRunAsync(saved + 1);
        await Expect(scoring.Threshold).ToHaveValueAsync(threshold.ToString());
    }

    [Fact]
    public async Task A_manager_reads_the_model_without_save_or_restore()
    {
        await SignInAsync("manager@leaddesk.demo");
        var scoring = new Pages.ScoringPage(Page);
        await scoring.OpenAsync();

        await Expect(Page.Locator("#scoring-read-only")).ToBeVisibleAsync();
        await Expect(scoring.SaveButton).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-action=restore]")).ToHaveCountAsync(0);
        await Expect(scoring.Threshold).ToHaveAttributeAsync("readonly", "");
        await ScreenshotAsync();
    }

    /// <summary>The number of MQLs waiting, as the queue's header says it.</summary>
    private async Task<int> MqlCountAsync()
    {
        await Page.GotoAsync("/mql");
        await new Pages.AppShell(Page).WaitUntilInteractiveAsync();
        var count = Page.Locator("#mql-count");
        await Expect(count).ToBeVisibleAsync();
        return Pages.ScoringPage.Number(await count.TextContentAsync());
    }

    /// <summary>A full-page screenshot of a scrolled window repeats the fixed app bar: scroll to the top first.</summary>
    private async Task TopScreenshotAsync(string step, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync(step, test);
    }
}
