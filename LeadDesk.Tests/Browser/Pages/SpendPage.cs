using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>/admin/spend: the entry form above the year's table of channels × months.</summary>
public sealed class SpendPage(IPage page)
{
    public ILocator Year => page.Locator("#spend-year");
    public ILocator Table => page.Locator("#spend-table");
    public ILocator Channel => page.Locator("#spend-channel");
    public ILocator Amount => page.Locator("#spend-amount");
    public ILocator Save => page.Locator("#spend-save");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/spend");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await Table.WaitForAsync();
    }

    public ILocator Row(string channel) => Table.Locator($"tbody tr[data-channel='{channel}']");

    /// <summary>The button of one month (1–12) of one channel.</summary>
    public ILocator Cell(string channel, int month) => Row(channel).Locator($"td[data-month='{month}'] button");

    /// <summary>
    /// Opens the month list and picks the month by its shown name, e.g. "March 2026". The select takes the focus back
    /// some time after its list closes, so type into other fields before this, not after.
    /// </summary>
    public async Task ChooseMonthAsync(string name)
    {
        var month = page.Locator("#spend-month");
        await month.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(name, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }
}
