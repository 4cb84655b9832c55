using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using LeadDesk.Tests.Handoff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Scoring;

/// <summary>
/// A rescore run stopped partway, with a transaction half written: another node finishes it (every lead once, nothing
/// lost), and a run that failed shows only the progress it committed.
/// </summary>
public sealed class RescoreAcrossNodesTests : IAsyncLifetime
{
    private static readonly Caller Marketer = new(Leads.Marketer.UserId, Leads.Marketer.Name, new HashSet<string> { Roles.Marketing });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(_clock);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>A node that reads 25 leads a batch and commits two batches a transaction unless told otherwise.</summary>
    private (Rescorer Node, JobLeases Leases, RecordingNotifier Notifier) Node(Action<RescoreRun>? batchWritten = null, int leadsPerTransaction = 50)
    {
        var leases = new JobLeases(_database.Contexts, _clock);
        var scoring = new ScoringService(_database.Contexts, _clock);
        var notifier = new RecordingNotifier();
        return (new Rescorer(_database.Contexts, scoring, notifier, leases, _clock, NullLogger<Rescorer>.Instance)
        {
            BatchSize = 25,
            LeadsPerTransaction = leadsPerTransaction,
            BatchWritten = batchWritten,
        }, leases, notifier);
    }

    /// <summary>200 leads, and a saved model under which every fourth of them (50) becomes an MQL.</summary>
    private async Task SeedAndLowerTheBarAsync()
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
    }

    [Fact]
    public async Task A_run_that_fails_partway_reports_the_progress_it_committed()
    {
        await SeedAndLowerTheBarAsync();
        var (node, _, notifier) = Node(run => { if (run.DoneLeads >= 75) throw new InvalidOperationException("disk full"); });

        Assert.True(await node.RunPendingAsync(CancellationToken.None));

        await using var check = _database.NewContext();
        var failed = await check.RescoreRuns.SingleAsync();
        Assert.Equal((RescoreStatus.Failed, "disk full", 50, 50, 13), (failed.Status, failed.Error, failed.DoneLeads, failed.LastLeadId - FirstLeadId(check) + 1, failed.PromotedLeads));
        Assert.Equal(50, await check.Leads.CountAsync(l => l.ScoreModelVersion == 2));
        Assert.Equal(13, notifier.Published.Count);
    }

    private static int FirstLeadId(LeadDeskDbContext db) => db.Leads.Min(l => l.Id);

    [Fact]
    public async Task A_transaction_that_takes_longer_than_a_second_is_committed_before_it_reaches_its_size()
    {
        await SeedAndLowerTheBarAsync();
        // Room for every lead in one transaction, but each batch takes 1.5 s: every batch is committed on its own.
        var committedWhenWritten = new List<int>();
        var (node, _, _) = Node(run =>
        {
            _clock.Advance(TimeSpan.FromSeconds(1.5));
            using var other = _database.NewContext();
            committedWhenWritten.Add(other.RescoreRuns.Single().DoneLeads);
        }, leadsPerTransaction: 1_000);

        Assert.True(await node.RunPendingAsync(CancellationToken.None));

        // What another connection saw as each batch was written: the batches before it, committed.
        Assert.Equal([0, 25, 50, 75, 100, 125, 150, 175], committedWhenWritten);
    }

    [Fact]
    public async Task A_run_stopped_on_one_node_is_resumed_by_another_when_the_lease_runs_out()
    {
        await SeedAndLowerTheBarAsync();

        using var crash = new CancellationTokenSource();
        // Node A stops with its third batch written but its second transaction not committed.
        var (nodeA, leasesA, notifierA) = Node(run => { if (run.DoneLeads >= 75) crash.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => nodeA.RunPendingAsync(crash.Token));
        // A crash keeps the lease until it runs out: node A still holds it.
        Assert.True(await leasesA.TryAcquireAsync(Rescorer.Lease));
        // Only the first transaction stays: 50 leads rescored, the 13 of them that qualify promoted and announced.
        await using (var stopped = _database.NewContext())
        {
            var halfDone = await stopped.RescoreRuns.SingleAsync();
            Assert.Equal((RescoreStatus.Running, 50, 13), (halfDone.Status, halfDone.DoneLeads, halfDone.PromotedLeads));
            Assert.Equal(50, await stopped.Leads.CountAsync(l => l.ScoreModelVersion == 2));
            Assert.Equal(13, await stopped.Decisions.CountAsync(d => d.Verb == LifecycleVerb.Promote));
        }
        Assert.Equal(13, notifierA.Published.Count);

        var (nodeB, _, _) = Node();
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
