using System.Diagnostics;
using System.Text.Json;
using LeadDesk.Bench.Shared;
using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadDesk.Bench;

/// <summary>
/// The PostgreSQL counterpart of <see cref="Database.PrepareAsync"/>: the same leads (same generator, same seed) in a
/// database of their own on the server, the schema from the app's PostgreSQL migrations through its
/// <see cref="DatabaseInitializer"/>, the rows through binary COPY (<see cref="PostgreSqlLoader"/>), then the
/// initializer again and the same channel spend through <see cref="SpendService"/>. What the generation took is kept
/// as the database's comment, so that a <c>--reuse</c> run can report it.
/// </summary>
internal static class PostgreSqlDatabase
{
    public static async Task<GenerationStats> PrepareAsync(BenchOptions options, PostgresServer server)
    {
        var name = options.PgDatabase;
        Database.PostgreSql = server.For(name);
        if (options.Reuse && await server.DatabaseExistsAsync(name) && await ReadStatsAsync(name) is { } kept && kept.Leads == options.Leads &&
            await CountLeadsAsync() == options.Leads)
        {
            Console.WriteLine($"Reusing the existing database {name}.");
            await MigrateReusedAsync();
            return kept with { Reused = true, FileBytes = await SizeAsync(name) };
        }

        await server.DropDatabaseAsync(name);
        await server.ExecuteAsync($"CREATE DATABASE {PostgresServer.Quote(name)}");
        var total = Stopwatch.StartNew();
        await using (var services = Database.Services(""))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var migrate = total.Elapsed;
        Console.WriteLine($"Migrated {name} in {migrate.TotalSeconds:F1} s; generating {options.Leads:N0} leads…");

        var now = Database.Now;
        var generator = new LeadGenerator(options.Seed, now);
        PostgreSqlLoader.Result load;
        await using (var services = Database.Services(""))
        {
            await using var model = await services.GetRequiredService<IDbContextFactory<LeadDeskDbContext>>().CreateDbContextAsync();
            load = await PostgreSqlLoader.LoadAsync(Database.PostgreSql, model, generator.Batches(options.Leads, 5_000));
        }
        // The app's initializer again: it finds the tally triggers missing, recreates them and counts the leads into LeadTallies.
        var tallyClock = Stopwatch.StartNew();
        await using (var services = Database.Services(""))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var tallies = tallyClock.Elapsed;
        await using (var services = Database.Services(""))
            await Database.EnterSpendAsync(services.GetRequiredService<SpendService>(), now, options.Seed);
        total.Stop();

        var stats = new GenerationStats(load.Leads, load.Events, load.Decisions, total.Elapsed.TotalSeconds, migrate.TotalSeconds,
            load.Insert.TotalSeconds, load.Indexes.TotalSeconds, load.Analyze.TotalSeconds, tallies.TotalSeconds, await SizeAsync(name),
            load.Stages.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value),
            load.Statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value));
        await ExecuteAsync($"COMMENT ON DATABASE {PostgresServer.Quote(name)} IS {Literal(JsonSerializer.Serialize(stats))}");
        Console.WriteLine($"Generated in {stats.TotalSeconds:F1} s (COPY {stats.InsertSeconds:F1} s, indexes {stats.IndexSeconds:F1} s, " +
                          $"VACUUM ANALYZE {stats.AnalyzeSeconds:F1} s, tally triggers + recount {stats.TallySeconds:F1} s); {stats.Events:N0} events, " +
                          $"{stats.Decisions:N0} decisions; {stats.FileBytes / 1024.0 / 1024.0:F0} MiB");
        Console.WriteLine("Stages: " + string.Join(", ", stats.Stages.Select(p => $"{p.Key} {p.Value:N0}")));
        Console.WriteLine("Statuses: " + string.Join(", ", stats.Statuses.Select(p => $"{p.Key} {p.Value:N0}")));
        return stats;
    }

    /// <summary>A reused database made before a newer migration gets it as the app would at start-up, then a full ANALYZE.</summary>
    private static async Task MigrateReusedAsync()
    {
        await using var services = Database.Services("");
        await using var db = await services.GetRequiredService<IDbContextFactory<LeadDeskDbContext>>().CreateDbContextAsync();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count == 0) return;
        var clock = Stopwatch.StartNew();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await ExecuteAsync("ANALYZE");
        Console.WriteLine($"Applied {string.Join(", ", pending)} and ran ANALYZE in {clock.Elapsed.TotalSeconds:F1} s.");
    }

    private static async Task<GenerationStats?> ReadStatsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Database.PostgreSql);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is string json ? JsonSerializer.Deserialize<GenerationStats>(json) : null;
    }

    private static async Task<long> CountLeadsAsync()
    {
        await using var connection = new NpgsqlConnection(Database.PostgreSql);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT COUNT(*) FROM "Leads" """, connection);
        try { return Convert.ToInt64(await command.ExecuteScalarAsync()); }
        catch (PostgresException) { return -1; }
    }

    private static async Task<long> SizeAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Database.PostgreSql);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(@name)", connection);
        command.Parameters.AddWithValue("name", name);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.PostgreSql);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";
}
