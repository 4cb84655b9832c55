using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>/admin/assignment: one row per Sales user with their assignment rules.</summary>
public sealed class AssignmentRulesPage(IPage page)
{
    public ILocator Table => page.Locator("#assignment-table");
    public ILocator Save => page.Locator("#assignment-save");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/assignment");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await Table.WaitForAsync();
    }

    public ILocator Row(string userId) => Table.Locator($"tr:has(td[data-rep='{userId}'])");

    public ILocator Away(string userId) => Row(userId).Locator("input[data-switch=away]");

    public ILocator Territory(string userId) => page.Locator($"#territory-{userId}-input");

    public ILocator Codes(string userId) => Row(userId).Locator("[data-code]");

    /// <summary>Types codes into the territory field and adds them with Enter.</summary>
    public async Task AddCountriesAsync(string userId, string typed)
    {
        await Territory(userId).FillAsync(typed);
        await Territory(userId).PressAsync("Enter");
    }
}

/// <summary>/admin/sla: the SLA hours, business days and hours, escalation.</summary>
public sealed class SlaSettingsPage(IPage page)
{
    public ILocator SalesHours => page.Locator("#sla-sales-hours");
    public ILocator MarketingHours => page.Locator("#sla-marketing-hours");
    public ILocator Closes => page.Locator("#sla-closes");
    public ILocator Save => page.Locator("#sla-save");
    public ILocator HandoffPreview => page.Locator("[data-preview=handoff]");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/sla");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await SalesHours.WaitForAsync();
    }

    public ILocator Day(DayOfWeek day) => page.Locator($"input[data-day={day}]");

    /// <summary>Opens the closing-time list and picks a time such as "17:00".</summary>
    public async Task ChooseClosingAsync(string time)
    {
        await page.Locator(".mud-select:has(#sla-closes) .mud-input-control").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(time, new() { Exact = true }).ClickAsync();
    }
}
