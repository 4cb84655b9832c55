using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using LeadDesk.App.Components.Pages.Admin;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Intake;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.JSInterop;
using MudBlazor;

namespace LeadDesk.Tests.Components.Admin;

/// <summary>
/// The /admin/api-keys screen on a real SQLite database, signed in as a manager: two keys exist, "website form"
/// (active, channel Website, used once) and "old import" (revoked).
/// </summary>
public sealed class ApiKeysPageTests : ComponentTestBase
{
    private static readonly Caller Manager = new("manager-1", "Maria Manager", new HashSet<string> { Roles.Manager });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = default!;
    private SwitchableContexts _contexts = default!;
    private ApiKeyService _keys = default!;
    private CreatedApiKey _website = default!;

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_clock);
        _contexts = new SwitchableContexts(_database.Contexts);
        _keys = new ApiKeyService(_contexts, _clock);
        _website = await _keys.CreateAsync(Manager, "website form", "Website");
        var old = await _keys.CreateAsync(Manager, "old import", null);
        await _keys.RevokeAsync(Manager, old.Key.Id);
        await _keys.AuthenticateAsync(_website.PlainKey);

        Context.Services.AddDomainServices(_database);
        Context.Services.AddSingleton(_keys);
        Context.Services.AddScoped<CallerAccessor>();
        Context.AddAuthorization().SetAuthorized("Maria Manager").SetRoles(Roles.Manager)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, Manager.UserId), new Claim(LeadDeskClaims.DisplayName, Manager.Name));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void The_table_lists_each_key_with_its_channel_prefix_use_and_status_and_offers_revoke_only_for_active_ones()
    {
        var (_, page) = RenderPage();

        Assert.Equal(["website form", "old import"], page.FindAll("#keys-table td[data-name]").Select(td => td.GetAttribute("data-name")));
        var website = Row(page, "website form");
        Assert.Contains("Website", website.TextContent);
        Assert.Equal(_website.Key.Prefix + "…", website.QuerySelector("code")!.TextContent);
        Assert.Contains("by Maria Manager", website.TextContent);
        Assert.DoesNotContain("Never", website.QuerySelector("[data-last-used]")!.TextContent);
        Assert.Equal("active", website.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        Assert.NotNull(website.QuerySelector("[data-action=revoke]"));
        var old = Row(page, "old import");
        Assert.Contains("Never", old.QuerySelector("[data-last-used]")!.TextContent);
        Assert.Equal("revoked", old.QuerySelector("[data-status]")!.GetAttribute("data-status"));
        Assert.Null(old.QuerySelector("[data-action=revoke]"));
        Assert.DoesNotContain(_website.PlainKey, page.Markup);
    }

    [Fact]
    public async Task Creating_a_key_shows_it_once_with_a_copy_button_and_the_list_then_has_it_without_the_key()
    {
        var copy = Context.JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true);
        copy.SetVoidResult();
        var (dialogs, page) = RenderPage();

        page.Find("#create-key").Click();
        dialogs.WaitForElement("#new-key-name");
        dialogs.Find("#new-key-name").Change("webinar tool");
        dialogs.Find("#new-key-channel").Change("Webinar");
        dialogs.Find("#create-key-submit").Click();

        dialogs.WaitForElement("#key-shown-once");
        Assert.Contains("It will not be shown again", dialogs.Find("#key-shown-once").TextContent);
        var plainKey = dialogs.Find("#created-key").GetAttribute("value")!;
        Assert.StartsWith("ld_", plainKey);
        Assert.Equal(ApiKeyCheckResult.Valid, (await _keys.AuthenticateAsync(plainKey)).Result);
        dialogs.Find("#copy-key").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Copied", dialogs.Find("#copy-key").TextContent));
        Assert.Equal(plainKey, Assert.Single(copy.Invocations).Arguments[0]);

        dialogs.Find("#create-key-done").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#create-key-dialog")));
        page.WaitForAssertion(() => Assert.Contains("Webinar", Row(page, "webinar tool").TextContent));
        Assert.Equal(plainKey[..ApiKey.PrefixLength] + "…", Row(page, "webinar tool").QuerySelector("code")!.TextContent);
        Assert.DoesNotContain(plainKey, page.Markup);
        Assert.DoesNotContain(plainKey, dialogs.Markup);
    }

    [Fact]
    public void When_the_browser_refuses_the_clipboard_the_dialog_says_to_copy_by_hand()
    {
        Context.JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true).SetException(new JSException("Write permission denied."));
        var (dialogs, page) = RenderPage();

        page.Find("#create-key").Click();
        dialogs.WaitForElement("#new-key-name");
        dialogs.Find("#new-key-name").Change("chat widget");
        dialogs.Find("#create-key-submit").Click();
        dialogs.WaitForElement("#copy-key").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("select the key and copy it by hand", dialogs.Find("#copy-failed").TextContent));
        Assert.StartsWith("ld_", dialogs.Find("#created-key").GetAttribute("value"));
    }

    [Fact]
    public async Task A_key_needs_a_name_and_a_name_in_use_is_refused_in_the_dialog()
    {
        var (dialogs, page) = RenderPage();

        page.Find("#create-key").Click();
        dialogs.WaitForElement("#new-key-name");
        dialogs.Find("#create-key-submit").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Name the key.", dialogs.Markup));

        dialogs.Find("#new-key-name").Change("website form");
        dialogs.Find("#create-key-submit").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("An active API key is already named \"website form\"", dialogs.Find("#create-key-error").TextContent));
        Assert.Empty(dialogs.FindAll("#key-shown-once"));
        await using var db = _database.NewContext();
        Assert.Equal(2, await db.ApiKeys.CountAsync());
    }

    [Fact]
    public async Task Revoking_after_confirming_marks_the_key_revoked_and_the_key_stops_working()
    {
        var snackbars = Render<MudSnackbarProvider>();
        var (dialogs, page) = RenderPage();

        Row(page, "website form").QuerySelector("[data-action=revoke]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke this key?", dialogs.Markup));
        Assert.Contains("Every call made with \"website form\" will be refused", dialogs.Markup);
        Button(dialogs, "Revoke").Click();

        page.WaitForAssertion(() => Assert.Equal("revoked", Row(page, "website form").QuerySelector("[data-status]")!.GetAttribute("data-status")));
        Assert.Null(Row(page, "website form").QuerySelector("[data-action=revoke]"));
        snackbars.WaitForAssertion(() => Assert.Contains("Key \"website form\" revoked", snackbars.Markup));
        Assert.Equal(ApiKeyCheck.Revoked, await _keys.AuthenticateAsync(_website.PlainKey));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_revokes_nothing()
    {
        var (dialogs, page) = RenderPage();

        Row(page, "website form").QuerySelector("[data-action=revoke]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke this key?", dialogs.Markup));
        Button(dialogs, "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Revoke this key?", dialogs.Markup));
        Assert.Equal("active", Row(page, "website form").QuerySelector("[data-status]")!.GetAttribute("data-status"));
        Assert.Equal(ApiKeyCheckResult.Valid, (await _keys.AuthenticateAsync(_website.PlainKey)).Result);
    }

    [Fact]
    public async Task Without_keys_the_page_says_how_to_start()
    {
        await using (var db = _database.NewContext())
            await db.ApiKeys.ExecuteDeleteAsync();

        var page = Render<ApiKeys>();

        page.WaitForAssertion(() => Assert.Contains("No API key yet", page.Find("#keys-empty").TextContent));
        Assert.Empty(page.FindAll("#keys-table"));
    }

    [Fact]
    public void A_failed_load_offers_a_retry_that_shows_the_table()
    {
        _contexts.Failing = true;
        var page = Render<ApiKeys>();

        page.WaitForElement("#keys-load-error");
        Assert.Empty(page.FindAll("#keys-table"));
        _contexts.Failing = false;
        page.Find("#keys-retry").Click();

        page.WaitForElement("#keys-table");
        Assert.Empty(page.FindAll("#keys-load-error"));
    }

    [Fact]
    public void The_page_speaks_the_user_s_language()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("pt-BR");

        var (_, page) = RenderPage();

        Assert.Contains("Chaves de API", page.Markup);
        Assert.Contains("Revogada", Row(page, "old import").TextContent);
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<ApiKeys> Page) RenderPage()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ApiKeys>();
        page.WaitForElement("#keys-table");
        return (dialogs, page);
    }

    private static IElement Row(IRenderedComponent<ApiKeys> page, string name) =>
        page.Find($"#keys-table td[data-name='{name}']").ParentElement!;

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(button => button.TextContent.Trim() == text);

    /// <summary>The test database's contexts, or a failure while <see cref="Failing"/> is set: the database being unreachable.</summary>
    private sealed class SwitchableContexts(IDbContextFactory<LeadDeskDbContext> inner) : IDbContextFactory<LeadDeskDbContext>
    {
        public bool Failing { get; set; }

        public LeadDeskDbContext CreateDbContext() =>
            Failing ? throw new InvalidOperationException("The database is unreachable.") : inner.CreateDbContext();
    }
}
