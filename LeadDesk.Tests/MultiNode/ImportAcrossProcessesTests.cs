using System.Diagnostics;
using LeadDesk.Domain.Import;
using LeadDesk.Tests.Browser;
using LeadDesk.Tests.Browser.Pages;
using LeadDesk.Tests.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LeadDesk.Tests.MultiNode;

/// <summary>
/// A background import on two app processes sharing one PostgreSQL database and one uploads folder: started through
/// node A with node B running, it is imported exactly once; the node running it killed half way, the other node
/// finishes it with no row lost or written twice. Runs in test.sh's PostgreSQL pass only.
/// </summary>
[Trait("Category", "PostgreSqlOnly")]
public sealed class ImportAcrossProcessesTests : IAsyncLifetime
{
    private const int Rows = 40_000, BadEvery = 1_000;
    private const string FileName = "two-nodes.csv";
    private static readonly int Refused = Rows / BadEvery;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _uploads = Path.Combine(Path.GetTempPath(), "leaddesk-multinode", Guid.NewGuid().ToString("N"));
    private TwoNodeCluster? _cluster;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        // Every node is given the same uploads folder (Import:Folder), as a deployment gives them a shared one; small
        // batches, so that the import is many commits long and a node can be killed between them. On a quiet machine
        // 20,000 rows in batches of 500 were all in before the test had the job's id from the page.
        _cluster = await TwoNodeCluster.StartAsync(("Import__Folder", _uploads), ("Import__BatchSize", "200"));
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = AppServerFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        }
        catch
        {
            await DisposeAsync(); // xunit does not dispose a test class whose InitializeAsync failed
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
        (_browser, _playwright, _cluster) = (null, null, null);
        try { Directory.Delete(_uploads, recursive: true); }
        catch (IOException) { /* the OS cleans its temp folder */ }
    }

    /// <summary>A marketer signed in on node A uploads the file at /import and starts it with the proposed mapping.</summary>
    private async Task<int> StartImportThroughNodeAAsync()
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = _cluster!.NodeA.BaseUrl, Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await (await new LoginPage(page).OpenAsync()).SignInAsync("marketing@leaddesk.demo", "LeadDesk-demo-2026");
        var import = new ImportScreen(page);
        await import.OpenAsync();
        await import.UploadAsync(FileName, ImportRunTests.Generated(Rows, BadEvery));
        await Expect(import.Detected).ToHaveAttributeAsync("data-preset", "HubSpot");
        await import.Start.ClickAsync();
        await Expect(import.Job(FileName)).ToBeVisibleAsync();
        await using var db = _cluster.Database.NewContext();
        return await db.ImportJobs.Where(j => j.FileName == FileName).Select(j => j.Id).SingleAsync();
    }

    [Fact]
    public async Task An_import_started_through_node_A_with_both_nodes_running_is_imported_exactly_once()
    {
        var jobId = await StartImportThroughNodeAAsync();

        var job = await WaitForAsync(jobId, j => j.Status is ImportJobStatus.Completed or ImportJobStatus.Failed);

        Assert.Equal((ImportJobStatus.Completed, 1), (job.Status, job.Attempts));
        await AssertEveryRowOnceAsync(job);
    }

    [Fact]
    public async Task The_node_running_an_import_killed_half_way_leaves_the_other_node_to_finish_it_with_nothing_lost_or_duplicated()
    {
        var jobId = await StartImportThroughNodeAAsync();
        var running = await WaitForAsync(jobId, j => j.RowsDone >= 2_000);
        Assert.True(running.Status == ImportJobStatus.Running && running.RowsDone < Rows, $"The import was {running.Status} at row {running.RowsDone}: too quick to stop half way.");
        // Node A was woken by the start and took the job; should node B's poll have come first, it is the one to kill.
        var holder = await LeaseHolderAsync(jobId);
        var (runner, other) = holder.Contains($"/{_cluster!.NodeA.ProcessId}/", StringComparison.Ordinal)
            ? (_cluster.NodeA, _cluster.NodeB)
            : (_cluster.NodeB, _cluster.NodeA);
        Assert.Contains($"/{runner.ProcessId}/", holder);

        await runner.KillAsync();
        var killedAt = (await JobAsync(jobId)).RowsDone;

        var job = await WaitForAsync(jobId, j => j.Status is ImportJobStatus.Completed or ImportJobStatus.Failed);
        Assert.Equal((ImportJobStatus.Completed, 2), (job.Status, job.Attempts));
        Assert.InRange(killedAt, 2_000, Rows - 1);
        await AssertEveryRowOnceAsync(job);
        Assert.Null(await FindLeaseAsync(jobId));   // the node that finished it removed the job's lease
        Assert.False(other.HasExited);
    }

    /// <summary>Every valid row of the file became one lead with one Import decision; every refused row is reported once.</summary>
    private async Task AssertEveryRowOnceAsync(ImportJob job)
    {
        Assert.Equal((Rows, Rows, Rows - Refused, 0, 0, Refused), (job.TotalRows!.Value, job.RowsDone, job.Created, job.Merged, job.Skipped, job.Failed));
        await using var db = _cluster!.Database.NewContext();
        var origin = $"Import: {FileName}";
        Assert.Equal(Rows - Refused, await db.Leads.CountAsync(l => l.IntakeSource == origin));
        var imported = db.Decisions.Where(d => d.Verb == LifecycleVerb.Import && d.Note == origin);
        Assert.Equal(Rows - Refused, await imported.CountAsync());
        Assert.Equal(Rows - Refused, await imported.Select(d => d.LeadId).Distinct().CountAsync());
        Assert.Equal(Refused, await db.ImportRowErrors.CountAsync(e => e.ImportJobId == job.Id));
        Assert.Equal(Refused, await db.ImportRowErrors.Where(e => e.ImportJobId == job.Id).Select(e => e.RowNumber).Distinct().CountAsync());
    }

    private async Task<ImportJob> JobAsync(int jobId)
    {
        await using var db = _cluster!.Database.NewContext();
        return await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
    }

    private async Task<string?> FindLeaseAsync(int jobId)
    {
        await using var db = _cluster!.Database.NewContext();
        return await db.JobLeases.Where(l => l.Name == ImportRunner.LeaseOf(jobId)).Select(l => l.Holder).SingleOrDefaultAsync();
    }

    private async Task<string> LeaseHolderAsync(int jobId) =>
        await FindLeaseAsync(jobId) ?? throw new InvalidOperationException($"Import {jobId} is running without a lease.");

    private async Task<ImportJob> WaitForAsync(int jobId, Func<ImportJob, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await JobAsync(jobId);
            if (condition(job)) return job;
            if (clock.Elapsed > Patience)
                throw new TimeoutException($"Import {jobId} is {job.Status} at row {job.RowsDone} after {Patience}.\nNode A:\n{_cluster!.NodeA.Output}\nNode B:\n{_cluster.NodeB.Output}");
            await Task.Delay(20);
        }
    }
}
