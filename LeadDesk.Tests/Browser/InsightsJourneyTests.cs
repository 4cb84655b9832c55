using System.Text.RegularExpressions;
using LeadDesk.Domain.Insights;
using LeadDesk.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

/// <summary>
/// Marketing trains the conversion models on the demo data's closed leads at /scoring/insights, reads how each predictor
/// did on the held-out leads, adopts the suggested rules into the scoring editor and previews them (without saving, so
/// the demo data other journeys read keeps its model), then sees a lead's conversion probability.
/// </summary>
public sealed class InsightsJourneyTests(AppServerFixture app) : BrowserTest(app)
{
    private const int Seed = 2026;

    [Fact]
    public async Task A_marketer_trains_on_the_demo_data_reads_the_figures_adopts_the_suggestion_and_previews_it()
    {
        await SignInAsync("marketing@leaddesk.demo");
        var insights = new InsightsScreen(Page);
        await insights.OpenFromMenuAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/scoring/insights$"));

        // The demo data holds enough closed leads of both outcomes to learn from.
        await Expect(insights.DataCheck).ToHaveAttributeAsync("data-enough", "true");
        Assert.True(await insights.CountAsync("data-closed") >= ConversionInsights.MinimumClosedLeads);
        Assert.True(await insights.CountAsync("data-won") >= ConversionInsights.MinimumPerOutcome);
        Assert.True(await insights.CountAsync("data-lost") >= ConversionInsights.MinimumPerOutcome);

        // Train with a chosen seed, from the keyboard.
        await insights.Seed.FillAsync(Seed.ToString());
        await insights.TrainButton.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await insights.WaitForResultsAsync(Seed);
        await Expect(Page.Locator("#insights-result-seed")).ToHaveTextAsync(Seed.ToString());

        // Four predictors on the same held-out leads, the one in use marked.
        await Expect(insights.FiguresRows).ToHaveCountAsync(4);
        var chosen = await insights.Results.GetAttributeAsync("data-chosen");
        await Expect(Page.Locator($"#insights-figures-table tr[data-predictor='{chosen}'][data-chosen]")).ToBeVisibleAsync();
        var model = InsightsScreen.Auc(await insights.FigureAsync(chosen!, "auc"));
        var rules = InsightsScreen.Auc(await insights.FigureAsync(nameof(PredictorKind.CurrentRules), "auc"));
        Assert.InRange(model, 0.5, 1.0);
        Assert.InRange(rules, 0.0, 1.0);
        await Expect(Page.Locator("#insights-calibration-chart svg")).ToBeVisibleAsync();
        await Expect(Page.Locator("#insights-fields-excluded [data-reason='WrittenBySales']")).ToBeVisibleAsync();
        await Expect(Page.Locator("#insights-weights-up li").First).ToBeVisibleAsync();
        await TopScreenshotAsync("trained");
        await Page.Locator("button[aria-label='Switch to dark mode']").ClickAsync();
        await TopScreenshotAsync("trained-dark");
        await Page.Locator("button[aria-label='Switch to light mode']").ClickAsync();

        // Adopt: the editor opens with the suggestion as an unsaved draft, previewed like any edit.
        var runId = await insights.Results.GetAttributeAsync("data-run");
        var threshold = await Page.Locator("#insights-suggestion-threshold").GetAttributeAsync("data-threshold");
        await insights.AdoptButton.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($@"/scoring\?fromInsights={runId}$"));
        var scoring = new ScoringPage(Page);
        await Expect(Page.Locator("#scoring-from-insights")).ToBeVisibleAsync();
        await Expect(scoring.Threshold).ToHaveValueAsync(threshold!);
        await Expect(scoring.SaveButton).ToBeEnabledAsync();
        await scoring.PreviewAsync();
        await Expect(Page.Locator("#preview-histogram svg")).ToBeVisibleAsync();
        await TopScreenshotAsync("adopted-preview");

        // Every lead now has a chance of being won, with what pushed it.
        await Page.GotoAsync("/inbox");
        var inbox = new InboxPage(Page);
        await inbox.LeadLinks.First.WaitForAsync();
        await inbox.LeadLinks.First.ClickAsync();
        await Expect(Page.Locator("#conversion-probability")).ToHaveTextAsync(new Regex(@"^\s*\d{1,3}\s?%\s*$"));
        await Expect(Page.Locator("#conversion-card")).ToHaveAttributeAsync("data-state", "shown");
        await ScreenshotAsync("lead-card");
        await Page.Locator("button[aria-label='Switch to dark mode']").ClickAsync();
        await ScreenshotAsync("lead-card-dark");
        await Page.Locator("button[aria-label='Switch to light mode']").ClickAsync();
    }

    /// <summary>A full-page screenshot of a scrolled window repeats the fixed app bar: scroll to the top first.</summary>
    private async Task TopScreenshotAsync(string step, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync(step, test);
    }
}
