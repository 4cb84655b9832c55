using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser;

/// <summary>
/// One test, one signed-out browser session on the shared app. Screenshots go to <c>artifacts/screenshots/</c> at
/// the repository root, named <c>Class.Test[.step].png</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(AppServerFixture app) : IAsyncLifetime
{
    private IBrowserContext? _context;

    protected AppServerFixture App { get; } = app;

    protected IPage Page { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        _context = await App.NewContextAsync();
        Page = await _context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
    }

    /// <summary>Signs a demo user in through the login form and waits for the page they land on to go live.</summary>
    protected async Task SignInAsync(string email)
    {
        var login = await new Pages.LoginPage(Page).OpenAsync();
        await login.SignInAsync(email, App.DemoPassword);
        await new Pages.AppShell(Page).WaitUntilInteractiveAsync();
    }

    protected Task ScreenshotAsync(string? step = null, [CallerMemberName] string test = "") =>
        Screenshots.SaveAsync(Page, step is null ? $"{GetType().Name}.{test}" : $"{GetType().Name}.{test}.{step}");
}

public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        var path = Path.Combine(Folder, safe + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.sln")))
                return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
