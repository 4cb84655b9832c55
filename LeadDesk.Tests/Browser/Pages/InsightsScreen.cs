using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>Conversion insights at /scoring/insights.</summary>
public sealed class InsightsScreen(IPage page)
{
    public ILocator DataCheck => page.Locator("#insights-data");
    public ILocator Seed => page.Locator("#insights-seed");
    public ILocator TrainButton => page.Locator("#insights-train");
    public ILocator Run => page.Locator("#insights-run");
    public ILocator Results => page.Locator("#insights-results");
    public ILocator FiguresRows => page.Locator("#insights-figures-table tbody tr[data-predictor]");
    public ILocator AdoptButton => page.Locator("#insights-adopt");

    /// <summary>Opens the page from the navigation menu, as a person would, and waits for the data check.</summary>
    public async Task OpenFromMenuAsync()
    {
        await new AppShell(page).WaitUntilInteractiveAsync();
        await page.Locator("nav a[href='/scoring/insights']").ClickAsync();
        await Expect(DataCheck).ToBeVisibleAsync();
    }

    /// <summary>Waits until the newest results are those of a run trained with <paramref name="seed"/>.</summary>
    public async Task WaitForResultsAsync(int seed)
    {
        await Expect(page.Locator($"#insights-results[data-seed='{seed}']")).ToBeVisibleAsync(new() { Timeout = 120_000 });
    }

    /// <summary>One figure of one predictor as shown (auc, threshold, accuracy, precision, recall).</summary>
    public async Task<string> FigureAsync(string predictor, string figure) =>
        (await page.Locator($"#insights-figures-table tr[data-predictor='{predictor}'] [data-figure='{figure}']").TextContentAsync())!.Trim();

    public static double Auc(string shown) => double.Parse(shown, CultureInfo.GetCultureInfo("en-US"));

    public async Task<int> CountAsync(string attribute) =>
        int.Parse((await DataCheck.GetAttributeAsync(attribute))!, CultureInfo.InvariantCulture);
}
