using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using LeadDesk.Tests.Handoff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Scoring;

/// <summary>A rescore run whose node stops half way is finished by another node: every lead once, nothing lost.</summary>
public sealed class RescoreAcrossNodesTests : IAsyncLifetime
{
    private static readonly Caller Marketer = new(Leads.Marketer.UserId, Leads.Marketer.Name, new HashSet<string> { Roles.Marketing });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(_clock);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private (Rescorer Node, JobLeases Leases) Node(Action<RescoreRun>? batchSaved = null)
    {
        var leases = new JobLeases(_database.Contexts, _clock);
        var scoring = new ScoringService(_database.Contexts, _clock);
        return (new Rescorer(_database.Contexts, scoring, new RecordingNotifier(), leases, _clock, NullLogger<Rescorer>.Instance)
        {
            BatchSize = 25,
            BatchSaved = batchSaved,
        }, leases);
    }

    [Fact]
    public async Task A_run_stopped_on_one_node_is_resumed_by_another_when_the_lease_runs_out()
    {
        await using (var db = _database.NewContext())
        {
            for (var i = 0; i < 200; i++)
            {
                // Every fourth lead fits well enough to become an MQL once the threshold drops.
                var profile = new LeadProfile { Email = $"lead{i}@acme.com", Seniority = i % 4 == 0 ? Seniority.Director : Seniority.Entry, Country = "BR", Industry = "Software" };
                db.Leads.Add(Lead.Create(profile, Leads.Now.AddDays(-10)));
            }
            await db.SaveChangesAsync();
        }
        var editor = new ScoringEditor(_database.Contexts, _clock, new RescoreSignal());
        var model = DefaultScoringModel.Definition;
        await editor.SaveAsync(Marketer, model with { Mql = model.Mql with { Threshold = 30, MinimumFit = 30 } }, "lower bar");

        using var crash = new CancellationTokenSource();
        var (nodeA, leasesA) = Node(run => { if (run.DoneLeads >= 75) crash.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => nodeA.RunPendingAsync(crash.Token));
        // A crash keeps the lease until it runs out: node A still holds it.
        Assert.True(await leasesA.TryAcquireAsync(Rescorer.Lease));

        var (nodeB, _) = Node();
        Assert.False(await nodeB.RunPendingAsync(CancellationToken.None));   // node A's lease is still live
        _clock.Advance(JobLeases.Duration + TimeSpan.FromSeconds(1));
        Assert.True(await nodeB.RunPendingAsync(CancellationToken.None));

        await using var check = _database.NewContext();
        var run = await check.RescoreRuns.SingleAsync();
        Assert.Equal((RescoreStatus.Completed, 200, 200, 50), (run.Status, run.TotalLeads, run.DoneLeads, run.PromotedLeads));
        Assert.Equal(200, await check.Leads.CountAsync(l => l.ScoreModelVersion == 2));
        Assert.Equal(50, await check.Leads.CountAsync(l => l.Stage == LifecycleStage.MQL));
        Assert.Equal(50, await check.Decisions.CountAsync(d => d.Verb == LifecycleVerb.Promote));
    }
}
