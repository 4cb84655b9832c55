using System.Diagnostics;
using System.Text.Json;
using LeadDesk.Domain;
using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Bench;

/// <summary>What generating the database took; kept beside the file so a <c>--reuse</c> run can report it.</summary>
internal sealed record GenerationStats(long Leads, long Events, long Decisions, double TotalSeconds, double MigrateSeconds,
    double InsertSeconds, double IndexSeconds, double AnalyzeSeconds, double TallySeconds, long FileBytes,
    Dictionary<string, long> Stages, Dictionary<string, long> Statuses, bool Reused = false);

internal static class Database
{
    /// <summary>The generated data's "now": histories end here, and the dashboard's last 90 days end on this day.</summary>
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The benchmark database's connection string when the engine is PostgreSQL (set once by <see cref="PrepareAsync"/>),
    /// else null. One run measures one engine; the suites go on naming the SQLite file, which PostgreSQL runs ignore.
    /// </summary>
    public static string? PostgreSql { get; internal set; }

    /// <summary>The app's own service setup (AddLeadDeskDomain) pointed at the benchmark file (or PostgreSQL database).</summary>
    public static ServiceProvider Services(string dbPath, CommandCapture? capture = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = PostgreSql is null ? "Sqlite" : "PostgreSQL",
            ["Database:ConnectionString"] = PostgreSql ?? $"Data Source={dbPath}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLeadDeskDomain(configuration);
        if (capture is not null) services.ConfigureDbContext<LeadDeskDbContext>(o => o.AddInterceptors(capture));
        return services.BuildServiceProvider();
    }

    public static async Task<GenerationStats> PrepareAsync(BenchOptions options, Shared.PostgresServer? server = null)
    {
        if (server is not null) return await PostgreSqlDatabase.PrepareAsync(options, server);
        var path = options.DbPath;
        var statsPath = path + ".json";
        if (options.Reuse && File.Exists(path) && File.Exists(statsPath) && CountLeads(path) == options.Leads)
        {
            Console.WriteLine("Reusing the existing database.");
            await MigrateReusedAsync(path);
            var kept = JsonSerializer.Deserialize<GenerationStats>(await File.ReadAllTextAsync(statsPath))!;
            return kept with { Reused = true, FileBytes = new FileInfo(path).Length };
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var file in new[] { path, path + "-wal", path + "-shm", statsPath })
            File.Delete(file);

        var total = Stopwatch.StartNew();
        // The schema comes from the real migrations, through the app's own initializer (which also turns WAL on).
        await using (var services = Services(path))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        SqliteConnection.ClearAllPools();
        var migrate = total.Elapsed;
        Console.WriteLine($"Migrated in {migrate.TotalSeconds:F1} s; generating {options.Leads:N0} leads…");

        var now = Now;
        var generator = new LeadGenerator(options.Seed, now);
        var load = BulkLoader.Load($"Data Source={path};Pooling=False", generator.Batches(options.Leads, 5_000), leadsPerTransaction: 100_000);
        // The app's initializer again: it finds the tally triggers missing, recreates them and counts the leads into LeadTallies.
        var tallyClock = Stopwatch.StartNew();
        await using (var services = Services(path))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        SqliteConnection.ClearAllPools();
        var tallies = tallyClock.Elapsed;
        await using (var services = Services(path))
            await EnterSpendAsync(services.GetRequiredService<SpendService>(), now, options.Seed);
        SqliteConnection.ClearAllPools();
        total.Stop();

        var stats = new GenerationStats(load.Leads, load.Events, load.Decisions, total.Elapsed.TotalSeconds, migrate.TotalSeconds,
            load.Insert.TotalSeconds, load.Indexes.TotalSeconds, load.Analyze.TotalSeconds, tallies.TotalSeconds, new FileInfo(path).Length,
            load.Stages.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value),
            load.Statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value));
        await File.WriteAllTextAsync(statsPath, JsonSerializer.Serialize(stats, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Generated in {stats.TotalSeconds:F1} s (insert {stats.InsertSeconds:F1} s, indexes {stats.IndexSeconds:F1} s, " +
                          $"ANALYZE {stats.AnalyzeSeconds:F1} s, tallies {stats.TallySeconds:F1} s); {stats.Events:N0} events, {stats.Decisions:N0} decisions; " +
                          $"{stats.FileBytes / 1024.0 / 1024.0:F0} MiB");
        Console.WriteLine("Stages: " + string.Join(", ", stats.Stages.Select(p => $"{p.Key} {p.Value:N0}")));
        Console.WriteLine("Statuses: " + string.Join(", ", stats.Statuses.Select(p => $"{p.Key} {p.Value:N0}")));
        return stats;
    }

    /// <summary>
    /// A reused file made before a newer migration gets it the way the app would at start-up (the initializer), then a
    /// full ANALYZE as a freshly generated file has, so that new indexes are planned with the same statistics.
    /// </summary>
    private static async Task MigrateReusedAsync(string path)
    {
        await using (var services = Services(path))
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<LeadDeskDbContext>>().CreateDbContextAsync();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count == 0) return;
            var clock = Stopwatch.StartNew();
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
            Console.WriteLine($"Applied {string.Join(", ", pending)} and ran ANALYZE in {clock.Elapsed.TotalSeconds:F1} s.");
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Monthly spend for every channel the leads came from but the unpaid ones, over the generated history, entered
    /// through the domain's <see cref="SpendService"/> as a manager would: the channel report then prorates real rows.
    /// </summary>
    internal static async Task EnterSpendAsync(SpendService spend, DateTime now, int seed)
    {
        var random = new Random(seed);
        var first = ChannelSpend.MonthOf(DateOnly.FromDateTime(now - LeadGenerator.History));
        foreach (var channel in (await spend.GetLeadChannelsAsync()).Where(c => c is not ("Organic search" or "Direct")))
            for (var month = first; month <= DateOnly.FromDateTime(now); month = month.AddMonths(1))
                await spend.SetAsync(DashboardBenchmark.Manager, channel, month, random.Next(2_000, 40_000));
    }

    private static long CountLeads(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Leads\"";
        try { return Convert.ToInt64(command.ExecuteScalar()); }
        catch (SqliteException) { return -1; }
    }
}
