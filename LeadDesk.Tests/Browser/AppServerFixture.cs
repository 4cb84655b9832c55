using LeadDesk.App.Identity;
using LeadDesk.Domain.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LeadDesk.Tests.Browser;

/// <summary>Browser tests share one running app and one Chromium: starting either takes seconds.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppServerFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// The real LeadDesk app on Kestrel at <c>http://localhost:PORT</c> (a free port), over a fresh SQLite file with the
/// demo users and leads seeded, plus one headless Debian Chromium. Each test opens its own browser context, so
/// cookies never leak from one test to the next.
/// </summary>
public sealed class AppServerFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "leaddesk-browser-tests", Guid.NewGuid().ToString("N"));
    private LeadDeskAppFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app listens, e.g. <c>http://localhost:41234</c> (localhost, not 127.0.0.1: see STACK.md).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The running app's services: UserManager, configuration, the DbContext factory…</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>The password every demo user was created with.</summary>
    public string DemoPassword =>
        Services.GetRequiredService<IConfiguration>()["Demo:Password"] is { Length: > 0 } configured ? configured : DemoUsers.DefaultPassword;

    public async Task InitializeAsync()
    {
        // Playwright recommends generous timeouts over sleeps; a 2-core machine shared with builds needs them.
        Assertions.SetDefaultExpectTimeout(15_000);
        Directory.CreateDirectory(_folder);
        var database = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "leaddesk.db") }.ToString();

        var browser = LaunchBrowserAsync();
        try
        {
            _factory = new LeadDeskAppFactory(database);
            _factory.UseKestrel(0); // 127.0.0.1 on a port the OS picks
            await Task.Run(_factory.StartServer); // migrates and seeds, as a real start does
            var port = _factory.ClientOptions.BaseAddress.Port;
            BaseUrl = $"http://localhost:{port}";
        }
        finally
        {
            _browser = await browser;
        }
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh, which installs Debian's chromium.");
        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh, signed-out browser session (own cookies and storage) pointed at the app.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        (_browser ?? throw new InvalidOperationException("The browser has not started.")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });

    /// <summary>
    /// A confirmed user that only the calling test knows, for journeys that leave marks on an account (lockout,
    /// failed-attempt counters) which must not reach the shared demo users.
    /// </summary>
    public async Task<(string Email, string Password)> CreateUserAsync(string purpose, params string[] roles)
    {
        var email = $"{purpose}-{Guid.NewGuid():N}@leaddesk.test";
        const string password = "Browser-test-pass-1";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {purpose}" };
        Check(await users.CreateAsync(user, password));
        if (roles.Length > 0)
            Check(await users.AddToRolesAsync(user, roles));
        return (email, password);

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded)
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* the OS cleans its temp folder */ }
    }

    private sealed class LeadDeskAppFactory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Settings reach the app as command-line arguments: above the operator's appsettings.json, and
            // already there when Program.cs reads the Database section.
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
