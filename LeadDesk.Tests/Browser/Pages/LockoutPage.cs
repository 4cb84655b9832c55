using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>/Account/Lockout: where a locked account is sent, whatever password it tried.</summary>
public sealed class LockoutPage(IPage page)
{
    public const string Path = "/Account/Lockout";

    public ILocator Message => page.GetByRole(AriaRole.Alert);
}
