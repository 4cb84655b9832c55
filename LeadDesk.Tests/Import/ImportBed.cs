using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Import;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Import;

/// <summary>
/// The import services over a real test database (SQLite, or PostgreSQL in the second pass) with the default scoring
/// model, at <see cref="Leads.Now"/>; uploaded files go to an imports folder beside the SQLite file, or to a temporary
/// folder of the bed's own on PostgreSQL. Jobs are run by calling the runner directly.
/// </summary>
public sealed class ImportBed : IAsyncDisposable
{
    public static readonly Caller Marketer = new(Leads.Marketer.UserId, Leads.Marketer.Name, new HashSet<string> { Roles.Marketing });
    public static readonly Caller Manager = new("manager-1", "Max Manager", new HashSet<string> { Roles.Manager });
    public static readonly Caller Rep = new(Leads.Rep.UserId, Leads.Rep.Name, new HashSet<string> { Roles.Sales });

    private ImportBed(TestDatabase database, FakeTimeProvider clock, ImportOptions options)
    {
        Database = database;
        Clock = clock;
        Options = options;
        Storage = TestDatabase.IsPostgreSql
            ? new ImportStorage(Path.Combine(Path.GetTempPath(), "leaddesk-tests", Guid.NewGuid().ToString("N"), "imports"))
            : ImportStorage.Beside(database.ConnectionString);
        Signals = new ImportSignals();
        Service = new ImportService(database.Contexts, Storage, Signals, options, clock);
        (Runner, Leases) = NewNode();
    }

    /// <summary>
    /// An app node's importer on the bed's database, uploads folder and clock, with a lease holder of its own; its
    /// progress goes to <paramref name="signals"/> (a node's own) or the bed's, its database work through
    /// <paramref name="contexts"/> (intercepted, say) or the bed's.
    /// </summary>
    public (ImportRunner Runner, JobLeases Leases) NewNode(ImportSignals? signals = null, IDbContextFactory<LeadDeskDbContext>? contexts = null)
    {
        contexts ??= Database.Contexts;
        var leases = new JobLeases(contexts, Clock);
        return (new ImportRunner(contexts, Storage, signals ?? Signals, new ScoringService(contexts, Clock), leases, Options, Clock,
            NullLogger<ImportRunner>.Instance), leases);
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public ImportOptions Options { get; }
    public ImportStorage Storage { get; }
    public ImportSignals Signals { get; }
    public ImportService Service { get; }
    public ImportRunner Runner { get; }
    /// <summary>The leases of <see cref="Runner"/>'s node.</summary>
    public JobLeases Leases { get; }

    public static async Task<ImportBed> CreateAsync(ImportOptions? options = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Leads.Now));
        return new ImportBed(await TestDatabase.CreateAsync(clock), clock, options ?? new ImportOptions());
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", name);

    public async Task<ImportJob> UploadFixtureAsync(string name, Caller? caller = null)
    {
        await using var file = File.OpenRead(Fixture(name));
        return await Service.UploadAsync(caller ?? Marketer, name, file);
    }

    public async Task<ImportJob> UploadAsync(string fileName, byte[] content, Caller? caller = null) =>
        await Service.UploadAsync(caller ?? Marketer, fileName, new MemoryStream(content));

    /// <summary>Uploads, starts with the proposed mapping, and runs the job to its end.</summary>
    public async Task<ImportJob> ImportFixtureAsync(string name)
    {
        var draft = await UploadFixtureAsync(name);
        return await StartAndRunAsync(draft);
    }

    public async Task<ImportJob> StartAndRunAsync(ImportJob draft, ImportMapping? mapping = null)
    {
        await Service.StartAsync(Marketer, draft.Id, mapping ?? draft.Mapping);
        await Runner.RunAsync(draft.Id);
        return await Service.GetAsync(Marketer, draft.Id);
    }

    public async Task<List<Lead>> LeadsAsync()
    {
        await using var db = Database.NewContext();
        return await db.Leads.Include(l => l.Decisions).AsNoTracking().OrderBy(l => l.Id).ToListAsync();
    }

    public async Task<Lead> LeadAsync(string email)
    {
        await using var db = Database.NewContext();
        var normalized = LeadProfile.NormalizeEmail(email);
        return await db.Leads.Include(l => l.Decisions).AsNoTracking().SingleAsync(l => l.EmailNormalized == normalized);
    }

    public async Task<List<ImportRowError>> ErrorsAsync(int jobId)
    {
        var errors = new List<ImportRowError>();
        await foreach (var error in Service.ErrorsAsync(Marketer, jobId)) errors.Add(error);
        return errors;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (!TestDatabase.IsPostgreSql) return; // the SQLite folder goes with the database
        try { Directory.Delete(Path.GetDirectoryName(Storage.Folder)!, recursive: true); }
        catch (IOException) { /* the OS cleans its temp folder */ }
    }
}
