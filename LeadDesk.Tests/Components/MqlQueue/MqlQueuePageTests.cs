using System.Security.Claims;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MqlQueuePage = LeadDesk.App.Components.Pages.MqlQueue.MqlQueue;

namespace LeadDesk.Tests.Components.MqlQueue;

/// <summary>
/// The /mql screen on a real SQLite database: three MQLs waiting (oldest first), one already handed off, one plain lead;
/// two marketers, two sales reps in the roster and a manager, as Identity users with roles.
/// </summary>
public sealed class MqlQueuePageTests : ComponentTestBase
{
    private static readonly Actor Marketer = new("mkt-1", "Marta Marketing");
    private static readonly Actor OtherMarketer = new("mkt-2", "Mario Marketing");
    private static readonly Actor Manager = new("mgr-1", "Maria Manager");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = default!;
    private int _ana, _bruno, _carla, _diego;
    private bool _signedIn;

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_clock);
        await SeedPeopleAsync();
        await using (var db = _database.NewContext())
        {
            var ana = Mql("ana@acme.com", "Ana", "Silva", promotedAgo: new TimeSpan(3, 4, 0, 0),
                (EngagementEventType.DemoRequest, 2), (EngagementEventType.PricingPageVisit, 4), (EngagementEventType.EmailClick, 6), (EngagementEventType.PageVisit, 8));
            var bruno = Mql("bruno@zeta.com", "Bruno", "Costa", promotedAgo: TimeSpan.FromHours(26), (EngagementEventType.WebinarAttended, 3));
            var carla = Mql("carla@beta.com", "Carla", "Mendes", promotedAgo: TimeSpan.FromMinutes(130), (EngagementEventType.ContentDownload, 1));
            var handedOff = Journeys.MoveTo(Lead.Create(Leads.Profile("eva@gamma.com", "Eva", "Handed"), Leads.Now.AddDays(-40)),
                LifecycleStage.MQL, pendingHandoff: true);
            var diego = Lead.Create(Leads.Profile("diego@delta.com", "Diego", "Alves"), Leads.Now.AddDays(-10));
            db.Leads.AddRange(ana, bruno, carla, handedOff, diego);
            await db.SaveChangesAsync();
            (_ana, _bruno, _carla, _diego) = (ana.Id, bruno.Id, carla.Id, diego.Id);
        }

        Context.Services.AddDomainServices(_database);
        Context.Services.AddSingleton<ILeadNotifier, InProcessLeadNotifier>();
        Context.Services.AddSingleton<SalesRoster>();
        Context.Services.AddSingleton<HandoffService>();
        Context.Services.AddSingleton<WorkQueues>();
        Context.Services.AddScoped<CallerAccessor>();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void MQLs_are_listed_oldest_first_with_the_score_split_and_the_explanation_after_expanding()
    {
        var (_, _, page) = RenderAs(Marketer, Roles.Marketing);

        Assert.Equal(["Ana Silva", "Bruno Costa", "Carla Mendes"], Names(page));
        Assert.Equal("3 MQLs waiting", page.Find("#mql-count").TextContent.Trim());

        var ana = Row(page, _ana);
        var badge = ana.QuerySelector("td[data-score] [aria-label]")!.GetAttribute("aria-label")!;
        Assert.Matches(@"^Score \d+, Fit \d+, Engagement \d+$", badge);
        Assert.Equal("3 d 4 h", ana.QuerySelector("td[data-waiting] p")!.TextContent.Trim());
        Assert.Equal("2 h 10 min", Row(page, _carla).QuerySelector("td[data-waiting] p")!.TextContent.Trim());
        var activity = ana.QuerySelectorAll("td[data-activity] li").Select(li => Regex.Replace(li.TextContent.Trim(), @"\s+", " ")).ToList();
        Assert.Equal(["Demo requested · 2 d ago", "Pricing page visit · 4 d ago", "Email link clicked · 6 d ago"], activity);

        Assert.Empty(page.FindAll("[data-explanation]"));
        var why = WhyButton(page, _ana);
        Assert.Equal("false", why.GetAttribute("aria-expanded"));
        Assert.Equal("Why Ana Silva has this score", why.GetAttribute("aria-label"));
        why.Click();

        page.WaitForAssertion(() => Assert.Equal("true", WhyButton(page, _ana).GetAttribute("aria-expanded")));
        var explanation = page.Find($"#mql-why-{_ana} [data-explanation]");
        var points = explanation.QuerySelectorAll("tr[data-rule]")
            .ToDictionary(r => r.GetAttribute("data-rule")!, r => int.Parse(r.QuerySelectorAll("td").Last().TextContent.Trim().TrimStart('+')));
        Assert.Equal(15, points["fit-vp-director"]);
        Assert.True(points["eng-demo"] > 0);
        var total = int.Parse(ana.QuerySelector("td[data-score]")!.GetAttribute("data-score")!);
        Assert.Equal(total, points.Values.Sum());
        Assert.Equal($"Score {total}, Fit {FitOf(explanation)}, Engagement {total - FitOf(explanation)}", badge);

        WhyButton(page, _ana).Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-explanation]")));
    }

    [Fact]
    public async Task A_marketer_promoting_one_row_hands_it_to_the_next_rep_and_the_row_leaves()
    {
        var (dialogs, snackbars, page) = RenderAs(Marketer, Roles.Marketing);

        var promote = Row(page, _bruno).QuerySelector("[data-action=handoff]")!;
        Assert.Equal("Promote Bruno Costa to sales", promote.GetAttribute("aria-label"));
        promote.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Promote Bruno Costa to sales", dialogs.Markup));
        Assert.Empty(dialogs.FindAll("#decision-reason")); // a handoff takes no reason
        dialogs.Find("#decision-note").Input("Asked for a demo twice.");
        dialogs.Find("#decision-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(["Ana Silva", "Carla Mendes"], Names(page)));
        snackbars.WaitForAssertion(() => Assert.Contains("Bruno Costa handed off to Sofia Sales.", snackbars.Markup));
        Assert.Equal("2 MQLs waiting", page.Find("#mql-count").TextContent.Trim());
        var decision = await LastDecisionAsync(_bruno);
        Assert.Equal((LifecycleVerb.HandOff, "mkt-1", "rep-2", "Asked for a demo twice."), (decision.Verb, decision.ActorId, decision.AssignedToId, decision.Note));
    }

    [Fact]
    public async Task Promoting_the_selected_rows_hands_them_off_in_one_go_and_says_who_got_them()
    {
        var (dialogs, snackbars, page) = RenderAs(Marketer, Roles.Marketing);
        Assert.True(page.Find("#mql-bulk-handoff").HasAttribute("disabled"));

        Checkbox(page, _ana).Change(true);
        Checkbox(page, _carla).Change(true);
        page.WaitForAssertion(() => Assert.Equal("Promote 2 to sales", page.Find("#mql-bulk-handoff").TextContent.Trim()));
        page.Find("#mql-bulk-handoff").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Promote 2 leads to sales", dialogs.Markup));
        dialogs.Find("#decision-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(["Bruno Costa"], Names(page)));
        snackbars.WaitForAssertion(() => Assert.Contains("2 handed off: Sam Sales ×1, Sofia Sales ×1", snackbars.Markup));
        Assert.Equal("Promote selected to sales", page.Find("#mql-bulk-handoff").TextContent.Trim());
        Assert.Equal(LifecycleVerb.HandOff, (await LastDecisionAsync(_ana)).Verb);
        Assert.Equal(LifecycleVerb.HandOff, (await LastDecisionAsync(_carla)).Verb);
        Assert.Equal(LifecycleVerb.Promote, (await LastDecisionAsync(_bruno)).Verb);
    }

    [Fact]
    public void MQLs_past_marketing_s_SLA_are_flagged_with_how_long_overdue_and_the_rest_show_when_they_are_due()
    {
        var (_, _, page) = RenderAs(Marketer, Roles.Marketing);

        // 8 business hours (Mon–Fri 09–18 UTC). Ana became an MQL on Friday 08:00: 9 + 3 hours by Monday noon.
        Assert.Equal("Overdue by 4 h", Row(page, _ana).QuerySelector($"[data-overdue-by='{_ana}']")!.TextContent.Trim());
        Assert.Contains("ld-mql-overdue", Row(page, _ana).GetAttribute("class"));
        // Bruno on Sunday 10:00 counts from Monday 09:00; Carla from 09:50.
        Assert.Equal($"Due {new DateTime(2026, 11, 23, 17, 0, 0):g}", Row(page, _bruno).QuerySelector($"[data-due='{_bruno}']")!.TextContent.Trim());
        Assert.Equal($"Due {new DateTime(2026, 11, 23, 17, 50, 0):g}", Row(page, _carla).QuerySelector($"[data-due='{_carla}']")!.TextContent.Trim());
        Assert.DoesNotContain("ld-mql-overdue", Row(page, _bruno).GetAttribute("class"));
        Assert.Equal("1 overdue", page.Find("#mql-overdue").TextContent.Trim());
        Assert.Contains("review within 8 business hours", page.Find("#mql-sla").TextContent);
    }

    [Fact]
    public async Task When_no_rep_can_take_the_selected_leads_the_failures_are_reported_and_stay_selected()
    {
        await using (var db = _database.NewContext())
            await db.Users.Where(u => u.Id == "rep-1" || u.Id == "rep-2").ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.MaxValue));
        var (dialogs, snackbars, page) = RenderAs(Marketer, Roles.Marketing);

        Checkbox(page, _ana).Change(true);
        Checkbox(page, _bruno).Change(true);
        page.WaitForAssertion(() => Assert.False(page.Find("#mql-bulk-handoff").HasAttribute("disabled")));
        page.Find("#mql-bulk-handoff").Click();
        dialogs.WaitForElement("#decision-confirm").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("2 failed: Ana Silva (No sales rep can take this lead now", snackbars.Markup));
        page.WaitForAssertion(() => Assert.Equal("Promote 2 to sales", page.Find("#mql-bulk-handoff").TextContent.Trim()));
        Assert.Equal(3, Names(page).Count);
        Assert.True(Checkbox(page, _ana).HasAttribute("checked"));
        Assert.True(Checkbox(page, _bruno).HasAttribute("checked"));
        Assert.False(Checkbox(page, _carla).HasAttribute("checked"));
    }

    [Fact]
    public void A_manager_sees_the_queue_and_the_explanations_but_no_actions()
    {
        var (_, _, page) = RenderAs(Manager, Roles.Manager);

        Assert.Equal(["Ana Silva", "Bruno Costa", "Carla Mendes"], Names(page));
        Assert.Empty(page.FindAll("[data-action=handoff], [data-action=nurture], [data-action=disqualify]"));
        Assert.Empty(page.FindAll("td[data-select], #mql-select-all, #mql-bulk-handoff"));
        Assert.Contains("only Marketing can act on it", page.Markup);
        WhyButton(page, _carla).Click();
        page.WaitForAssertion(() => page.Find($"#mql-why-{_carla} [data-explanation]"));
    }

    [Fact]
    public async Task An_empty_queue_says_where_MQLs_come_from()
    {
        SignIn(Marketer, Roles.Marketing); // every service is registered before the first is asked for
        var handoffs = Context.Services.GetRequiredService<HandoffService>();
        Assert.All(await handoffs.HandOffAsync(CallerFor(Marketer, Roles.Marketing), [_ana, _bruno, _carla], null), r => Assert.True(r.Succeeded));

        var (_, _, page) = RenderAs(Marketer, Roles.Marketing, waitForRows: false);

        page.WaitForAssertion(() => Assert.Equal(
            "No MQLs waiting. New MQLs appear here when a lead's score meets the MQL definition.", page.Find("#mql-empty").TextContent.Trim()));
        Assert.Empty(Names(page));
        Assert.Equal("0 MQLs waiting", page.Find("#mql-count").TextContent.Trim());
    }

    [Fact]
    public async Task A_lead_another_marketer_hands_off_leaves_the_queue_and_the_selection_without_a_click()
    {
        var (_, snackbars, page) = RenderAs(Marketer, Roles.Marketing);
        Checkbox(page, _ana).Change(true);
        page.WaitForAssertion(() => Assert.Equal("Promote 1 to sales", page.Find("#mql-bulk-handoff").TextContent.Trim()));

        var handoffs = Context.Services.GetRequiredService<HandoffService>();
        Assert.True((await handoffs.HandOffAsync(CallerFor(OtherMarketer, Roles.Marketing), [_ana], null)).Single().Succeeded);

        AsTimePasses(() => Assert.Equal(["Bruno Costa", "Carla Mendes"], Names(page)));
        page.WaitForAssertion(() => Assert.Equal("Promote selected to sales", page.Find("#mql-bulk-handoff").TextContent.Trim()));
        snackbars.WaitForAssertion(() => Assert.Contains("Mario Marketing acted on Ana Silva first; it is no longer selected.", snackbars.Markup));
    }

    [Fact]
    public async Task A_new_MQL_appears_with_a_notice()
    {
        var (_, snackbars, page) = RenderAs(Marketer, Roles.Marketing);

        var handoffs = Context.Services.GetRequiredService<HandoffService>();
        await handoffs.PromoteAsync(CallerFor(OtherMarketer, Roles.Marketing), _diego, "Met him at the trade fair.");

        AsTimePasses(() => Assert.Equal(["Ana Silva", "Bruno Costa", "Carla Mendes", "Diego Alves"], Names(page)));
        snackbars.WaitForAssertion(() => Assert.Contains("New MQL: Diego Alves", snackbars.Markup));
    }

    [Fact]
    public void A_burst_of_promotions_makes_one_notice_not_one_per_lead()
    {
        var (_, snackbars, page) = RenderAs(Marketer, Roles.Marketing);
        var notifier = Context.Services.GetRequiredService<ILeadNotifier>();

        // What a scoring model save that qualifies 300 leads publishes, within a second.
        for (var i = 0; i < 300; i++)
            notifier.Publish(new LeadNotification(10_000 + i, $"Lead {i}", LifecycleVerb.Promote, LifecycleStage.MQL,
                "system", "Scoring model v2", null, Leads.Now));

        AsTimePasses(() => Assert.Contains("300 new MQLs", snackbars.Markup));
        Assert.DoesNotContain("New MQL:", snackbars.Markup);
        Assert.Single(snackbars.FindAll(".mud-snackbar"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Lets the fake clock run until <paramref name="assertion"/> holds: live changes reach the page on other threads and
    /// are gathered for a moment of the page's clock before it reacts.
    /// </summary>
    private void AsTimePasses(Action assertion)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars, IRenderedComponent<MqlQueuePage> Page)
        RenderAs(Actor person, string role, bool waitForRows = true)
    {
        if (!_signedIn) SignIn(person, role);
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<MqlQueuePage>();
        if (waitForRows) page.WaitForAssertion(() => Assert.NotEmpty(Names(page)));
        return (dialogs, snackbars, page);
    }

    private void SignIn(Actor person, string role)
    {
        Context.AddAuthorization()
            .SetAuthorized(person.UserId)
            .SetRoles(role)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, person.UserId), new Claim(LeadDeskClaims.DisplayName, person.Name));
        _signedIn = true;
    }

    private static Caller CallerFor(Actor person, string role) => new(person.UserId, person.Name, new HashSet<string> { role });

    private static List<string> Names(IRenderedComponent<MqlQueuePage> page) =>
        page.FindAll("#mql-table td[data-lead] a").Select(a => a.TextContent.Trim()).ToList();

    private static IElement Row(IRenderedComponent<MqlQueuePage> page, int leadId) => page.Find($"td[data-lead='{leadId}']").ParentElement!;

    private static IElement WhyButton(IRenderedComponent<MqlQueuePage> page, int leadId) =>
        Row(page, leadId).QuerySelector("button[data-action=why]")!;

    private static IElement Checkbox(IRenderedComponent<MqlQueuePage> page, int leadId) => page.Find($"td[data-select='{leadId}'] input[type=checkbox]");

    private static int FitOf(IElement explanation) =>
        int.Parse(explanation.QuerySelector("[data-component=Fit] th.ld-mql-points")!.TextContent.Trim());

    private async Task<Decision> LastDecisionAsync(int leadId)
    {
        await using var db = _database.NewContext();
        return await db.Decisions.AsNoTracking().Where(d => d.LeadId == leadId).OrderByDescending(d => d.At).ThenByDescending(d => d.Id).FirstAsync();
    }

    private static Lead Mql(string email, string first, string last, TimeSpan promotedAgo, params (EngagementEventType Type, int DaysAgo)[] events)
    {
        var lead = Lead.Create(Leads.Profile(email, first, last) with { Company = $"{last} & Co" }, Leads.Now.AddDays(-30));
        foreach (var (type, daysAgo) in events)
            lead.RecordEvent(type, Leads.Now.AddDays(-daysAgo), null);
        var score = LeadScorer.Score(lead.Profile, lead.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), DefaultScoringModel.Definition, Leads.Now);
        lead.ApplyScore(score, 1, Leads.Now - promotedAgo);
        lead.Promote(Actor.System, Leads.Now - promotedAgo, "Score met the MQL definition.");
        return lead;
    }

    private async Task SeedPeopleAsync()
    {
        await using var db = _database.NewContext();
        var roles = Roles.All.ToDictionary(r => r, r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() });
        db.Roles.AddRange(roles.Values);
        foreach (var (person, role) in new[]
                 {
                     (Marketer, Roles.Marketing), (OtherMarketer, Roles.Marketing), (Leads.Rep, Roles.Sales), (Leads.OtherRep, Roles.Sales),
                     (Manager, Roles.Manager),
                 })
        {
            var email = $"{person.UserId}@leaddesk.test";
            db.Users.Add(new AppUser
            {
                Id = person.UserId, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = person.Name, SecurityStamp = Guid.NewGuid().ToString(),
            });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = person.UserId, RoleId = roles[role].Id });
        }
        await db.SaveChangesAsync();
    }
}
