using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Insights;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Insights;

/// <summary>
/// Closed-loop scoring over a real test database (either engine) with the default scoring model, at <see cref="Leads.Now"/>.
/// Runs are trained by calling the trainer directly; <see cref="AddClosedLeadsAsync"/> writes histories through the domain.
/// </summary>
public sealed class InsightsBed : IAsyncDisposable
{
    public static readonly Caller Marketer = new(Leads.Marketer.UserId, Leads.Marketer.Name, new HashSet<string> { Roles.Marketing });
    public static readonly Caller Manager = new("manager-1", "Max Manager", new HashSet<string> { Roles.Manager });
    public static readonly Caller Rep = new(Leads.Rep.UserId, Leads.Rep.Name, new HashSet<string> { Roles.Sales });

    private InsightsBed(TestDatabase database, FakeTimeProvider clock)
    {
        Database = database;
        Clock = clock;
        Signal = new InsightsSignal();
        Insights = new ConversionInsights(database.Contexts, clock, Signal);
        Leases = new JobLeases(database.Contexts, clock);
        Trainer = new InsightsTrainer(database.Contexts, Leases, clock, NullLogger<InsightsTrainer>.Instance);
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public InsightsSignal Signal { get; }
    public ConversionInsights Insights { get; }
    public JobLeases Leases { get; }
    public InsightsTrainer Trainer { get; }

    public static async Task<InsightsBed> CreateAsync(TestDatabase? database = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Leads.Now));
        return new InsightsBed(database ?? await TestDatabase.CreateAsync(clock), clock);
    }

    /// <summary>Queues a run and trains it to its end; returns the report.</summary>
    public async Task<InsightsReport> TrainAsync(int? seed = 7, Caller? caller = null)
    {
        var runId = await Insights.StartTrainingAsync(caller ?? Marketer, seed);
        Assert.True(await Trainer.RunPendingAsync(CancellationToken.None));
        var report = (await Insights.GetLatestAsync(caller ?? Marketer))!;
        Assert.Equal(runId, report.LatestRun.Id);
        return report;
    }

    /// <summary>Saves leads built by hand (with their decisions and events) as they are.</summary>
    public async Task SaveAsync(IEnumerable<Lead> leads)
    {
        await using var db = Database.NewContext();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
