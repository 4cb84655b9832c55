using LeadDesk.Tests.Browser.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

/// <summary>
/// On a laptop screen of 1440 or 1280 pixels, with the menu open, the work tables show every column without scrolling
/// sideways, in each language: Spanish and Portuguese headers and labels are longer than English ones.
/// </summary>
public sealed class ScreenWidthTests(AppServerFixture app) : BrowserTest(app)
{
    [Theory]
    [InlineData("en", 1440)]
    [InlineData("es", 1440)]
    [InlineData("pt-BR", 1440)]
    [InlineData("en", 1280)]
    [InlineData("es", 1280)]
    [InlineData("pt-BR", 1280)]
    public async Task The_inbox_and_the_MQL_queue_fit_a_laptop_screen(string culture, int width)
    {
        await Page.SetViewportSizeAsync(width, 900);
        await Page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = App.BaseUrl }]);
        await SignInAsync("marketing@leaddesk.demo");

        await new InboxPage(Page).OpenAsync();
        Assert.Equal(0, await SidewaysOverflowAsync("#inbox-grid"));

        await Page.GotoAsync("/mql");
        await new AppShell(Page).WaitUntilInteractiveAsync();
        var handOff = Page.Locator("#mql-table tbody [data-action='handoff']").First;
        await Expect(handOff).ToBeVisibleAsync();
        Assert.Equal(0, await SidewaysOverflowAsync("#mql-table"));
        await Expect(handOff).ToBeInViewportAsync();
        await ScreenshotAsync($"{culture}-{width}");
    }

    /// <summary>How many pixels of the table's scroll box lie beyond its visible width.</summary>
    private Task<int> SidewaysOverflowAsync(string table) =>
        Page.Locator($"{table} .mud-table-container").EvaluateAsync<int>("box => Math.max(0, box.scrollWidth - box.clientWidth)");
}
