using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Insights;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Insights;

/// <summary>The insights service as the pages use it: who may do what, predictions with their signals, adopting the suggestion.</summary>
public sealed class ConversionInsightsTests : IAsyncLifetime
{
    private InsightsBed _bed = default!;

    public async Task InitializeAsync() => _bed = await InsightsBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Sales_can_read_a_prediction_but_not_train_nor_read_the_insights()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Insights.StartTrainingAsync(InsightsBed.Rep));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Insights.GetLatestAsync(InsightsBed.Rep));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Insights.CheckDataAsync(InsightsBed.Rep));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Insights.DraftFromSuggestionAsync(InsightsBed.Rep, 1));
        await _bed.SaveAsync(ClosedLeadFactory.Make(1));
        Assert.Null(await _bed.Insights.PredictAsync(InsightsBed.Rep, 1));
    }

    [Fact]
    public async Task Before_any_run_there_is_no_report_and_an_unknown_lead_is_refused()
    {
        Assert.Null(await _bed.Insights.GetLatestAsync(InsightsBed.Manager));
        var refused = await Assert.ThrowsAsync<LeadNotFoundException>(() => _bed.Insights.PredictAsync(InsightsBed.Marketer, 42));
        Assert.Equal("LeadNotFound", refused.Code);
    }

    [Fact]
    public async Task Asking_again_while_a_run_waits_returns_that_run_with_its_seed()
    {
        var first = await _bed.Insights.StartTrainingAsync(InsightsBed.Manager, seed: 123);
        var second = await _bed.Insights.StartTrainingAsync(InsightsBed.Marketer, seed: 456);
        var random = await _bed.Insights.GetLatestAsync(InsightsBed.Marketer);

        Assert.Equal(first, second);
        Assert.Equal((TrainingStatus.Queued, 123, "Max Manager", Leads.Now), (random!.LatestRun.Status, random.LatestRun.Seed, random.LatestRun.RequestedByName, random.LatestRun.QueuedAt));
        Assert.True(await _bed.Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None), "the trainer is woken");
        await Assert.ThrowsAsync<DomainException>(() => _bed.Insights.StartTrainingAsync(InsightsBed.Marketer, seed: -1));
    }

    [Fact]
    public async Task A_run_without_a_seed_draws_one_and_shows_it()
    {
        await _bed.Insights.StartTrainingAsync(InsightsBed.Marketer);

        Assert.InRange((await _bed.Insights.GetLatestAsync(InsightsBed.Marketer))!.LatestRun.Seed, 1, 999_999);
    }

    [Fact]
    public async Task A_prediction_is_a_probability_with_the_signals_that_pushed_it_up_and_down()
    {
        await _bed.SaveAsync(ClosedLeadFactory.Make(500));
        var strong = Lead.Create(Leads.Profile("strong@acme.com") with { Seniority = Seniority.Director, Industry = "Software" }, Leads.Now.AddDays(-10));
        for (var i = 0; i < 3; i++) strong.RecordEvent(EngagementEventType.PricingPageVisit, Leads.Now.AddDays(-i - 1), "/pricing");
        var weak = Lead.Create(Leads.Profile("weak@gmail.com") with { Seniority = Seniority.IndividualContributor, Industry = "Retail" }, Leads.Now.AddDays(-10));
        await _bed.SaveAsync([strong, weak]);
        var report = await _bed.TrainAsync(seed: 4);

        var high = (await _bed.Insights.PredictAsync(InsightsBed.Rep, strong.Id))!;
        var low = (await _bed.Insights.PredictAsync(InsightsBed.Marketer, weak.Id))!;

        Assert.Equal((report.LatestRun.Id, report.Result!.Chosen, Leads.Now), (high.RunId, high.Model, high.CutOff));
        Assert.InRange(high.Probability, 0, 1);
        Assert.True(high.Probability > low.Probability + 0.5, $"strong {high.Probability:0.00}, weak {low.Probability:0.00}");
        Assert.Contains(high.Up, s => s.Field.Key == "Engagement.PricingPageVisit" && s.Value == "3");
        Assert.Contains(low.Down, s => s.Field.Key == "Fit.Industry" && s.Value == "Retail" && s.LeadHasValue);
        Assert.Contains(high.Up, s => s.Field.Key == "Fit.Seniority" && s.Value == "Director");
        Assert.Single(high.Up.Concat(high.Down), s => s.Field.Key == "Fit.Seniority");
        Assert.All(high.Up, s => Assert.True(s.Contribution > 0));
        Assert.All(low.Down, s => Assert.True(s.Contribution < 0));
        Assert.Equal(high.Up.OrderByDescending(s => s.Contribution), high.Up);
        Assert.Equal(low.Down.OrderBy(s => s.Contribution), low.Down);
        Assert.InRange(high.Up.Count, 1, ConversionModel.SignalsEachWay);
    }

    [Fact]
    public async Task The_suggested_rules_rank_held_out_leads_almost_as_the_model_does_and_open_as_a_valid_draft()
    {
        await _bed.SaveAsync(ClosedLeadFactory.Make(600, seed: 9));
        var result = (await _bed.TrainAsync(seed: 2)).Result!;

        var suggested = result.For(PredictorKind.SuggestedRules).RocAuc;
        var logistic = result.For(PredictorKind.LogisticRegression).RocAuc;
        Assert.True(Math.Abs(suggested - logistic) < 0.02, $"suggested rules {suggested:0.000}, logistic regression {logistic:0.000}");
        Assert.Empty(ScoringModelValidator.Validate(result.Suggestion.Definition));
        Assert.Equal(RuleSuggester.PointsPerLogOdds, result.Suggestion.PointsPerLogOdds);
        var (currentMql, keptMql) = (DefaultScoringModel.Definition.Mql, result.Suggestion.CurrentMql!);
        Assert.Equal((currentMql.Threshold, currentMql.MinimumFit), (keptMql.Threshold, keptMql.MinimumFit));
        Assert.Equal(currentMql.RequiredRuleIds, keptMql.RequiredRuleIds);
        Assert.True(result.Suggestion.HasNoFitMinimum); // the model weighs fit and engagement together
        var pricing = result.Suggestion.Definition.EngagementRules.Single(r => r.EventType == EngagementEventType.PricingPageVisit);
        Assert.True(pricing.Points > 0 && pricing.Cap >= pricing.Points);
        Assert.Equal(21, pricing.HalfLifeDays); // the active rule's decay, which the feature was counted with
        Assert.Contains(result.Suggestion.Rules, r => r.RuleId == pricing.Id && r.CurrentRuleId == "eng-pricing" && r.CurrentPoints == 10);
        Assert.Contains(result.Suggestion.Definition.FitRules, r => r.Attribute == LeadAttribute.Industry && r.Values.Contains("Retail") && r.Points < 0);
        var seniority = result.Suggestion.Definition.FitRules.Where(r => r.Attribute == LeadAttribute.Seniority && r.Operator != RuleOperator.Range).ToList();
        Assert.NotEmpty(seniority);
        Assert.All(seniority, r => Assert.Equal($"Seniority: {string.Join(", ", r.Values.Select(v => v == "IndividualContributor" ? "Individual contributor" : v))}", r.Label));

        var draft = await _bed.Insights.DraftFromSuggestionAsync(InsightsBed.Marketer, result.RunId);
        Assert.Equal((result.Suggestion.Definition.Mql.Threshold, result.Suggestion.Definition.Mql.MinimumFit), (draft.Definition.Mql.Threshold, draft.Definition.Mql.MinimumFit));
        Assert.Contains($"run {result.RunId}", draft.Note);
        var editor = new ScoringEditor(_bed.Database.Contexts, _bed.Clock, new RescoreSignal());
        var preview = await editor.PreviewAsync(InsightsBed.Manager, draft.Definition);
        Assert.Equal(600, preview.LeadsScored);
        var saved = await editor.SaveAsync(InsightsBed.Marketer, draft.Definition, draft.Note);
        Assert.Equal(2, saved.Version);
    }

    [Fact]
    public async Task A_draft_is_refused_for_a_run_that_did_not_complete()
    {
        var runId = await _bed.Insights.StartTrainingAsync(InsightsBed.Marketer, 1);

        var refused = await Assert.ThrowsAsync<DomainException>(() => _bed.Insights.DraftFromSuggestionAsync(InsightsBed.Marketer, runId));
        Assert.Equal(("NoSuchTrainingRun", runId), (refused.Code, (int)refused.Arguments[0]!));
    }

    [Fact]
    public async Task A_failed_run_says_why_and_keeps_the_last_result()
    {
        await _bed.SaveAsync(ClosedLeadFactory.Make(300));
        var good = await _bed.TrainAsync(seed: 1);
        await using (var db = _bed.Database.NewContext())
            await db.ScoringModels.ExecuteDeleteAsync(); // training needs the active model to compare with

        var failed = await _bed.TrainAsync(seed: 2);

        Assert.Equal(TrainingStatus.Failed, failed.LatestRun.Status);
        Assert.Contains("No scoring model", failed.LatestRun.Error);
        Assert.Equal(good.LatestRun.Id, failed.Result!.RunId);
    }
}
