using LeadDesk.Domain.Demo;
using LeadDesk.Domain.Insights;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Tests.Insights;

/// <summary>The demo data (what the app seeds, and the browser journeys use) is enough to train on.</summary>
public sealed class DemoDataTests : IAsyncLifetime
{
    private InsightsBed _bed = default!;

    public async Task InitializeAsync() => _bed = await InsightsBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task The_demo_data_has_enough_closed_leads_of_both_outcomes_to_train_on()
    {
        var cast = new DemoCast(Leads.Marketer, [Leads.Rep, Leads.OtherRep]);
        await new DemoDataSeeder(_bed.Database.Contexts, _bed.Clock, NullLogger<DemoDataSeeder>.Instance).SeedAsync(cast);

        var check = await _bed.Insights.CheckDataAsync(InsightsBed.Manager);
        Assert.True(check.Enough, check.ToString());
        Assert.True(check.ClosedLeads >= ConversionInsights.MinimumClosedLeads + 50, $"{check.ClosedLeads} closed leads: too close to the minimum");

        var report = await _bed.TrainAsync(seed: 1);
        Assert.Equal(TrainingStatus.Completed, report.LatestRun.Status);
        Assert.Empty(ScoringModelValidator.Validate(report.Result!.Suggestion.Definition));
        Assert.NotEmpty(report.Result.Suggestion.Rules);
    }
}
