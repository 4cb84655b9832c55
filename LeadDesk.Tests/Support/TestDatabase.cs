using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Tests.Support;

/// <summary>A real SQLite file in a temporary folder, migrated like the app does it, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private TestDatabase(string folder, TimeProvider clock)
    {
        _folder = folder;
        Clock = clock;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "leaddesk.db"), Pooling = false, DefaultTimeout = 30 }.ToString();
        Options = new DbContextOptionsBuilder<LeadDeskDbContext>().UseSqlite(ConnectionString).Options;
        Contexts = new Factory(Options);
    }

    public string ConnectionString { get; }
    public DbContextOptions<LeadDeskDbContext> Options { get; }
    public IDbContextFactory<LeadDeskDbContext> Contexts { get; }
    public TimeProvider Clock { get; }

    /// <summary>A new, migrated database with the default scoring model, as the app has it after its first start.</summary>
    public static async Task<TestDatabase> CreateAsync(TimeProvider? clock = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "leaddesk-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(folder, clock ?? TimeProvider.System);
        await new DatabaseInitializer(database.Contexts, database.Clock, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
        return database;
    }

    public LeadDeskDbContext NewContext() => new(Options);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a file still open by a finished test; the temp folder is cleaned by the OS */ }
        return ValueTask.CompletedTask;
    }

    private sealed class Factory(DbContextOptions<LeadDeskDbContext> options) : IDbContextFactory<LeadDeskDbContext>
    {
        public LeadDeskDbContext CreateDbContext() => new(options);
    }
}
