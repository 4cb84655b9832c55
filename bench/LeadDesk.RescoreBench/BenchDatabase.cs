using System.Diagnostics;
using LeadDesk.Domain;
using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.RescoreBench;

internal sealed record Prepared(long Leads, long Events, long FileBytes, double CopySeconds, double MigrateSeconds, bool Copied);

internal static class BenchDatabase
{
    /// <summary>
    /// The working copy's connection string when the engine is PostgreSQL (set once by <see cref="PrepareAsync"/>), else
    /// null. One run measures one engine; callers go on naming the SQLite file, which PostgreSQL runs ignore.
    /// </summary>
    public static string? PostgreSql { get; internal set; }

    /// <summary>The app's own domain services (AddLeadDeskDomain) on the working copy; the hosted rescore worker is not started.</summary>
    public static ServiceProvider Services(string dbPath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = PostgreSql is null ? "Sqlite" : "PostgreSQL",
            ["Database:ConnectionString"] = PostgreSql ?? $"Data Source={dbPath}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLeadDeskDomain(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Copies the generated file once (the rescoring writes to the copy, never to the source) and brings the copy's
    /// schema up to this branch's migrations through the app's initializer, as an app start would.
    /// </summary>
    public static async Task<Prepared> PrepareAsync(Options options, Bench.Shared.PostgresServer? server = null)
    {
        if (server is not null) return await PostgreSqlBenchDatabase.PrepareAsync(options, server);
        var (source, db) = (options.SourcePath, options.DbPath);
        var copied = false;
        var copy = Stopwatch.StartNew();
        if (options.Fresh || !File.Exists(db))
        {
            if (!File.Exists(source))
                throw new FileNotFoundException(
                    $"No generated database at {source}. Make one with the inbox benchmark " +
                    "(dotnet run -c Release --project bench/LeadDesk.Bench -- --leads 1000000), or pass --source PATH.");
            foreach (var file in new[] { db, db + "-wal", db + "-shm" }) File.Delete(file);
            Directory.CreateDirectory(Path.GetDirectoryName(db)!);
            var wal = new FileInfo(source + "-wal");
            if (wal is { Exists: true, Length: > 0 })
            {
                // Changes still in the source's WAL: SQLite's backup copies a consistent picture including them.
                using var from = new SqliteConnection($"Data Source={source};Mode=ReadOnly;Pooling=False");
                using var to = new SqliteConnection($"Data Source={db};Pooling=False");
                from.Open();
                to.Open();
                from.BackupDatabase(to);
            }
            else
            {
                File.Copy(source, db);
            }
            copied = true;
        }
        copy.Stop();

        var migrate = Stopwatch.StartNew();
        await using (var services = Services(db))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        SqliteConnection.ClearAllPools();
        migrate.Stop();

        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return new Prepared(Count(connection, "Leads"), Count(connection, "EngagementEvents"), new FileInfo(db).Length,
            copy.Elapsed.TotalSeconds, migrate.Elapsed.TotalSeconds, copied);
    }

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
