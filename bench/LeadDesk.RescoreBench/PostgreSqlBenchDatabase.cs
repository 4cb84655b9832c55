using System.Diagnostics;
using LeadDesk.Bench;
using LeadDesk.Bench.Shared;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadDesk.RescoreBench;

/// <summary>
/// The PostgreSQL counterpart of <see cref="BenchDatabase.PrepareAsync"/>: the working copy is a new database made from
/// the inbox benchmark's generated one (<c>CREATE DATABASE … TEMPLATE</c>, a file-level copy, the source never written),
/// brought to this branch's schema through the app's initializer. A server without that database (a throw-away one)
/// gets it first, made as the inbox benchmark makes it: its generator and COPY loader, same seed, same "now".
/// </summary>
internal static class PostgreSqlBenchDatabase
{
    /// <summary>The inbox benchmark's defaults (<c>--seed</c>, <c>--leads</c>) and its data's "now" (<c>Database.Now</c> there).</summary>
    private const int Seed = 20261123;
    private const int Leads = 1_000_000;
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    public static async Task<Prepared> PrepareAsync(Options options, PostgresServer server)
    {
        var (source, work) = (options.SourceDatabase, options.WorkDatabase);
        var copied = false;
        var copy = Stopwatch.StartNew();
        if (options.Fresh || !await server.DatabaseExistsAsync(work))
        {
            if (!await server.DatabaseExistsAsync(source)) await GenerateAsync(server, source);
            await server.DropDatabaseAsync(work);
            NpgsqlConnection.ClearAllPools(); // a template must have no open connections
            await server.ExecuteAsync($"CREATE DATABASE {PostgresServer.Quote(work)} TEMPLATE {PostgresServer.Quote(source)}");
            copied = true;
        }
        copy.Stop();

        BenchDatabase.PostgreSql = server.For(work);
        var migrate = Stopwatch.StartNew();
        await using (var services = BenchDatabase.Services(""))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        migrate.Stop();

        await using var connection = new NpgsqlConnection(BenchDatabase.PostgreSql);
        await connection.OpenAsync();
        long Scalar(string sql)
        {
            using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(command.ExecuteScalar());
        }
        return new Prepared(Scalar("""SELECT COUNT(*) FROM "Leads" """), Scalar("""SELECT COUNT(*) FROM "EngagementEvents" """),
            Scalar("SELECT pg_database_size(current_database())"), copy.Elapsed.TotalSeconds, migrate.Elapsed.TotalSeconds, copied);
    }

    private static async Task GenerateAsync(PostgresServer server, string name)
    {
        Console.WriteLine($"No database {name} on the server: generating {Leads:N0} leads into it as the inbox benchmark does…");
        var clock = Stopwatch.StartNew();
        await server.ExecuteAsync($"CREATE DATABASE {PostgresServer.Quote(name)}");
        BenchDatabase.PostgreSql = server.For(name);
        await using (var services = BenchDatabase.Services(""))
        {
            var initializer = services.GetRequiredService<DatabaseInitializer>();
            await initializer.InitializeAsync();
            await using (var model = await services.GetRequiredService<IDbContextFactory<LeadDeskDbContext>>().CreateDbContextAsync())
                await PostgreSqlLoader.LoadAsync(BenchDatabase.PostgreSql, model, new LeadGenerator(Seed, Now).Batches(Leads, 5_000));
            await initializer.InitializeAsync();
        }
        BenchDatabase.PostgreSql = null;
        Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:F0} s.");
    }
}
