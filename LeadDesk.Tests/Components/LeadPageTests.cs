using Bunit;
using LeadDesk.App.Components.Pages.Leads;
using LeadDesk.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Components;

public sealed class LeadPageTests : ComponentTestBase
{
    private TestDatabase _database = default!;
    private int _leadId;

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext();
        var lead = Leads.New();
        lead.RecordEvent(EngagementEventType.DemoRequest, Leads.Now.AddDays(-1), "/demo");
        lead.RecordEvent(EngagementEventType.PricingPageVisit, Leads.Now.AddDays(-2), "/pricing");
        var score = LeadScorer.Score(lead.Profile, lead.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), DefaultScoringModel.Definition, Leads.Now);
        lead.ApplyScore(score, 1, Leads.Now);
        lead.Promote(Actor.System, Leads.Now, "Score met the MQL definition.");
        lead.HandOff(Leads.Marketer, Leads.Rep, Leads.Now.AddHours(1), "Asked for pricing twice.");
        lead.Reject(Leads.Rep, Leads.Now.AddHours(3), ReasonCode.NoBudget, "Budget frozen until March.", disqualify: false);
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        _leadId = lead.Id;
        Context.Services.AddLeadActionServices(_database); // the page's action panel acts through the handoff service
        Context.AddAuthorization().SetAuthorized("marketing@leaddesk.demo").SetRoles(Roles.Marketing);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void The_lead_page_explains_the_score_rule_by_rule()
    {
        var page = Render<LeadPage>(p => p.Add(x => x.Id, _leadId));

        page.WaitForAssertion(() => page.Find("#score-explanation"));
        var rows = page.FindAll("#score-explanation tr[data-rule]");
        var byRule = rows.ToDictionary(r => r.GetAttribute("data-rule")!, r => int.Parse(r.QuerySelectorAll("td").Last().TextContent.Trim().TrimStart('+')));
        Assert.Equal(15, byRule["fit-vp-director"]);
        Assert.Equal(8, byRule["fit-department"]);
        Assert.Equal(12, byRule["fit-size-mid"]);
        Assert.True(byRule["eng-demo"] > 0);
        Assert.True(byRule["eng-pricing"] > 0);
        var total = int.Parse(page.Find("#score-total").TextContent.Trim());
        Assert.Equal(total, byRule.Values.Sum());
    }

    [Fact]
    public void The_timeline_shows_each_decision_with_actor_reason_and_note()
    {
        var page = Render<LeadPage>(p => p.Add(x => x.Id, _leadId));

        page.WaitForAssertion(() => page.Find("#decision-timeline"));
        var timeline = page.Find("#decision-timeline").TextContent;
        Assert.Contains("Rejected by sales", timeline);
        Assert.Contains("Sam Sales", timeline);
        Assert.Contains("No budget", timeline);
        Assert.Contains("Budget frozen until March.", timeline);
        Assert.Contains("Handed off to sales", timeline);
        Assert.Contains("Promoted to MQL", timeline);
    }

    [Fact]
    public void An_unknown_lead_says_so()
    {
        var page = Render<LeadPage>(p => p.Add(x => x.Id, 999_999));

        page.WaitForAssertion(() => Assert.Contains("does not exist", page.Find("#lead-not-found").TextContent));
    }
}
