using System.Globalization;
using LeadDesk.Tests.Browser;
using LeadDesk.Tests.Browser.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.MultiNode;

/// <summary>
/// Two app nodes, two processes, one PostgreSQL database: what one node does reaches the screens of the other live,
/// and a sign-in on one node is good on the other. Runs in test.sh's PostgreSQL pass only (SQLite is one node).
/// </summary>
[Trait("Category", "PostgreSqlOnly")]
public sealed class TwoNodeTests : IAsyncLifetime
{
    private TwoNodeCluster? _cluster;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private AppNode _nodeA => _cluster!.NodeA;
    private AppNode _nodeB => _cluster!.NodeB;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        // Node A starts first and seeds the demo data; node B joins the same database.
        _cluster = await TwoNodeCluster.StartAsync();
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = AppServerFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        }
        catch
        {
            // xunit does not dispose a test class whose InitializeAsync failed: the nodes must not outlive it.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
        (_browser, _playwright, _cluster) = (null, null, null);
    }

    private async Task<IPage> SignInAsync(AppNode node, string email, string path)
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = node.BaseUrl, Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();
        await login.SignInAsync(email, "LeadDesk-demo-2026");
        await page.GotoAsync(path);
        await new AppShell(page).WaitUntilInteractiveAsync();
        return page;
    }

    [Fact]
    public async Task A_handoff_made_through_node_B_appears_live_on_node_A_and_one_sign_in_serves_both_nodes()
    {
        // Both reps watch their queue on node A; round-robin decides which of them receives the lead.
        var reps = new[] { await SignInAsync(_nodeA, "sales@leaddesk.demo", "/handoffs"), await SignInAsync(_nodeA, "sales2@leaddesk.demo", "/handoffs") };
        var marketer = await SignInAsync(_nodeB, "marketing@leaddesk.demo", "/mql");

        var first = marketer.Locator("td[data-lead]").First;
        await first.WaitForAsync();
        var leadId = int.Parse((await first.GetAttributeAsync("data-lead"))!, CultureInfo.InvariantCulture);
        await marketer.Locator($"tr:has(td[data-lead='{leadId}']) [data-action=handoff]").ClickAsync();
        await marketer.Locator("#decision-note").FillAsync("Handed off through node B.");
        await marketer.Locator("#decision-confirm").ClickAsync();

        // No reload on node A: the row arrives through PostgreSQL LISTEN/NOTIFY on exactly one rep's page.
        var receiver = await await Task.WhenAny(reps.Select(async rep =>
        {
            await rep.Locator($"#handoff-{leadId}").WaitForAsync(new() { Timeout = 20_000 });
            return rep;
        }));
        await Screenshots.SaveAsync(receiver, $"{nameof(TwoNodeTests)}.node-a-live");

        // The rep's cookie was issued by node A; node B reads it with the keys both keep in the database.
        await receiver.GotoAsync($"{_nodeB.BaseUrl}/handoffs");
        await new AppShell(receiver).WaitUntilInteractiveAsync();
        await Expect(receiver).ToHaveURLAsync($"{_nodeB.BaseUrl}/handoffs");
        await Expect(receiver.Locator($"#handoff-{leadId}")).ToBeVisibleAsync();
    }
}
