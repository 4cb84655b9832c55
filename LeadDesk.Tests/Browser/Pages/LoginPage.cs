using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser.Pages;

/// <summary>/Account/Login: a statically rendered form that posts and answers with a whole new page.</summary>
public sealed class LoginPage(IPage page)
{
    public const string Path = "/Account/Login";

    public ILocator Email => page.Locator("input[name='Input.Email']");
    public ILocator Password => page.Locator("input[name='Input.Password']");
    public ILocator SignInButton => page.Locator("#sign-in");
    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public async Task<LoginPage> OpenAsync()
    {
        await page.GotoAsync(Path);
        await SignInButton.WaitForAsync();
        return this;
    }

    /// <summary>Fills the form and submits it; returns once the answer (the next page) has loaded.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        // The refusal comes back on the same URL, so WaitForURL cannot tell the answer from the form that asked:
        // wait for the navigation itself (obsolete in Playwright in favour of URL waits, which do not fit here).
#pragma warning disable CS0612
        await page.RunAndWaitForNavigationAsync(() => SignInButton.ClickAsync());
#pragma warning restore CS0612
    }
}
