using System.Globalization;
using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;
using LeadDesk.Tests.Browser.Pages;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

/// <summary>The manager enters channel spend at /admin/spend; nobody else may open it.</summary>
public sealed class SpendJourneyTests(AppServerFixture app) : BrowserTest(app)
{
    private static readonly CultureInfo English = new("en");

    [Fact]
    public async Task A_manager_enters_spend_for_a_new_channel_and_for_a_lead_channel_and_sees_both_in_the_table()
    {
        // Next year, so the figures of the periods other tests read stay free of this test's spend. The app reads the
        // current year from the system clock, as this test does.
        var year = DateTime.UtcNow.Year + 1;
        await SeedPaidSearchAsync(year);
        await SignInAsync("manager@leaddesk.demo");
        var spend = new SpendPage(Page);
        await spend.OpenAsync();
        await Page.Locator("#spend-year-next").ClickAsync();
        await Expect(spend.Year).ToHaveTextAsync(year.ToString(CultureInfo.InvariantCulture));
        await Expect(spend.Cell("Paid search", 12)).ToHaveTextAsync("14,750.00");

        // A channel no lead names yet: typed, its month picked from the list.
        await spend.Channel.FillAsync("Partner newsletter");
        await spend.Channel.PressAsync("Tab"); // closes the suggestions, keeps the typed name
        await spend.Amount.FillAsync("1234.5");
        await spend.Amount.PressAsync("Tab");
        await spend.ChooseMonthAsync(new DateOnly(year, 3, 1).ToString("Y", English));
        await spend.Save.ClickAsync();
        await Expect(spend.Cell("Partner newsletter", 3)).ToHaveTextAsync("1,234.50");
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("1,234.50 saved for Partner newsletter");

        // A lead channel, by keyboard: Enter on its February cell fills the form and puts the cursor in the amount.
        await spend.Cell("Webinar", 2).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(spend.Channel).ToHaveValueAsync("Webinar");
        await Expect(spend.Amount).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("-800");
        await Page.Keyboard.PressAsync("Tab");
        await spend.Save.ClickAsync();
        await Expect(Page.Locator("#spend-form")).ToContainTextAsync("The amount cannot be below zero.");
        await Expect(spend.Cell("Webinar", 2)).ToHaveTextAsync("—");
        await spend.Amount.FillAsync("800");
        await spend.Amount.PressAsync("Tab");
        await Expect(Page.Locator("#spend-form")).Not.ToContainTextAsync("The amount cannot be below zero.");
        await spend.Save.ClickAsync();
        await Expect(spend.Cell("Webinar", 2)).ToHaveTextAsync("800.00");
        await Expect(spend.Row("Webinar").Locator("[data-total]")).ToHaveTextAsync("800.00");
        await Expect(spend.Cell("Webinar", 3)).ToHaveTextAsync("—");
        // A full-page screenshot of a scrolled window repeats the fixed app bar in the middle.
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync("light");

        await Page.Locator("button[aria-label='Switch to dark mode']").ClickAsync();
        await Expect(Page.Locator("button[aria-label='Switch to light mode']")).ToBeVisibleAsync();
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync("dark");
    }

    /// <summary>A full year of paid search, 12,000.00 rising by 250.00 a month: amounts as wide as real ones.</summary>
    private async Task SeedPaidSearchAsync(int year)
    {
        var spend = App.Services.GetRequiredService<SpendService>();
        var manager = new Caller("browser-test", "Browser test", new HashSet<string> { Roles.Manager });
        for (var month = 1; month <= 12; month++)
            await spend.SetAsync(manager, "Paid search", new DateOnly(year, month, 1), 12_000m + 250m * (month - 1));
    }

    [Fact]
    public async Task A_sales_user_is_refused_the_spend_page()
    {
        await SignInAsync("sales@leaddesk.demo");

        await Page.GotoAsync("/admin/spend");

        await Expect(Page.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(Page.Locator("#spend-table")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#spend-form")).ToHaveCountAsync(0);
        await ScreenshotAsync();
    }
}
