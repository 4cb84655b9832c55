using System.Data.Common;
using System.Diagnostics;
using LeadDesk.Domain.Import;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Tests.Import;

/// <summary>
/// Import jobs with several app nodes on one database — here importers in one process, each with a lease holder of its
/// own, as nodes have: a job is run by one node at a time, and a job whose node died is finished by another, every row
/// of the file once. (MultiNode/ImportAcrossProcessesTests does the same with two real app processes.)
/// </summary>
public sealed class ImportAcrossNodesTests : IAsyncLifetime
{
    private const int Rows = 3_000, BadEvery = 97;
    private static readonly int Refused = Rows / BadEvery;

    private ImportBed _bed = default!;

    public async Task InitializeAsync() => _bed = await ImportBed.CreateAsync(new ImportOptions { BatchSize = 50 });

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<int> QueuedJobAsync()
    {
        var draft = await _bed.UploadAsync("contacts.csv", ImportRunTests.Generated(Rows, BadEvery));
        await _bed.Service.StartAsync(ImportBed.Marketer, draft.Id, draft.Mapping);
        return draft.Id;
    }

    private Task<ImportJob> JobAsync(int jobId) => _bed.Service.GetAsync(ImportBed.Marketer, jobId);

    [Fact]
    public async Task Two_nodes_asked_to_run_the_same_job_at_once_run_it_once()
    {
        var jobId = await QueuedJobAsync();
        var (nodeB, _) = _bed.NewNode(new ImportSignals());

        var ran = await Task.WhenAll(Task.Run(() => _bed.Runner.RunAsync(jobId)), Task.Run(() => nodeB.RunAsync(jobId)));

        // One took the lease and ran it; the other found the lease taken, or the job over when it got the lease.
        Assert.Single(ran, r => r);
        var job = await JobAsync(jobId);
        Assert.Equal((ImportJobStatus.Completed, 1), (job.Status, job.Attempts));
        await AssertEveryRowOnceAsync(job);
    }

    [Fact]
    public async Task A_job_whose_node_died_is_resumed_by_another_node_once_its_lease_runs_out()
    {
        var jobId = await QueuedJobAsync();
        using var crash = new CancellationTokenSource();
        using (_bed.Signals.Subscribe(p =>
               {
                   if (p.RowsDone >= 500) crash.Cancel();
                   return Task.CompletedTask;
               }))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _bed.Runner.RunAsync(jobId, crash.Token));
        // A node that dies does not give its lease up as a stopping one does: node A still holds it.
        Assert.True(await _bed.Leases.TryAcquireAsync(ImportRunner.LeaseOf(jobId)));
        var interrupted = await JobAsync(jobId);
        Assert.Equal(ImportJobStatus.Running, interrupted.Status);
        Assert.InRange(interrupted.RowsDone, 500, Rows - 50);

        var (nodeB, _) = _bed.NewNode(new ImportSignals());
        Assert.False(await nodeB.RunAsync(jobId));                       // node A's lease is still live
        Assert.Equal(interrupted.RowsDone, (await JobAsync(jobId)).RowsDone);
        _bed.Clock.Advance(JobLeases.Duration + TimeSpan.FromSeconds(1));
        Assert.True(await nodeB.RunAsync(jobId));

        var job = await JobAsync(jobId);
        Assert.Equal((ImportJobStatus.Completed, 2), (job.Status, job.Attempts));
        await AssertEveryRowOnceAsync(job);
    }

    [Fact]
    public async Task Two_nodes_importers_with_one_queued_job_import_it_once_and_leave_no_lease_behind()
    {
        var workers = Enumerable.Range(0, 2).Select(_ =>
        {
            var signals = new ImportSignals();
            var (runner, _) = _bed.NewNode(signals);
            return new ImportWorker(_bed.Database.Contexts, runner, signals, _bed.Storage, _bed.Clock, NullLogger<ImportWorker>.Instance);
        }).ToList();
        foreach (var worker in workers) await worker.StartAsync(CancellationToken.None);

        var jobId = await QueuedJobAsync();   // queued on neither node's signal: they find it by looking
        var job = await WaitForAsync(jobId, ImportJobStatus.Completed, ImportWorker.Poll * 3);
        foreach (var worker in workers) await worker.StopAsync(CancellationToken.None);

        Assert.Equal(1, job.Attempts);
        await AssertEveryRowOnceAsync(job);
        await using var db = _bed.Database.NewContext();
        Assert.False(await db.JobLeases.AnyAsync(l => l.Name == ImportRunner.LeaseOf(jobId)));
    }

    /// <summary>
    /// A node that stalled long enough finds, at its next batch, that its lease has passed to another node. The stall
    /// is placed inside the batch's open transaction, where on SQLite no other node could write at all (PostgreSQL
    /// lets other writers carry on), hence PostgreSQL only; the renewal that fences the batch is the same on both.
    /// </summary>
    [Fact]
    [Trait("Category", "PostgreSqlOnly")]
    public async Task A_node_whose_lease_passed_to_another_writes_nothing_more_and_the_other_finishes_the_job()
    {
        var jobId = await QueuedJobAsync();
        var (nodeB, leasesB) = _bed.NewNode(new ImportSignals());
        // Node A stalls just before renewing its lease for its second batch; meanwhile the lease runs out and node B takes it.
        var stall = new BeforeLeaseRenewal(3, async () =>
        {
            _bed.Clock.Advance(JobLeases.Duration + TimeSpan.FromSeconds(1));
            Assert.True(await leasesB.TryAcquireAsync(ImportRunner.LeaseOf(jobId)));
        });
        var (nodeA, _) = _bed.NewNode(contexts: new InterceptedContexts(_bed.Database, stall));

        Assert.True(await nodeA.RunAsync(jobId));

        var left = await JobAsync(jobId);
        Assert.Equal((ImportJobStatus.Running, 50), (left.Status, left.RowsDone));   // its first batch, nothing of the second
        Assert.True(await nodeB.RunAsync(jobId));
        var job = await JobAsync(jobId);
        Assert.Equal((ImportJobStatus.Completed, 2), (job.Status, job.Attempts));
        await AssertEveryRowOnceAsync(job);
    }

    /// <summary>
    /// On PostgreSQL other writers carry on during a batch: a lead with one of the batch's emails, created after the
    /// batch looked the emails up, makes the batch's COPY fail; the batch is done again and merges the row into that
    /// lead, as it would have had the lead come first. (On SQLite the other writer would wait for the batch.)
    /// </summary>
    [Fact]
    [Trait("Category", "PostgreSqlOnly")]
    public async Task A_lead_created_by_another_writer_during_a_batch_is_merged_into_when_the_batch_is_done_again()
    {
        var jobId = await QueuedJobAsync();
        var first = ImportRunTests.Generated(1, BadEvery);
        var email = System.Text.Encoding.UTF8.GetString(first).Split('\n')[1].Split(',')[3];
        var capture = new AfterFirstEmailLookup(async () =>
        {
            await using var db = _bed.Database.NewContext();
            db.Leads.Add(Lead.Create(new LeadProfile { Email = email, FirstName = "Captured" }, Leads.Now));
            await db.SaveChangesAsync();
        });
        var (node, _) = _bed.NewNode(contexts: new InterceptedContexts(_bed.Database, capture));

        Assert.True(await node.RunAsync(jobId));

        var job = await JobAsync(jobId);
        Assert.Equal((ImportJobStatus.Completed, Rows, Rows - Refused - 1, 1, 0, Refused), (job.Status, job.RowsDone, job.Created, job.Merged, job.Skipped, job.Failed));
        await using var check = _bed.Database.NewContext();
        Assert.Equal(Rows - Refused, await check.Leads.CountAsync());
        var lead = await check.Leads.Include(l => l.Decisions).SingleAsync(l => l.EmailNormalized == email);
        Assert.Equal(("Captured", "Last1"), (lead.FirstName, lead.LastName));   // the gap filled, nothing overwritten
        Assert.Equal([LifecycleVerb.Merge], lead.Decisions.Select(d => d.Verb));
        Assert.Equal(Rows - Refused - 1, await check.Decisions.CountAsync(d => d.Verb == LifecycleVerb.Import));
    }

    /// <summary>Every valid row became one lead with one Import decision, every refused row is reported once, and the counts say so.</summary>
    private async Task AssertEveryRowOnceAsync(ImportJob job)
    {
        Assert.Equal((Rows, Rows, Rows - Refused, 0, 0, Refused), (job.TotalRows!.Value, job.RowsDone, job.Created, job.Merged, job.Skipped, job.Failed));
        await using var db = _bed.Database.NewContext();
        Assert.Equal(Rows - Refused, await db.Leads.CountAsync());
        Assert.Equal(Rows - Refused, await db.Decisions.CountAsync(d => d.Verb == LifecycleVerb.Import));
        Assert.Equal(0, await db.Decisions.GroupBy(d => new { d.LeadId, d.Verb }).CountAsync(g => g.Count() > 1));
        Assert.Equal(Refused, await db.ImportRowErrors.CountAsync(e => e.ImportJobId == job.Id));
        Assert.Equal(Refused, await db.ImportRowErrors.Where(e => e.ImportJobId == job.Id).Select(e => e.RowNumber).Distinct().CountAsync());
    }

    private async Task<ImportJob> WaitForAsync(int jobId, ImportJobStatus status, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var job = await JobAsync(jobId);
            if (job.Status == status) return job;
            if (deadline.Elapsed > patience) throw new TimeoutException($"Import {jobId} is still {job.Status} after {patience}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Runs <paramref name="stall"/> before the <paramref name="nth"/> lease renewal made inside a transaction (a batch's).</summary>
    private sealed class BeforeLeaseRenewal(int nth, Func<Task> stall) : DbCommandInterceptor
    {
        private int _seen;

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.Transaction is not null && command.CommandText.Contains("UPDATE \"JobLeases\"", StringComparison.Ordinal) && ++_seen == nth)
                await stall();
            return result;
        }
    }

    /// <summary>Runs <paramref name="act"/> once, right after the importer's first lookup of a chunk's emails.</summary>
    private sealed class AfterFirstEmailLookup(Func<Task> act) : DbCommandInterceptor
    {
        private int _done;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Leads\"", StringComparison.Ordinal) && command.CommandText.Contains("\"EmailNormalized\"", StringComparison.Ordinal)
                && Interlocked.Exchange(ref _done, 1) == 0)
                await act();
            return result;
        }
    }

    private sealed class InterceptedContexts(TestDatabase database, params IInterceptor[] interceptors) : IDbContextFactory<LeadDeskDbContext>
    {
        private readonly DbContextOptions<LeadDeskDbContext> _options =
            database.Configure(new DbContextOptionsBuilder<LeadDeskDbContext>()).AddInterceptors(interceptors).Options;

        public LeadDeskDbContext CreateDbContext() => new(_options);
    }
}
