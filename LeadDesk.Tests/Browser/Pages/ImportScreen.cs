using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>/import: the upload zone, the draft's mapping and preview, the recent imports.</summary>
public sealed class ImportScreen(IPage page)
{
    public ILocator Detected => page.Locator("#import-detected");
    public ILocator PreviewSummary => page.Locator("#import-preview-summary");
    public ILocator Start => page.Locator("#import-start");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/import");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await page.Locator("#import-upload").WaitForAsync();
    }

    /// <summary>Gives the hidden file input a file, as choosing it in the browser's dialog does.</summary>
    public Task UploadAsync(string fileName, byte[] content) =>
        page.Locator("#import-upload input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = content });

    public ILocator PreviewRow(int rowNumber) => page.Locator($"#import-preview-table tr[data-row='{rowNumber}']");

    /// <summary>The recent-imports row of the file most recently started under that name.</summary>
    public ILocator Job(string fileName) => page.Locator("#import-jobs-table tbody tr", new() { HasText = fileName }).First;
}
