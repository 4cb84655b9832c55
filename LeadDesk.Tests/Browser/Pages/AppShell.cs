using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>MainLayout around every signed-in page: the app bar with its user menu.</summary>
public sealed class AppShell(IPage page)
{
    /// <summary>MainLayout's container says so once the Blazor circuit is up; clicks before that are lost.</summary>
    public ILocator Interactive => page.Locator("[data-interactive=true]");

    /// <summary>The chip in the app bar that opens the user menu; it shows who is signed in.</summary>
    public ILocator UserMenu => page.Locator(".mud-appbar .mud-chip");

    public ILocator SignOutButton => page.Locator("#sign-out");

    public Task WaitUntilInteractiveAsync() => Interactive.WaitForAsync();

    public async Task SignOutAsync()
    {
        await WaitUntilInteractiveAsync();
        await UserMenu.ClickAsync();
        await SignOutButton.ClickAsync(); // a form POST; the test waits for where it lands
    }
}
