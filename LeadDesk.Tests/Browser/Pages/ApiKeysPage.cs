using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>/admin/api-keys: the keys table, the create dialog that shows a new key once, the revoke confirmation.</summary>
public sealed class ApiKeysPage(IPage page)
{
    public ILocator Table => page.Locator("#keys-table");
    public ILocator CreateButton => page.Locator("#create-key");
    public ILocator Dialog => page.Locator("#create-key-dialog");
    public ILocator Name => page.Locator("#new-key-name");
    public ILocator Channel => page.Locator("#new-key-channel");
    public ILocator Submit => page.Locator("#create-key-submit");
    public ILocator CreatedKey => page.Locator("#created-key");
    public ILocator ShownOnce => page.Locator("#key-shown-once");
    public ILocator Copy => page.Locator("#copy-key");
    public ILocator Done => page.Locator("#create-key-done");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/api-keys");
        await new AppShell(page).WaitUntilInteractiveAsync();
        await page.Locator("#keys-table, #keys-empty").First.WaitForAsync();
    }

    public ILocator Row(string name) => Table.Locator($"tbody tr:has(td[data-name='{name}'])");

    public ILocator Status(string name) => Row(name).Locator("[data-status]");

    /// <summary>Clicks the row's revoke button and confirms in the message box.</summary>
    public async Task RevokeAsync(string name)
    {
        await Row(name).Locator("[data-action=revoke]").ClickAsync();
        var box = page.Locator(".mud-dialog", new() { HasText = "Revoke this key?" });
        await box.WaitForAsync();
        await box.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
    }
}
