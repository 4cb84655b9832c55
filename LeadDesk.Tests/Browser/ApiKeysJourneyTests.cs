using System.Net;
using System.Text;
using LeadDesk.Tests.Browser.Pages;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.Browser;

/// <summary>A manager gives a web form its API key at /admin/api-keys, and takes it back.</summary>
public sealed class ApiKeysJourneyTests(AppServerFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_manager_creates_a_key_sees_it_once_copies_it_and_revokes_it()
    {
        var name = $"Landing page {Guid.NewGuid():N}"[..24];
        await Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await SignInAsync("manager@leaddesk.demo");
        var keys = new ApiKeysPage(Page);
        await keys.OpenAsync();

        await keys.CreateButton.ClickAsync();
        await keys.Name.FillAsync(name);
        await keys.Channel.FillAsync("Website");
        await keys.Submit.ClickAsync();
        await Expect(keys.ShownOnce).ToContainTextAsync("It will not be shown again");
        var plainKey = await keys.CreatedKey.InputValueAsync();
        Assert.StartsWith("ld_", plainKey);
        await keys.Copy.ClickAsync();
        await Expect(keys.Copy).ToContainTextAsync("Copied");
        Assert.Equal(plainKey, await Page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await ScreenshotAsync("key-shown-once");

        // The form's server uses it at once.
        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", plainKey);
        var email = $"landing-{Guid.NewGuid():N}@example.com";
        var created = await http.PostAsync("/api/leads", new StringContent($$"""{"email": "{{email}}", "first_name": "Lia"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await keys.Done.ClickAsync();
        await Expect(keys.Dialog).ToHaveCountAsync(0);
        await Expect(keys.Status(name)).ToHaveAttributeAsync("data-status", "active");
        await Expect(keys.Row(name)).ToContainTextAsync("Website");
        Assert.DoesNotContain(plainKey, await Page.ContentAsync());
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync("light");

        await keys.RevokeAsync(name);
        await Expect(keys.Status(name)).ToHaveAttributeAsync("data-status", "revoked");
        await Expect(Page.Locator(".mud-snackbar", new() { HasText = "revoked" })).ToBeVisibleAsync();
        var refused = await http.PostAsync("/api/leads", new StringContent($$"""{"email": "again-{{email}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        await Page.Locator("button[aria-label='Switch to dark mode']").ClickAsync();
        await Expect(Page.Locator("button[aria-label='Switch to light mode']")).ToBeVisibleAsync();
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync("dark");
    }

    [Fact]
    public async Task A_marketer_is_refused_the_keys_page()
    {
        await SignInAsync("marketing@leaddesk.demo");

        await Page.GotoAsync("/admin/api-keys");

        await Expect(Page.Locator("#access-denied")).ToBeVisibleAsync();
        await Expect(Page.Locator("#keys-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_API_documentation_is_served_to_the_browser()
    {
        await Page.GotoAsync("/api/docs");

        await Expect(Page.GetByText("LeadDesk intake API").First).ToBeVisibleAsync();
        await Expect(Page.GetByText("/api/leads").First).ToBeVisibleAsync();
        await ScreenshotAsync();
    }
}
