using LeadDesk.Domain.Insights;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Insights;

/// <summary>Training runs: refused with too little data, deterministic for a seed, measured beside the rules, kept.</summary>
public sealed class TrainingTests : IAsyncLifetime
{
    private InsightsBed _bed = default!;

    public async Task InitializeAsync() => _bed = await InsightsBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Theory]
    [InlineData(199, 100, 99, 1, 0, 0)]
    [InlineData(120, 100, 20, 80, 0, 20)]
    [InlineData(250, 30, 220, 0, 10, 0)]
    [InlineData(0, 0, 0, 200, 40, 40)]
    public void The_guard_says_how_many_more_closed_leads_of_each_outcome_are_needed(int closed, int won, int lost, int moreClosed, int moreWon, int moreLost)
    {
        Assert.Equal(new TooLittleData(closed, won, lost, moreClosed, moreWon, moreLost), TrainingGuard.Check(closed, won, lost));
    }

    [Fact]
    public void The_guard_lets_200_closed_leads_with_40_of_each_outcome_through()
    {
        Assert.Null(TrainingGuard.Check(200, 40, 160));
    }

    [Fact]
    public async Task A_run_with_too_few_closed_leads_is_refused_with_the_shortfall()
    {
        await _bed.SaveAsync(ClosedLeadFactory.Make(230, won: 25));

        Assert.Equal(new TrainingDataCheck(230, 25, 205, new TooLittleData(230, 25, 205, 0, 15, 0)), await _bed.Insights.CheckDataAsync(InsightsBed.Marketer));
        var report = await _bed.TrainAsync();

        Assert.Equal(TrainingStatus.Refused, report.LatestRun.Status);
        Assert.Equal(new TooLittleData(230, 25, 205, 0, 15, 0), report.LatestRun.Refusal);
        Assert.Null(report.Result);
        Assert.Null(await _bed.Insights.PredictAsync(InsightsBed.Marketer, 1));
    }

    [Fact]
    public async Task Training_on_closed_leads_measures_both_models_and_the_rules_on_the_same_held_out_leads()
    {
        await _bed.SaveAsync(ClosedLeadFactory.Make(600));

        var report = await _bed.TrainAsync(seed: 11);

        Assert.Equal(TrainingStatus.Completed, report.LatestRun.Status);
        Assert.Equal(new TrainingProgress(TrainingStep.Done, 1, 1), report.LatestRun.Progress);
        var result = report.Result!;
        Assert.Equal(report.LatestRun.Id, result.RunId);
        Assert.Equal((600, 11, 150, 450), (result.Data.ClosedLeads, result.Data.Seed, result.Data.HeldOutLeads, result.Data.TrainingLeads));
        Assert.Equal(result.Data.Won + result.Data.Lost, result.Data.ClosedLeads);
        Assert.Equal(Enum.GetValues<PredictorKind>(), result.Figures.Select(f => f.Kind).Order());
        Assert.All(result.Figures, f => Assert.Equal(result.Data.HeldOutLeads, f.Calibration.Sum(b => b.Leads)));
        Assert.All(result.Figures, f => Assert.Equal(result.Data.HeldOutWon, f.Calibration.Sum(b => b.Won)));
        Assert.All(result.Figures, f => Assert.InRange(f.RocAuc, 0, 1));
        // The hidden rule rewards seniority and pricing visits and punishes Retail and free-mail; the default rules know half of it.
        var chosen = result.For(result.Chosen);
        Assert.True(chosen.RocAuc > result.For(PredictorKind.CurrentRules).RocAuc, $"model {chosen.RocAuc:0.000} vs rules {result.For(PredictorKind.CurrentRules).RocAuc:0.000}");
        Assert.True(chosen.RocAuc > 0.7, $"held-out ROC AUC {chosen.RocAuc:0.000}");
        Assert.Equal(60, result.For(PredictorKind.CurrentRules).Threshold);
        Assert.InRange(result.For(PredictorKind.LogisticRegression).Threshold, 0.01, 0.99);
        Assert.Contains(result.Weights, w => w.Field.Key == "Fit.Industry" && w.Value == "Retail" && w.Weight < 0);
        Assert.Contains(result.Weights, w => w.Field.Key == "Engagement.PricingPageVisit" && w.Weight > 0);
        Assert.Contains(result.FieldsUsed, f => f.Key == "Fit.Seniority" && f.Attribute == LeadAttribute.Seniority);
        Assert.Contains(new ExcludedField("Sales.Stage", ExclusionReason.WrittenBySales), result.FieldsExcluded);
        Assert.Contains(new ExcludedField("Engagement.DemoRequest", ExclusionReason.NoVariation), result.FieldsExcluded);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_split_models_and_figures_and_another_seed_another_split()
    {
        await _bed.SaveAsync(ClosedLeadFactory.Make(400, seed: 3));

        var first = (await _bed.TrainAsync(seed: 5)).Result!;
        var again = (await _bed.TrainAsync(seed: 5)).Result!;
        var other = (await _bed.TrainAsync(seed: 6)).Result!;

        Assert.NotEqual(first.RunId, again.RunId);
        Assert.Equal(Comparable(first), Comparable(again));
        Assert.NotEqual(Comparable(first), Comparable(other));
        await using var db = _bed.Database.NewContext();
        var examples = new List<TrainingExample>();
        await foreach (var batch in TrainingSet.ExamplesAsync(db, await TrainingSet.ClosedLeadsAsync(db, CancellationToken.None), CancellationToken.None))
            examples.AddRange(batch);
        Assert.Equal(ConversionTraining.Split(examples, 5).HeldOut.Select(e => e.LeadId), ConversionTraining.Split(examples, 5).HeldOut.Select(e => e.LeadId));
        Assert.NotEqual(ConversionTraining.Split(examples, 5).HeldOut.Select(e => e.LeadId), ConversionTraining.Split(examples, 6).HeldOut.Select(e => e.LeadId));
    }

    /// <summary>A result without what differs between runs by design (its id and time).</summary>
    private static string Comparable(TrainingResult result) => JsonColumn.Serialize(result with { RunId = 0, TrainedAt = default });

    [Fact]
    public async Task Only_the_newest_completed_run_keeps_its_model_bytes_and_predicts()
    {
        await _bed.SaveAsync(ClosedLeadFactory.Make(300));
        var first = await _bed.TrainAsync(seed: 1);
        var second = await _bed.TrainAsync(seed: 2);

        await using var db = _bed.Database.NewContext();
        var kept = await db.TrainingRuns.OrderBy(r => r.Id).Select(r => new { r.Id, HasBytes = r.ModelBytes != null, HasResult = r.ResultJson != null }).ToListAsync();
        Assert.Equal([(first.LatestRun.Id, false, true), (second.LatestRun.Id, true, true)], kept.Select(k => (k.Id, k.HasBytes, k.HasResult)));
        var prediction = await _bed.Insights.PredictAsync(InsightsBed.Marketer, 1);
        Assert.Equal(second.LatestRun.Id, prediction!.RunId);
    }

    [Fact]
    public async Task Another_node_holding_the_lease_leaves_the_run_queued()
    {
        await _bed.SaveAsync(ClosedLeadFactory.Make(300));
        var otherNode = new JobLeases(_bed.Database.Contexts, _bed.Clock);
        Assert.True(await otherNode.TryAcquireAsync(InsightsTrainer.Lease));
        var runId = await _bed.Insights.StartTrainingAsync(InsightsBed.Marketer, 3);

        Assert.False(await _bed.Trainer.RunPendingAsync(CancellationToken.None));
        Assert.Equal(TrainingStatus.Queued, (await _bed.Insights.GetLatestAsync(InsightsBed.Marketer))!.LatestRun.Status);

        await otherNode.ReleaseAsync(InsightsTrainer.Lease);
        Assert.True(await _bed.Trainer.RunPendingAsync(CancellationToken.None));
        var latest = (await _bed.Insights.GetLatestAsync(InsightsBed.Marketer))!;
        Assert.Equal((runId, TrainingStatus.Completed), (latest.LatestRun.Id, latest.LatestRun.Status));
        Assert.False(await _bed.Trainer.RunPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_run_left_running_by_a_stop_is_trained_again()
    {
        await _bed.SaveAsync(ClosedLeadFactory.Make(300));
        var runId = await _bed.Insights.StartTrainingAsync(InsightsBed.Marketer, 3);
        await using (var db = _bed.Database.NewContext())
            await db.TrainingRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, TrainingStatus.Running));

        Assert.True(await _bed.Trainer.RunPendingAsync(CancellationToken.None));

        Assert.Equal(TrainingStatus.Completed, (await _bed.Insights.GetLatestAsync(InsightsBed.Marketer))!.LatestRun.Status);
    }
}
