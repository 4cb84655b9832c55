using System.Data.Common;
using System.Diagnostics;
using LeadDesk.Domain.Inbox;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Bench;

internal sealed record Measurement(string Name, int Total, string How, double[] EfMs, double[] RawMs)
{
    public double EfP50 => Percentile(EfMs, 0.50);
    public double EfP95 => Percentile(EfMs, 0.95);
    public double RawP50 => Percentile(RawMs, 0.50);
    public double RawP95 => Percentile(RawMs, 0.95);
    /// <summary>EF p95 over raw p95: the issue's "within 1.5× of the raw query".</summary>
    public double Ratio => EfP95 / RawP95;
    public bool MeetsAbsolute => EfP95 <= InboxBenchmark.TargetP95Ms;
    public bool MeetsRatio => Ratio <= InboxBenchmark.TargetRatio;

    /// <summary>Nearest-rank percentile: the smallest sample with at least p of the samples at or below it.</summary>
    internal static double Percentile(double[] samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}

/// <summary>
/// Times each combination through the real <see cref="LeadInbox.GetPageAsync"/> (a context from the app's factory,
/// COUNT + page, materialised rows) and through the hand-written SQL, alternating the two so that whatever else the
/// machine does falls on both alike.
/// </summary>
internal static class InboxBenchmark
{
    public const double TargetP95Ms = 25;
    public const double TargetRatio = 1.5;

    public static async Task<List<Measurement>> RunAsync(BenchOptions options)
    {
        await using var services = Database.Services(options.DbPath);
        var inbox = services.GetRequiredService<LeadInbox>();
        await using var connection = await OpenRawAsync(options.DbPath);

        var scenarios = Scenario.All.Where(s => options.Only is null || s.Name.Contains(options.Only, StringComparison.OrdinalIgnoreCase)).ToList();
        // One pass over everything first, so that JIT tiering and the first touch of each memory-mapped page are behind us.
        var rounds = Stopwatch.StartNew();
        for (var round = 0; round < 5 || rounds.Elapsed < TimeSpan.FromSeconds(5); round++)
            foreach (var scenario in scenarios)
            {
                using var raw = RawInbox.For(connection, scenario);
                await inbox.GetPageAsync(scenario.Query);
                raw.Run();
            }

        var results = new List<Measurement>();
        foreach (var scenario in scenarios)
        {
            using var raw = RawInbox.For(connection, scenario);
            var efPage = await inbox.GetPageAsync(scenario.Query);
            var rawPage = raw.Run();
            if (efPage.TotalCount != rawPage.TotalCount || !efPage.Rows.SequenceEqual(rawPage.Rows))
                throw new InvalidOperationException($"{scenario.Name}: EF and raw SQL disagree (EF {efPage.TotalCount} leads, " +
                    $"ids {string.Join(",", efPage.Rows.Select(r => r.Id))}; raw {rawPage.TotalCount}, ids {string.Join(",", rawPage.Rows.Select(r => r.Id))}).");

            var warmup = Stopwatch.StartNew();
            for (var i = 0; i < options.WarmupRuns || warmup.Elapsed < TimeSpan.FromSeconds(0.5); i++)
            {
                await inbox.GetPageAsync(scenario.Query);
                raw.Run();
            }

            var ef = new double[options.TimedRuns];
            var sql = new double[options.TimedRuns];
            for (var i = 0; i < options.TimedRuns; i++)
            {
                if (i % 2 == 0)
                {
                    ef[i] = await TimeAsync(() => inbox.GetPageAsync(scenario.Query));
                    sql[i] = Time(raw.Run);
                }
                else
                {
                    sql[i] = Time(raw.Run);
                    ef[i] = await TimeAsync(() => inbox.GetPageAsync(scenario.Query));
                }
            }
            var how = raw.Plan;
            var measurement = new Measurement(scenario.Name, efPage.TotalCount, how, ef, sql);
            results.Add(measurement);
            Console.WriteLine($"{scenario.Name,-48} {efPage.TotalCount,9:N0} leads {how,-20}  EF p50 {measurement.EfP50,7:F2} p95 {measurement.EfP95,7:F2}  " +
                              $"raw p50 {measurement.RawP50,7:F2} p95 {measurement.RawP95,7:F2}  ×{measurement.Ratio:F2}");
        }
        return results;
    }

    /// <summary>A connection for the hand-written SQL, with the same per-connection settings the app's connections get.</summary>
    public static async Task<DbConnection> OpenRawAsync(string path, bool readOnly = true)
    {
        if (Database.PostgreSql is { } postgres)
        {
            var server = new NpgsqlConnection(postgres);
            await server.OpenAsync();
            // Prepared statements skip parsing; PostgreSQL may then switch them to a generic plan (chosen without the
            // parameter values), which EF's unprepared statements never get. Custom plans keep both sides on the same plans.
            await using var custom = new NpgsqlCommand("SET plan_cache_mode = force_custom_plan", server);
            await custom.ExecuteNonQueryAsync();
            return server;
        }
        var connection = new SqliteConnection($"Data Source={path}" + (readOnly ? ";Mode=ReadOnly" : ""));
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA mmap_size = 2147418112;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    private static double Time(Func<InboxPage> action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task<InboxPage>> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
