using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Domain;

public sealed class ScoringServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(_clock);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_lead_whose_score_crosses_the_MQL_definition_is_promoted_by_the_system_with_the_reason()
    {
        var scoring = new ScoringService(_database.Contexts, _clock);
        var model = await scoring.GetActiveModelAsync();
        var lead = Leads.New();
        lead.RecordEvent(EngagementEventType.DemoRequest, Leads.Now.AddDays(-1), "/demo");

        var score = scoring.Rescore(lead, model);

        Assert.True(LeadScorer.CheckMql(score, model.Definition.Mql).Meets);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        var decision = Assert.Single(lead.Decisions);
        Assert.Equal(Actor.System.UserId, decision.ActorId);
        Assert.Equal(LifecycleVerb.Promote, decision.Verb);
        Assert.Contains($"Score {score.Total}", decision.Note);
        Assert.Equal(score.Total, decision.ScoreAtDecision);
        Assert.Equal(model.Version, lead.ScoreModelVersion);
    }

    [Fact]
    public async Task An_engaged_lead_with_poor_fit_is_scored_but_stays_a_lead()
    {
        var scoring = new ScoringService(_database.Contexts, _clock);
        var model = await scoring.GetActiveModelAsync();
        var lead = Lead.Create(Leads.Profile("student@gmail.com") with { JobTitle = "MBA Student", Seniority = Seniority.Entry, CompanySize = 1 }, Leads.Now.AddDays(-10));
        for (var i = 0; i < 6; i++) lead.RecordEvent(EngagementEventType.ContentDownload, Leads.Now.AddDays(-i), "report");
        lead.RecordEvent(EngagementEventType.DemoRequest, Leads.Now.AddDays(-1), "/demo");
        lead.RecordEvent(EngagementEventType.PricingPageVisit, Leads.Now.AddDays(-1), "/pricing");
        lead.RecordEvent(EngagementEventType.WebinarAttended, Leads.Now.AddDays(-2), "CRM migration webinar");
        lead.RecordEvent(EngagementEventType.FormSubmission, Leads.Now.AddDays(-2), "/contact");

        var score = scoring.Rescore(lead, model);

        Assert.True(score.Engagement >= model.Definition.Mql.Threshold, "engaged enough on its own");
        Assert.True(score.Fit < model.Definition.Mql.MinimumFit);
        Assert.Equal(LifecycleStage.Lead, lead.Stage);
        Assert.Empty(lead.Decisions);
    }

    [Fact]
    public async Task A_lead_already_with_sales_is_rescored_without_a_new_decision()
    {
        var scoring = new ScoringService(_database.Contexts, _clock);
        var model = await scoring.GetActiveModelAsync();
        var lead = Journeys.MoveTo(Leads.New(), LifecycleStage.SAL, start: Leads.Now.AddDays(-5));
        var decisions = lead.Decisions.Count;
        lead.RecordEvent(EngagementEventType.DemoRequest, Leads.Now.AddHours(-1), "/demo");

        scoring.Rescore(lead, model);

        Assert.Equal(LifecycleStage.SAL, lead.Stage);
        Assert.Equal(decisions, lead.Decisions.Count);
        await using var db = _database.NewContext();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        Assert.Equal(lead.TotalScore, await db.Leads.Where(l => l.Id == lead.Id).Select(l => l.TotalScore).SingleAsync());
    }
}
