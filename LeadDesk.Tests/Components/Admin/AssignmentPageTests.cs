using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using LeadDesk.App.Components.Pages.Admin;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Assignment;
using LeadDesk.Domain.Identity;
using LeadDesk.Tests.Handoff;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Components.Admin;

/// <summary>
/// /admin/assignment on a real database: Sales users Sam and Sofia, Lena (locked out), a marketer and the manager. Sofia
/// covers Brazil and Portugal, at most three handoffs a day, and has had one today (a Brazilian lead).
/// </summary>
public sealed class AssignmentPageTests : ComponentTestBase
{
    private HandoffTestBed _bed = default!;

    public override async Task InitializeAsync()
    {
        _bed = await HandoffTestBed.CreateAsync();
        await _bed.SetRulesAsync(OtherRep, new RepRules(true, ["PT", "BR"], 3, false));
        await _bed.Service.HandOffAsync(Marketer, [await _bed.AddLeadAsync(LifecycleStage.MQL)], null);   // from BR: Sofia's territory

        Context.Services.AddDomainServices(_bed.Database);
        Context.Services.AddSingleton(_bed.Rules);
        Context.Services.AddScoped<CallerAccessor>();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _bed.DisposeAsync();
    }

    private (IRenderedComponent<MudSnackbarProvider> Snackbars, IRenderedComponent<AssignmentPage> Page) RenderAs(Caller caller)
    {
        Context.AddAuthorization().SetAuthorized(caller.UserId).SetRoles([.. caller.Roles])
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, caller.UserId), new Claim(LeadDeskClaims.DisplayName, caller.Name));
        Render<MudPopoverProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<AssignmentPage>();
        return (snackbars, page);
    }

    private (IRenderedComponent<MudSnackbarProvider> Snackbars, IRenderedComponent<AssignmentPage> Page) RenderForManager()
    {
        var rendered = RenderAs(Manager);
        rendered.Page.WaitForElement("#assignment-table");
        return rendered;
    }

    private static IElement Row(IRenderedComponent<AssignmentPage> page, Caller rep) =>
        page.Find($"#assignment-table td[data-rep='{rep.UserId}']").Closest("tr")!;

    private static List<string> Codes(IRenderedComponent<AssignmentPage> page, Caller rep) =>
        Row(page, rep).QuerySelectorAll("[data-code]").Select(c => c.GetAttribute("data-code")!).ToList();

    private async Task<RepRules> SavedRulesAsync(Caller rep) => (await _bed.Rules.GetAsync(Manager)).Single(r => r.UserId == rep.UserId).Rules;

    [Fact]
    public void Every_Sales_user_is_listed_with_their_rules_and_todays_handoffs()
    {
        var (_, page) = RenderForManager();

        Assert.Equal([LockedRep.UserId, Rep.UserId, OtherRep.UserId],
            page.FindAll("#assignment-table td[data-rep]").Select(td => td.GetAttribute("data-rep")));
        Assert.NotNull(Row(page, LockedRep).QuerySelector("[data-locked]"));
        Assert.Null(Row(page, Rep).QuerySelector("[data-locked]"));
        Assert.Empty(Codes(page, Rep));
        Assert.NotNull(Row(page, Rep).QuerySelector("[data-no-territory]"));
        Assert.Equal(["BR", "PT"], Codes(page, OtherRep));
        Assert.Equal("Handoffs today: 0", Row(page, Rep).QuerySelector("[data-today]")!.TextContent.Trim());
        Assert.Equal("Handoffs today: 1 of 3", Row(page, OtherRep).QuerySelector("[data-today]")!.TextContent.Trim());
        Assert.Equal("3", page.Find($"#capacity-{OtherRep.UserId}").GetAttribute("value"));
        Assert.Equal("", page.Find($"#capacity-{Rep.UserId}").GetAttribute("value") ?? "");
        Assert.True(page.Find("#assignment-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_manager_marks_a_rep_away_gives_a_territory_and_a_capacity_and_saves()
    {
        var (snackbars, page) = RenderForManager();

        Row(page, Rep).QuerySelector("input[data-switch=away]")!.Change(true);
        page.Find($"#territory-{Rep.UserId}-input").Input("de, at");
        Row(page, Rep).QuerySelector("[data-action=add-country]")!.Click();
        page.Find($"#capacity-{Rep.UserId}").Input("5");
        Row(page, OtherRep).QuerySelector("[data-code=PT]")!.QuerySelector("button")!.Click();

        page.WaitForAssertion(() => Assert.Equal("2 unsaved", page.Find("#assignment-unsaved").TextContent.Trim()));
        Assert.Equal(["DE", "AT"], Codes(page, Rep));
        page.Find("#assignment-save").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Assignment rules saved for Sam Sales, Sofia Sales.", snackbars.Markup));
        var sams = await SavedRulesAsync(Rep);
        Assert.Equal((true, true, 5), (sams.TakesPart, sams.Away, sams.CapacityPerDay!.Value));
        Assert.Equal(["AT", "DE"], sams.Territory);
        Assert.Equal(["BR"], (await SavedRulesAsync(OtherRep)).Territory);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#assignment-unsaved")));
        Assert.Equal(["AT", "DE"], Codes(page, Rep));
        Assert.Equal("Handoffs today: 0 of 5", Row(page, Rep).QuerySelector("[data-today]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_code_that_is_not_a_country_and_a_capacity_of_zero_are_marked_and_nothing_is_saved()
    {
        var (_, page) = RenderForManager();

        page.Find($"#territory-{Rep.UserId}-input").Input("xx");
        page.Find($"#territory-{Rep.UserId}-input").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        page.Find($"#capacity-{OtherRep.UserId}").Input("0");

        page.WaitForAssertion(() => Assert.Equal("false", Row(page, Rep).QuerySelector("[data-code=XX]")!.GetAttribute("data-known")));
        Assert.Contains("XX is not an ISO 3166 two-letter country code (territory of Sam Sales).", Row(page, Rep).TextContent);
        Assert.Contains("Capacity per day for Sofia Sales must be between 1 and 1000, or empty for no limit.", Row(page, OtherRep).TextContent);
        page.Find("#assignment-save").Click();

        page.WaitForAssertion(() => Assert.Equal("Fix the marked fields first; nothing was saved.", page.Find("#assignment-error").TextContent.Trim()));
        Assert.Empty((await SavedRulesAsync(Rep)).Territory);
        Assert.Equal(3, (await SavedRulesAsync(OtherRep)).CapacityPerDay);

        // Removing the bad code and emptying the capacity (no limit) makes it saveable.
        Row(page, Rep).QuerySelector("[data-code=XX] button")!.Click();
        page.Find($"#capacity-{OtherRep.UserId}").Input("");
        page.Find("#assignment-save").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#assignment-unsaved")));
        Assert.Null((await SavedRulesAsync(OtherRep)).CapacityPerDay);
    }

    [Fact]
    public async Task Discarding_puts_back_what_is_saved()
    {
        var (_, page) = RenderForManager();
        Row(page, OtherRep).QuerySelector("input[data-switch=takes-part]")!.Change(false);
        page.WaitForElement("#assignment-discard");

        page.Find("#assignment-discard").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#assignment-unsaved")));
        Assert.True(Row(page, OtherRep).QuerySelector("input[data-switch=takes-part]")!.HasAttribute("checked"));
        Assert.True((await SavedRulesAsync(OtherRep)).TakesPart);
    }

    [Fact]
    public void Someone_who_is_not_a_manager_gets_the_refusal_not_the_rules()
    {
        var (_, page) = RenderAs(Marketer);

        page.WaitForAssertion(() => Assert.Contains("Your role does not allow this. It needs: Manager.", page.Find("#assignment-load-error").TextContent));
        Assert.Empty(page.FindAll("#assignment-table"));
    }
}
