using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LeadDesk.Tests.Support;

/// <summary>
/// A real, migrated database, deleted afterwards: a SQLite file in a temporary folder, or — when the test run sets
/// <c>LEADDESK_TEST_ENGINE=PostgreSQL</c> — a new database on the throw-away PostgreSQL server that test.sh starts
/// (<c>LEADDESK_TEST_POSTGRES</c> is its connection string). test.sh runs the integration tests once per engine.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _postgresName;

    private TestDatabase(string connectionString, TimeProvider clock, string? folder, string? postgresName)
    {
        _folder = folder;
        _postgresName = postgresName;
        Clock = clock;
        ConnectionString = connectionString;
        Options = Configure(new DbContextOptionsBuilder<LeadDeskDbContext>()).Options;
        Contexts = new Factory(Options);
    }

    public static bool IsPostgreSql { get; } =
        string.Equals(Environment.GetEnvironmentVariable("LEADDESK_TEST_ENGINE"), DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase);

    public string ConnectionString { get; }
    public DbContextOptions<LeadDeskDbContext> Options { get; }
    public IDbContextFactory<LeadDeskDbContext> Contexts { get; }
    public TimeProvider Clock { get; }

    /// <summary>Points <paramref name="builder"/> at this database with the engine it is on.</summary>
    public DbContextOptionsBuilder<LeadDeskDbContext> Configure(DbContextOptionsBuilder<LeadDeskDbContext> builder) =>
        _postgresName is null ? builder.UseSqlite(ConnectionString) : builder.UseNpgsql(ConnectionString);

    /// <summary>A new, migrated database with the default scoring model, as the app has it after its first start.</summary>
    public static async Task<TestDatabase> CreateAsync(TimeProvider? clock = null)
    {
        TestDatabase database;
        if (IsPostgreSql)
        {
            var server = Environment.GetEnvironmentVariable("LEADDESK_TEST_POSTGRES")
                         ?? throw new InvalidOperationException("LEADDESK_TEST_ENGINE is PostgreSQL but LEADDESK_TEST_POSTGRES names no server.");
            var name = "leaddesk_test_" + Guid.NewGuid().ToString("N");
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
            database = new TestDatabase(connectionString, clock ?? TimeProvider.System, null, name);
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "leaddesk-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "leaddesk.db"), Pooling = false, DefaultTimeout = 30 }.ToString();
            database = new TestDatabase(connectionString, clock ?? TimeProvider.System, folder, null);
        }
        await new DatabaseInitializer(database.Contexts, database.Clock, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
        return database;
    }

    public LeadDeskDbContext NewContext() => new(Options);

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("LEADDESK_TEST_POSTGRES"));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            return;
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder!, recursive: true); }
        catch (IOException) { /* a file still open by a finished test; the temp folder is cleaned by the OS */ }
    }

    private sealed class Factory(DbContextOptions<LeadDeskDbContext> options) : IDbContextFactory<LeadDeskDbContext>
    {
        public LeadDeskDbContext CreateDbContext() => new(options);
    }
}
