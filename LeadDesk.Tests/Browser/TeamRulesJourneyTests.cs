using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Sla;
using LeadDesk.Tests.Browser.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

/// <summary>The manager sets the team's rules: a rep away at /admin/assignment, the SLA at /admin/sla.</summary>
public sealed class TeamRulesJourneyTests(AppServerFixture app) : BrowserTest(app)
{
    private static readonly Caller Restorer = new("browser-test", "Browser test", new HashSet<string> { Roles.Manager });

    [Fact]
    public async Task A_manager_marks_a_rep_away_and_sets_the_SLA()
    {
        // A rep of this test's own, so the demo reps keep dealing the other journeys' handoffs.
        var (email, _) = await App.CreateUserAsync("away-rep", Roles.Sales);
        var repId = await UserIdAsync(email);
        try
        {
            await SignInAsync("manager@leaddesk.demo");
            var assignment = new AssignmentRulesPage(Page);
            await assignment.OpenAsync();
            await Expect(assignment.Away(repId)).Not.ToBeCheckedAsync();

            await assignment.Away(repId).ClickAsync(new() { Force = true });   // the switch's input sits under its thumb
            await Expect(Page.Locator($"datalist#territory-{repId}-countries option[value=DE]")).ToHaveTextAsync("Germany");
            await assignment.AddCountriesAsync(repId, "de, at");
            await Expect(assignment.Codes(repId)).ToHaveTextAsync(["DE", "AT"]);
            await Expect(Page.Locator("#assignment-unsaved")).ToHaveTextAsync("1 unsaved");
            await Page.EvaluateAsync("window.scrollTo(0, 0)");
            await ScreenshotAsync("assignment-light");
            await assignment.Save.ClickAsync();
            await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Assignment rules saved for Test away-rep.");

            await assignment.OpenAsync();   // as stored
            await Expect(assignment.Away(repId)).ToBeCheckedAsync();
            await Expect(assignment.Codes(repId)).ToHaveTextAsync(["AT", "DE"]);
            await Page.Locator("button[aria-label='Switch to dark mode']").ClickAsync();
            await Expect(Page.Locator("button[aria-label='Switch to light mode']")).ToBeVisibleAsync();
            await ScreenshotAsync("assignment-dark");

            var sla = new SlaSettingsPage(Page);
            await sla.OpenAsync();
            await Expect(sla.SalesHours).ToHaveValueAsync("24");
            await sla.SalesHours.FillAsync("16");
            await sla.MarketingHours.FillAsync("4");
            await sla.Day(DayOfWeek.Saturday).ClickAsync(new() { Force = true });
            await sla.ChooseClosingAsync("17:00");
            await Expect(sla.HandoffPreview).ToContainTextAsync("A handoff made now is due");
            await ScreenshotAsync("sla-dark");
            await sla.Save.ClickAsync();
            await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("SLA saved.");

            await sla.OpenAsync();   // as stored
            await Expect(sla.SalesHours).ToHaveValueAsync("16");
            await Expect(sla.MarketingHours).ToHaveValueAsync("4");
            await Expect(sla.Day(DayOfWeek.Saturday)).ToBeCheckedAsync();
            await Expect(sla.Closes).ToHaveValueAsync("17:00");
            await Expect(Page.Locator("#sla-updated")).ToContainTextAsync("Last changed by Manuel Manager");
            await Page.Locator("button[aria-label='Switch to light mode']").ClickAsync();
            await Expect(Page.Locator("button[aria-label='Switch to dark mode']")).ToBeVisibleAsync();
            await ScreenshotAsync("sla-light");

            // The queues and the dashboard measure against it now.
            await Page.GotoAsync("/handoffs");
            await new AppShell(Page).WaitUntilInteractiveAsync();
            await Expect(Page.Locator("#handoffs-sla")).ToContainTextAsync("answer within 16 business hours");
            await ScreenshotAsync("handoffs");
            await Page.GotoAsync("/mql");
            await new AppShell(Page).WaitUntilInteractiveAsync();
            await Expect(Page.Locator("#mql-sla")).ToContainTextAsync("review within 4 business hours");
            await ScreenshotAsync("mql");
            await Page.GotoAsync("/dashboard");
            await new AppShell(Page).WaitUntilInteractiveAsync();
            await Expect(Page.Locator("#section-sla")).ToContainTextAsync("Against the SLA now: sales 16 h, marketing 4 h, in business hours (Mon–Sat 09:00–17:00, UTC).");
            await Page.Locator("#section-sla").ScrollIntoViewIfNeededAsync();
            await Screenshots.SaveAsync(Page, $"{nameof(TeamRulesJourneyTests)}.dashboard-sla");
        }
        finally
        {
            // Leave the shared app as the other journeys expect it: the seeded SLA, and no extra rep in the round-robin.
            await App.Services.GetRequiredService<SlaService>().SaveAsync(Restorer, SlaTerms.Default);
            await using var scope = App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.RemoveFromRoleAsync((await users.FindByEmailAsync(email))!, Roles.Sales);
        }
    }

    [Fact]
    public async Task A_sales_user_is_refused_both_pages()
    {
        await SignInAsync("sales@leaddesk.demo");

        foreach (var path in new[] { "/admin/assignment", "/admin/sla" })
        {
            await Page.GotoAsync(path);
            await Expect(Page.Locator("#access-denied")).ToBeVisibleAsync();
            await Expect(Page.Locator("#assignment-table, #sla-sales-hours")).ToHaveCountAsync(0);
        }
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;
    }
}
