using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using LeadDesk.App.Components.Pages.Handoffs;
using HandoffsPage = LeadDesk.App.Components.Pages.Handoffs.Handoffs;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Sla;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace LeadDesk.Tests.Components.Handoffs;

/// <summary>
/// The /handoffs screen against a real SQLite database: two reps in the Sales role, four leads a marketer handed off
/// through <see cref="HandoffService"/> (round-robin: Ana and Carla to Sam, Bruno and Diego to Sofia).
/// </summary>
public sealed class HandoffsPageTests : ComponentTestBase
{
    private static readonly Caller Marketer = new("marketer-1", "Marta Marketing", new HashSet<string> { Roles.Marketing });
    private static readonly DateTime Start = Leads.Now;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private readonly InProcessLeadNotifier _notifier = new();
    private TestDatabase _database = default!;
    private HandoffService _handoffs = default!;
    private readonly Dictionary<string, int> _ids = [];

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_clock);
        await SeedPeopleAsync();
        _handoffs = new HandoffService(_database.Contexts, _clock, new SalesRoster(_database.Contexts, _clock, TeamTimeZone.Utc), _notifier);

        // Oldest first: Ana (29 h ago, overdue), Bruno, Carla (4 h ago), Diego. An SLA of 8 business hours (Mon–Fri 09–18 UTC):
        // Ana, handed off on Monday at noon, has waited 6 + 8 of them by Tuesday 17:00.
        await new SlaService(_database.Contexts, _clock, TeamTimeZone.Utc)
            .SaveAsync(new Caller("manager-1", "Maria Manager", new HashSet<string> { Roles.Manager }), SlaTerms.Default with { SalesAnswerHours = 8 });
        await HandOffAsync("Ana", "Silva", Start, "Sam Sales", "Asked for pricing twice.");
        await HandOffAsync("Bruno", "Costa", Start.AddHours(1), "Sofia Sales", "Webinar regular.");
        await HandOffAsync("Carla", "Dias", Start.AddHours(25), "Sam Sales", null);
        await HandOffAsync("Diego", "Rocha", Start.AddHours(26), "Sofia Sales", "Wants a demo next week.");
        _clock.SetUtcNow(Start.AddHours(29));

        Context.Services.AddDomainServices(_database);
        Context.Services.AddSingleton(new SalesRoster(_database.Contexts, _clock, TeamTimeZone.Utc));
        Context.Services.AddSingleton(new WorkQueues(_database.Contexts, _clock, TeamTimeZone.Utc));
        Context.Services.AddSingleton(_handoffs);
        Context.Services.AddSingleton<ILeadNotifier>(_notifier);
        Context.Services.AddScoped<CallerAccessor>();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void A_rep_sees_only_their_own_handoffs_oldest_first_with_the_marketers_note()
    {
        var (_, _, page) = RenderAs("rep-1", "Sam Sales", Roles.Sales);

        Assert.Equal(["Ana Silva", "Carla Dias"], Names(page));
        Assert.Equal("2 waiting", page.Find("#handoffs-count").TextContent.Trim());
        var ana = Row(page, "Ana");
        Assert.Equal("Marta Marketing", ana.QuerySelector("[data-marketer]")!.GetAttribute("data-marketer"));
        Assert.Equal("Asked for pricing twice.", ana.QuerySelector("[data-note]")!.TextContent.Trim());
        Assert.Contains("No note", Row(page, "Carla").TextContent);
        Assert.Equal("/leads/" + _ids["Ana"], ana.QuerySelector("a")!.GetAttribute("href"));

        // The age since the handoff, flagged once past the SLA with how much business time it is overdue.
        Assert.Equal("true", ana.QuerySelector("[data-overdue]")!.GetAttribute("data-overdue"));
        Assert.Contains("1 d 5 h", ana.QuerySelector("[data-overdue]")!.TextContent);
        Assert.Equal("Overdue by 6 h", ana.QuerySelector("[data-overdue-by]")!.TextContent.Trim());
        Assert.Equal("false", Row(page, "Carla").QuerySelector("[data-overdue]")!.GetAttribute("data-overdue"));
        Assert.Contains("4 h", Row(page, "Carla").QuerySelector("[data-overdue]")!.TextContent);
        // Carla: Tuesday 13:00 + 5 h that day + 3 h on Wednesday, in the culture's own format.
        Assert.Equal($"Due {new DateTime(2026, 11, 25, 12, 0, 0):g}", Row(page, "Carla").QuerySelector("[data-due]")!.TextContent.Trim());
        Assert.Equal("1 overdue", page.Find("#handoffs-overdue").TextContent.Trim());
        Assert.Contains("answer within 8 business hours", page.Find("#handoffs-sla").TextContent);

        // A rep has no rep column and no reassign button.
        Assert.Empty(page.FindAll("[data-rep]"));
        Assert.Empty(page.FindAll("[data-action=reassign]"));
    }

    [Fact]
    public void The_score_explanation_opens_from_its_button_and_says_so_to_assistive_technology()
    {
        var (_, _, page) = RenderAs("rep-1", "Sam Sales", Roles.Sales);
        var toggle = Row(page, "Ana").QuerySelector("[data-action=why]")!;
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.Empty(page.FindAll($"#why-{_ids["Ana"]} [data-rule]"));

        toggle.Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"#why-{_ids["Ana"]} [data-rule]")));
        Assert.Equal("true", Row(page, "Ana").QuerySelector("[data-action=why]")!.GetAttribute("aria-expanded"));
        Assert.Contains(page.FindAll($"#why-{_ids["Ana"]} [data-rule]"), rule => rule.GetAttribute("data-rule") == "fit-vp-director" && rule.TextContent.Contains("+15"));
    }

    [Fact]
    public async Task Accepting_moves_the_lead_to_SAL_and_removes_the_row()
    {
        var (dialogs, _, page) = RenderAs("rep-1", "Sam Sales", Roles.Sales);

        Row(page, "Ana").QuerySelector("[data-action=accept]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Accept Ana Silva?", dialogs.Markup));
        dialogs.Find("#decision-note").Input("Calling tomorrow.");
        dialogs.Find("#decision-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(["Carla Dias"], Names(page)));
        Assert.Equal("1 waiting", page.Find("#handoffs-count").TextContent.Trim());
        await using var db = _database.NewContext();
        var lead = await db.Leads.SingleAsync(l => l.Id == _ids["Ana"]);
        Assert.Equal(LifecycleStage.SAL, lead.Stage);
        Assert.Equal("rep-1", lead.OwnerId);
        var acceptance = await db.Decisions.SingleAsync(d => d.LeadId == lead.Id && d.Verb == LifecycleVerb.Accept);
        Assert.Equal("rep-1", acceptance.ActorId);
        Assert.Equal("Calling tomorrow.", acceptance.Note);
    }

    [Fact]
    public async Task The_reject_dialog_refuses_an_empty_reason_then_sends_the_lead_to_nurture_with_it()
    {
        var (dialogs, _, page) = RenderAs("rep-1", "Sam Sales", Roles.Sales);

        Row(page, "Ana").QuerySelector("[data-action=reject]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Reject Ana Silva?", dialogs.Markup));
        dialogs.Find("#decision-confirm").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Choose a reason.", dialogs.Markup));
        Assert.Single(dialogs.FindAll("#decision-confirm"));
        Assert.Equal(["Ana Silva", "Carla Dias"], Names(page));
        await using (var db = _database.NewContext())
        {
            var untouched = await db.Leads.SingleAsync(l => l.Id == _ids["Ana"]);
            Assert.Equal(LifecycleStage.MQL, untouched.Stage);
            Assert.Equal("rep-1", untouched.HandoffRepId);
        }

        var reason = dialogs.FindComponent<MudSelect<ReasonCode?>>();
        await dialogs.InvokeAsync(() => reason.Instance.SelectOption((ReasonCode?)ReasonCode.NoBudget));
        dialogs.Find("#decision-note").Input("Budget frozen until March.");
        dialogs.Find("#decision-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(["Carla Dias"], Names(page)));
        Assert.Empty(dialogs.FindAll("#decision-confirm"));
        await using (var db = _database.NewContext())
        {
            var lead = await db.Leads.SingleAsync(l => l.Id == _ids["Ana"]);
            Assert.Equal(LifecycleStage.Nurture, lead.Stage);
            var rejection = await db.Decisions.SingleAsync(d => d.LeadId == lead.Id && d.Verb == LifecycleVerb.Reject);
            Assert.Equal(ReasonCode.NoBudget, rejection.Reason);
            Assert.Equal("Budget frozen until March.", rejection.Note);
        }
    }

    [Fact]
    public async Task Keyboard_j_then_a_accepts_the_second_row()
    {
        var (dialogs, _, page) = RenderAs("rep-1", "Sam Sales", Roles.Sales);
        Assert.Equal("true", Row(page, "Ana").GetAttribute("aria-selected"));

        page.Find("#handoffs-table").KeyDown(new KeyboardEventArgs { Key = "j" });
        page.WaitForAssertion(() => Assert.Equal("true", Row(page, "Carla").GetAttribute("aria-selected")));
        Assert.Equal("false", Row(page, "Ana").GetAttribute("aria-selected"));

        page.Find("#handoffs-table").KeyDown(new KeyboardEventArgs { Key = "a" });
        dialogs.WaitForAssertion(() => Assert.Contains("Accept Carla Dias?", dialogs.Markup));
        // While the dialog is open the page's keys are off: 'k' moves nothing.
        page.Find("#handoffs-table").KeyDown(new KeyboardEventArgs { Key = "k" });
        Assert.Equal("true", Row(page, "Carla").GetAttribute("aria-selected"));
        dialogs.Find("#decision-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(["Ana Silva"], Names(page)));
        await using var db = _database.NewContext();
        Assert.Equal(LifecycleStage.SAL, (await db.Leads.SingleAsync(l => l.Id == _ids["Carla"])).Stage);
        Assert.Equal(LifecycleStage.MQL, (await db.Leads.SingleAsync(l => l.Id == _ids["Ana"])).Stage);
    }

    [Fact]
    public async Task Answering_a_handoff_someone_else_changed_first_says_who_and_reloads()
    {
        var (dialogs, snackbars, page) = RenderAs("rep-1", "Sam Sales", Roles.Sales);
        Row(page, "Ana").QuerySelector("[data-action=accept]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Accept Ana Silva?", dialogs.Markup));

        var manager = new Caller("mgr-1", "Maria Manager", new HashSet<string> { Roles.Manager });
        await _handoffs.ReassignAsync(manager, _ids["Ana"], "rep-2", null);
        dialogs.Find("#decision-confirm").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Maria Manager acted on this lead first", snackbars.Markup));
        page.WaitForAssertion(() => Assert.Equal(["Carla Dias"], Names(page)));
        await using var db = _database.NewContext();
        var lead = await db.Leads.SingleAsync(l => l.Id == _ids["Ana"]);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal("rep-2", lead.HandoffRepId);
    }

    [Fact]
    public async Task A_handoff_made_while_the_page_is_open_appears_at_once_with_a_snackbar()
    {
        var (_, snackbars, page) = RenderAs("rep-1", "Sam Sales", Roles.Sales);
        var elena = await NewMqlAsync("Elena", "Ruiz");

        var result = Assert.Single(await _handoffs.HandOffAsync(Marketer, [elena], "Came back from the webinar."));

        Assert.Equal("Sam Sales", result.RepName);
        page.WaitForAssertion(() => Assert.Equal(["Ana Silva", "Carla Dias", "Elena Ruiz"], Names(page)));
        Assert.Equal("3 waiting", page.Find("#handoffs-count").TextContent.Trim());
        snackbars.WaitForAssertion(() => Assert.Contains("New handoff: Elena Ruiz from Marta Marketing", snackbars.Markup));
    }

    [Fact]
    public async Task A_row_reassigned_by_a_manager_disappears_without_reload()
    {
        var (_, _, page) = RenderAs("rep-1", "Sam Sales", Roles.Sales);
        var manager = new Caller("mgr-1", "Maria Manager", new HashSet<string> { Roles.Manager });

        await _handoffs.ReassignAsync(manager, _ids["Carla"], "rep-2", "Sofia covers Brazil.");

        page.WaitForAssertion(() => Assert.Equal(["Ana Silva"], Names(page)));
    }

    [Fact]
    public async Task A_manager_sees_every_handoff_with_its_rep_and_can_reassign_one()
    {
        var (dialogs, snackbars, page) = RenderAs("mgr-1", "Maria Manager", Roles.Manager);

        Assert.Equal(["Ana Silva", "Bruno Costa", "Carla Dias", "Diego Rocha"], Names(page));
        Assert.Equal("Sam Sales", Row(page, "Ana").QuerySelector("[data-rep]")!.TextContent.Trim());
        Assert.Equal("Sofia Sales", Row(page, "Bruno").QuerySelector("[data-rep]")!.TextContent.Trim());
        Assert.Empty(page.FindAll("[data-action=accept]"));
        Assert.Empty(page.FindAll("[data-action=reject]"));

        Row(page, "Ana").QuerySelector("[data-action=reassign]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Now assigned to Sam Sales", dialogs.Markup));
        var rep = dialogs.FindComponent<MudSelect<string>>();
        await dialogs.InvokeAsync(() => rep.Instance.SelectOption("rep-2"));
        dialogs.Find("#reassign-note").Input("Sam is on holiday.");
        dialogs.Find("#reassign-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("Sofia Sales", Row(page, "Ana").QuerySelector("[data-rep]")!.TextContent.Trim()));
        snackbars.WaitForAssertion(() => Assert.Contains("Ana Silva reassigned to Sofia Sales.", snackbars.Markup));
        await using var db = _database.NewContext();
        var lead = await db.Leads.SingleAsync(l => l.Id == _ids["Ana"]);
        Assert.Equal("rep-2", lead.HandoffRepId);
        var reassignment = await db.Decisions.SingleAsync(d => d.LeadId == lead.Id && d.Verb == LifecycleVerb.Reassign);
        Assert.Equal("Sam is on holiday.", reassignment.Note);
    }

    [Fact]
    public async Task A_manager_can_narrow_the_queue_to_one_rep()
    {
        var (_, _, page) = RenderAs("mgr-1", "Maria Manager", Roles.Manager);

        var filter = page.FindComponent<MudSelect<string>>();
        await page.InvokeAsync(() => filter.Instance.SelectOption("rep-2"));

        page.WaitForAssertion(() => Assert.Equal(["Bruno Costa", "Diego Rocha"], Names(page)));
        Assert.Equal("2 waiting", page.Find("#handoffs-count").TextContent.Trim());
    }

    [Fact]
    public async Task A_rep_with_nothing_waiting_sees_the_empty_state()
    {
        await using (var db = _database.NewContext())
        {
            db.Users.Add(new AppUser { Id = "rep-3", UserName = "nina@x", Email = "nina@x", DisplayName = "Nina New" });
            await db.SaveChangesAsync();
        }
        var (_, _, page) = RenderAs("rep-3", "Nina New", Roles.Sales, waitForRows: false);

        page.WaitForAssertion(() => Assert.Contains("No handoffs waiting for you.", page.Find("#handoffs-empty").TextContent));
        Assert.Equal("0 waiting", page.Find("#handoffs-count").TextContent.Trim());
    }

    [Fact]
    public void A_refusal_from_the_queue_shows_as_an_error_with_a_retry()
    {
        var (_, _, page) = RenderAs("marketer-1", "Marta Marketing", Roles.Marketing, waitForRows: false);

        page.WaitForAssertion(() => Assert.Contains("Your role does not allow this. It needs: Sales / Manager.", page.Find("#handoffs-error").TextContent));
        Assert.Contains("Try again", page.Find("#handoffs-error").TextContent);
        Assert.Empty(page.FindAll("#handoffs-table"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars, IRenderedComponent<HandoffsPage> Page)
        RenderAs(string userId, string name, string role, bool waitForRows = true)
    {
        Context.AddAuthorization()
            .SetAuthorized(name)
            .SetRoles(role)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, userId), new Claim(LeadDeskClaims.DisplayName, name));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<HandoffsPage>();
        if (waitForRows) page.WaitForElement("#handoffs-table tr[data-lead-id]");
        return (dialogs, snackbars, page);
    }

    private static List<string> Names(IRenderedComponent<HandoffsPage> page) =>
        page.FindAll("#handoffs-table tr[data-lead-id] td:first-child a").Select(a => a.TextContent.Trim()).ToList();

    private IElement Row(IRenderedComponent<HandoffsPage> page, string firstName) => page.Find($"#handoff-{_ids[firstName]}");

    private async Task HandOffAsync(string first, string last, DateTime at, string expectedRep, string? note)
    {
        _clock.SetUtcNow(at);
        var id = await NewMqlAsync(first, last);
        var result = Assert.Single(await _handoffs.HandOffAsync(Marketer, [id], note));
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(expectedRep, result.RepName);
    }

    /// <summary>A scored lead that met the MQL definition, waiting in marketing's queue.</summary>
    private async Task<int> NewMqlAsync(string first, string last)
    {
        await using var db = _database.NewContext();
        var lead = Lead.Create(Leads.Profile($"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@acme.com", first, last), Start.AddDays(-30));
        lead.RecordEvent(EngagementEventType.DemoRequest, Start.AddDays(-1), "/demo");
        var score = LeadScorer.Score(lead.Profile, lead.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), DefaultScoringModel.Definition, Start);
        lead.ApplyScore(score, 1, Start);
        lead.Promote(Actor.System, Start, "Score met the MQL definition.");
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        _ids[first] = lead.Id;
        return lead.Id;
    }

    /// <summary>Two reps in the Sales role (the roster's round-robin picks Sam first: ties go by name) and a manager.</summary>
    private async Task SeedPeopleAsync()
    {
        await using var db = _database.NewContext();
        var roles = Roles.All.ToDictionary(r => r, r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() });
        db.Roles.AddRange(roles.Values);
        void AddUser(string id, string email, string name, string role)
        {
            db.Users.Add(new AppUser { Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, DisplayName = name, EmailConfirmed = true });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = roles[role].Id });
        }
        AddUser("rep-1", "sam@x", "Sam Sales", Roles.Sales);
        AddUser("rep-2", "sofia@x", "Sofia Sales", Roles.Sales);
        AddUser("mgr-1", "maria@x", "Maria Manager", Roles.Manager);
        AddUser("marketer-1", "marta@x", "Marta Marketing", Roles.Marketing);
        await db.SaveChangesAsync();
    }
}
