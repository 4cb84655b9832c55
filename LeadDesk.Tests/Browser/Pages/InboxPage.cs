using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>/inbox: the filter bar above a server-paged grid.</summary>
public sealed class InboxPage(IPage page)
{
    public ILocator Count => page.Locator("#inbox-count");
    public ILocator Search => page.Locator("#filter-search");
    public ILocator LeadLinks => page.Locator("#inbox-grid tbody a[href^='/leads/']");
    public ILocator StageChips => page.Locator("#inbox-grid tbody [data-stage]");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/inbox");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await LeadLinks.First.WaitForAsync();
    }

    /// <summary>Picks one stage in the multi-select and closes its list.</summary>
    public async Task FilterByStageAsync(string stageName)
    {
        await page.Locator("#filter-stage").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(stageName, new() { Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }
}
