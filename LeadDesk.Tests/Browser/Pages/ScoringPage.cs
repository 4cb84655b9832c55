using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>The scoring model editor at /scoring.</summary>
public sealed class ScoringPage(IPage page)
{
    public ILocator Threshold => page.Locator("#mql-threshold");
    public ILocator PreviewButton => page.Locator("#scoring-preview");
    public ILocator SaveButton => page.Locator("#scoring-save");
    public ILocator PreviewPanel => page.Locator("#scoring-preview-panel");
    public ILocator Run => page.Locator("#rescore-run");
    public ILocator Versions => page.Locator("#versions-table tbody tr");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/scoring");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await Expect(page.Locator("#versions-table")).ToBeVisibleAsync();
    }

    /// <summary>The newest version, the active one: the first row of the versions table.</summary>
    public async Task<int> ActiveVersionAsync() => Number(await Versions.First.GetAttributeAsync("data-version"));

    public async Task SetThresholdAsync(int threshold)
    {
        await Threshold.FillAsync(threshold.ToString(CultureInfo.InvariantCulture));
        await Threshold.PressAsync("Tab"); // the field commits its value on leaving it
    }

    /// <summary>Previews the draft and waits for the figures.</summary>
    public async Task PreviewAsync()
    {
        await PreviewButton.ClickAsync();
        await Expect(page.Locator("#preview-histogram-table")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>One figure of the preview (would-be-mql, current-mql, entering, drop-outs).</summary>
    public async Task<int> FigureAsync(string name) =>
        Number(await page.Locator($"#preview-counts [data-stat='{name}'] .stat-value").TextContentAsync());

    /// <summary>Confirms the dialog that save and restore open, with a note.</summary>
    public async Task ConfirmWithNoteAsync(string note)
    {
        await page.Locator("#version-note").FillAsync(note);
        await page.Locator("#note-confirm").ClickAsync();
    }

    /// <summary>Waits until the rescore run of <paramref name="version"/> has completed; returns how many leads it promoted.</summary>
    public async Task<int> WaitForRunAsync(int version)
    {
        var run = page.Locator($"#rescore-run[data-version='{version}']");
        await Expect(run).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 120_000 });
        return Number(await run.GetAttributeAsync("data-promoted"));
    }

    public static int Number(string? text) =>
        int.Parse(new string((text ?? "").Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture);
}
