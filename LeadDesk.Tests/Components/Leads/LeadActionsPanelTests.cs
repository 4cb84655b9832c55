using System.Globalization;
using System.Security.Claims;
using Bunit;
using LeadDesk.App.Components.Pages.Leads;
using LeadDesk.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Bant = LeadDesk.Domain.Qualification;

namespace LeadDesk.Tests.Components;

/// <summary>The action panel on the lead page: the buttons each person gets, and what they do to a real SQLite database.</summary>
public sealed class LeadActionsPanelTests : ComponentTestBase
{
    private TestDatabase _database = default!;

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Context.Services.AddLeadActionServices(_database);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Marketing_on_a_new_lead_can_promote_return_to_nurture_or_disqualify()
    {
        var id = await AddLeadAsync(LifecycleStage.Lead);
        SignIn(Leads.Marketer, Roles.Marketing);

        var page = RenderPage(id);

        Assert.Equal(["PromoteToMql", "ReturnToNurture", "Disqualify"], Actions(page));
        Assert.Equal("Promote to MQL", page.Find("#action-promotetomql").TextContent.Trim());
    }

    [Fact]
    public async Task The_owning_rep_of_an_SQL_can_convert_recycle_or_disqualify()
    {
        var id = await AddLeadAsync(LifecycleStage.SQL);
        SignIn(Leads.Rep, Roles.Sales);

        var page = RenderPage(id);

        Assert.Equal(["ConvertToOpportunity", "Recycle", "Disqualify"], Actions(page));
    }

    [Fact]
    public async Task Another_rep_gets_no_actions_on_someone_elses_SQL()
    {
        var id = await AddLeadAsync(LifecycleStage.SQL);
        SignIn(Leads.OtherRep, Roles.Sales);

        var page = RenderPage(id);

        Assert.Empty(Actions(page));
        Assert.Empty(page.FindAll("#lead-actions"));
    }

    [Fact]
    public async Task The_owning_rep_of_a_SAL_gets_a_link_to_the_BANT_form()
    {
        var id = await AddLeadAsync(LifecycleStage.SAL);
        SignIn(Leads.Rep, Roles.Sales);

        var page = RenderPage(id);

        Assert.Equal(["QualifyWithBant", "Recycle", "Disqualify"], Actions(page));
        Assert.Equal($"/leads/{id}/qualify", page.Find("#action-qualifywithbant").GetAttribute("href"));
    }

    [Fact]
    public async Task Converting_with_a_negative_amount_shows_the_error_beside_the_field_and_writes_nothing()
    {
        var id = await AddLeadAsync(LifecycleStage.SQL);
        SignIn(Leads.Rep, Roles.Sales);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage(id);

        page.Find("#action-converttoopportunity").Click();
        dialogs.WaitForElement("#convert-amount").Input("-5");
        dialogs.Find("#convert-amount").Blur(); // as a browser does on the way to the button
        dialogs.Find("#convert-confirm").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("The amount cannot be below zero.",
            dialogs.Find("#convert-amount").Closest(".mud-input-control")!.TextContent));
        Assert.Single(dialogs.FindAll("#convert-dialog"));
        await using var db = _database.NewContext();
        var lead = await db.Leads.SingleAsync(l => l.Id == id);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Null(lead.OpportunityAmount);
    }

    [Fact]
    public async Task Converting_with_an_amount_and_a_future_date_makes_an_opportunity()
    {
        var id = await AddLeadAsync(LifecycleStage.SQL);
        SignIn(Leads.Rep, Roles.Sales);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage(id);
        var close = DateTime.UtcNow.Date.AddDays(30);

        page.Find("#action-converttoopportunity").Click();
        dialogs.WaitForElement("#convert-amount").Input("25000");
        dialogs.Find("#convert-close-date").Change(close.ToString("d", CultureInfo.CurrentCulture));
        dialogs.Find("#convert-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("Opportunity", page.Find("[data-stage]").GetAttribute("data-stage")));
        Assert.Equal(["CloseWon", "CloseLost", "Disqualify"], Actions(page));
        await using var db = _database.NewContext();
        var lead = await db.Leads.SingleAsync(l => l.Id == id);
        Assert.Equal(LifecycleStage.Opportunity, lead.Stage);
        Assert.Equal(25000m, lead.OpportunityAmount);
        Assert.Equal(DateOnly.FromDateTime(close), lead.ExpectedCloseDate);
    }

    [Fact]
    public async Task Closing_won_after_confirming_moves_the_lead_to_Won()
    {
        var id = await AddLeadAsync(LifecycleStage.Opportunity);
        SignIn(Leads.Rep, Roles.Sales);
        var snackbars = Render<MudSnackbarProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage(id);

        page.Find("#action-closewon").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Close Ana Silva as won?", dialogs.Markup));
        dialogs.Find("#decision-note").Input("Signed for two years.");
        dialogs.Find("#decision-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("Won", page.Find("[data-stage]").GetAttribute("data-stage")));
        snackbars.WaitForAssertion(() => Assert.Contains("Ana Silva was closed as won.", snackbars.Markup));
        Assert.Empty(Actions(page));
        await using var db = _database.NewContext();
        Assert.Equal(LifecycleStage.Won, (await db.Leads.SingleAsync(l => l.Id == id)).Stage);
        var decision = await db.Decisions.Where(d => d.LeadId == id).OrderByDescending(d => d.Id).FirstAsync();
        Assert.Equal(LifecycleVerb.CloseWon, decision.Verb);
        Assert.Equal("Signed for two years.", decision.Note);
    }

    [Fact]
    public async Task Acting_on_a_lead_someone_changed_meanwhile_is_refused_and_the_page_reloads()
    {
        var id = await AddLeadAsync(LifecycleStage.Opportunity);
        SignIn(Leads.Rep, Roles.Sales);
        var snackbars = Render<MudSnackbarProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage(id);
        await using (var db = _database.NewContext())
        {
            var lead = await db.Leads.SingleAsync(l => l.Id == id);
            lead.CloseLost(Leads.Rep, DateTime.UtcNow, ReasonCode.Price, "From the other tab.");
            await db.SaveChangesAsync();
        }

        page.Find("#action-closewon").Click();
        dialogs.WaitForElement("#decision-confirm").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Sam Sales acted on this lead first", snackbars.Markup));
        page.WaitForAssertion(() => Assert.Equal("Lost", page.Find("[data-stage]").GetAttribute("data-stage")));
        Assert.Equal(["Recycle"], Actions(page));
        await using var check = _database.NewContext();
        Assert.Equal(LifecycleStage.Lost, (await check.Leads.SingleAsync(l => l.Id == id)).Stage);
    }

    [Fact]
    public async Task A_manager_reassigns_a_pending_handoff_to_another_active_rep()
    {
        await AddSalesRepsAsync(Leads.Rep, Leads.OtherRep);
        var id = await AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        var manager = new Actor("manager-1", "Maria Manager");
        SignIn(manager, Roles.Manager);
        var popovers = Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage(id);
        Assert.Equal(["Reassign"], Actions(page));

        page.Find("#action-reassign").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Now assigned to Sam Sales.", dialogs.Markup));
        dialogs.Find("#reassign-confirm").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Choose a rep.", dialogs.Markup));
        dialogs.Find("#reassign-rep").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => Assert.Equal(["Sofia Sales"], popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())));
        popovers.Find(".mud-list-item").Click();
        dialogs.Find("#reassign-confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("Sofia Sales", page.Find("#lead-actions").ParentElement!.TextContent));
        await using var db = _database.NewContext();
        Assert.Equal(Leads.OtherRep.UserId, (await db.Leads.SingleAsync(l => l.Id == id)).HandoffRepId);
    }

    [Fact]
    public async Task The_lead_page_shows_the_saved_BANT_answers()
    {
        var id = await AddLeadAsync(LifecycleStage.SAL);
        SignIn(Leads.Rep, Roles.Sales);
        var handoff = Context.Services.GetRequiredService<LeadDesk.Domain.Handoff.HandoffService>();
        await handoff.QualifyAsync(new Caller(Leads.Rep.UserId, Leads.Rep.Name, new HashSet<string> { Roles.Sales }), id,
            new(Bant.BudgetAnswer.Planned, Bant.AuthorityAnswer.DecisionMaker,
                Bant.NeedAnswer.Critical, Bant.TimelineAnswer.WithinQuarter, BudgetNote: "Approval due in May."));

        var page = RenderPage(id);

        var card = page.Find("#bant-card");
        Assert.Equal("Qualified", card.GetAttribute("data-outcome"));
        Assert.Contains("7/8", card.TextContent.Replace(" ", ""));
        Assert.Contains("Sam Sales", card.TextContent);
        var budget = page.Find("#bant-card [data-dimension=Budget]").TextContent;
        Assert.Contains("Planned, not yet approved", budget);
        Assert.Contains("Approval due in May.", budget);
        Assert.Contains("Makes the decision", page.Find("#bant-card [data-dimension=Authority]").TextContent);
    }

    private void SignIn(Actor who, string role) =>
        Context.AddAuthorization().SetAuthorized(who.Name).SetRoles(role).SetClaims(new Claim(ClaimTypes.NameIdentifier, who.UserId));

    private IRenderedComponent<LeadPage> RenderPage(int id)
    {
        var page = Render<LeadPage>(p => p.Add(x => x.Id, id));
        page.WaitForElement("h1");
        return page;
    }

    private static List<string> Actions(IRenderedComponent<LeadPage> page) =>
        page.FindAll("[data-action]").Select(b => b.GetAttribute("data-action")!).ToList();

    private async Task<int> AddLeadAsync(LifecycleStage stage, bool pendingHandoff = false)
    {
        await using var db = _database.NewContext();
        var lead = Journeys.MoveTo(Leads.New(), stage, Leads.Rep, pendingHandoff: pendingHandoff);
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }

    /// <summary>Identity rows for the roster: users in the Sales role.</summary>
    private async Task AddSalesRepsAsync(params Actor[] reps)
    {
        await using var db = _database.NewContext();
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.Sales);
        if (role is null)
        {
            role = new IdentityRole(Roles.Sales) { NormalizedName = Roles.Sales.ToUpperInvariant() };
            db.Roles.Add(role);
        }
        foreach (var rep in reps)
        {
            db.Users.Add(new AppUser { Id = rep.UserId, UserName = rep.UserId, DisplayName = rep.Name, EmailConfirmed = true });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = rep.UserId, RoleId = role.Id });
        }
        await db.SaveChangesAsync();
    }
}
