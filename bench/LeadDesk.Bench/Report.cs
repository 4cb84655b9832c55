using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Bench;

/// <summary>The results as Markdown, ready for docs/performance.md.</summary>
internal static class Report
{
    public static string Write(BenchOptions options, GenerationStats generation, IReadOnlyList<Measurement> results, string loadBefore, string loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = Header(generation, loadBefore, loadAfter);
        if (Database.PostgreSql is not null)
            md.AppendLine("- Raw on PostgreSQL: the count and the page as LeadInbox takes them there (tallies plus unfolded changes in one " +
                          "statement, a search alone as four index ranges, else COUNT(*); by last activity the leads with activity first; past page 1 the page's ids first; " +
                          "no likely()), prepared Npgsql commands on one open connection with custom plans (plan_cache_mode), as EF's unprepared ones get");
        md.AppendLine($"- Page size 25; at least five rounds (and 5 s) over all combinations, then per combination at least {options.WarmupRuns} warm-up runs and 0.5 s (after the first run checks that EF and raw SQL return the same count and rows), then {options.TimedRuns} timed runs per combination, EF and raw alternating");
        md.AppendLine();
        md.AppendLine("| combination | matching leads | count · page plan | EF p50 ms | EF p95 ms | raw p50 ms | raw p95 ms | ratio (p95) | meets target? |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var verdict = (r.MeetsAbsolute, r.MeetsRatio) switch
            {
                (true, true) => "yes",
                (false, true) => "no: p95 > 25 ms",
                (true, false) => "no: ratio > 1.5",
                _ => "no: p95 > 25 ms and ratio > 1.5",
            };
            md.AppendLine(string.Create(inv, $"| {r.Name} | {r.Total:N0} | {r.How} | {r.EfP50:F2} | {r.EfP95:F2} | {r.RawP50:F2} | {r.RawP95:F2} | {r.Ratio:F2} | {verdict} |"));
        }
        return md.ToString();
    }

    public static string WriteDashboard(BenchOptions options, GenerationStats generation, DashboardPeriodFacts facts,
        IReadOnlyList<DashboardMeasurement> results, string loadBefore, string loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = Header(generation, loadBefore, loadAfter);
        var lastDay = DateOnly.FromDateTime(facts.Period.To.AddDays(-1));
        md.AppendLine($"- Period: the last {DashboardBenchmark.PeriodDays} days, {DateOnly.FromDateTime(facts.Period.From):yyyy-MM-dd} to {lastDay:yyyy-MM-dd} " +
                      $"inclusive (ending on the data's \"now\"): {facts.LeadsCreated:N0} leads created, {facts.Decisions:N0} decisions in it; weekly grouping; caller: a Manager");
        md.AppendLine($"- At least {options.WarmupRuns} warm-up rounds and 5 s (after a first run checks that each whole dashboard equals its sections " +
                      $"computed alone), then {options.TimedRuns} timed rounds; each round runs every row below once, in an order rotated by the round");
        md.AppendLine("- p50/p95: wall-clock, nearest rank; CPU p50: the CPU time this process spent during the call, all threads (other work on " +
                      "the machine stretches wall time much more than CPU time; on 2 cores a call takes at least half its CPU time)");
        md.AppendLine();
        md.AppendLine("| what | returns | p50 ms | p95 ms | max ms | CPU p50 ms | meets target? |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var verdict = r.Whole ? r.P95 <= DashboardBenchmark.TargetP95Ms ? "yes" : string.Create(inv, $"no: p95 > {DashboardBenchmark.TargetP95Ms:F0} ms") : "";
            var name = r.Whole ? $"**{r.Name}**" : r.Name;
            md.AppendLine(string.Create(inv, $"| {name} | {r.Returns} | {r.P50:F1} | {r.P95:F1} | {r.Max:F1} | {r.CpuP50:F1} | {verdict} |"));
        }
        return md.ToString();
    }

    private static StringBuilder Header(GenerationStats generation, string loadBefore, string loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Machine()}");
        if (Database.PostgreSql is { } postgres)
            md.AppendLine().AppendLine($"Server: {Shared.PostgresServer.DescribeAsync(postgres).GetAwaiter().GetResult()}, on the same machine");
        md.AppendLine();
        md.AppendLine($"- Leads: {generation.Leads:N0}; engagement events: {generation.Events:N0}; decisions: {generation.Decisions:N0}");
        var reused = generation.Reused ? " — measured when the file was made; this run reused it" : "";
        if (Database.PostgreSql is null)
        {
            md.AppendLine(string.Create(inv, $"- Generation: {generation.TotalSeconds:F1} s in all (migrations {generation.MigrateSeconds:F1} s, inserts {generation.InsertSeconds:F1} s, index build {generation.IndexSeconds:F1} s, ANALYZE {generation.AnalyzeSeconds:F1} s, tally triggers + recount {generation.TallySeconds:F1} s){reused}"));
            md.AppendLine(string.Create(inv, $"- File: {generation.FileBytes / 1024.0 / 1024.0:F0} MiB"));
        }
        else
        {
            md.AppendLine(string.Create(inv, $"- Generation: {generation.TotalSeconds:F1} s in all (migrations {generation.MigrateSeconds:F1} s, binary COPY {generation.InsertSeconds:F1} s, index and foreign key build {generation.IndexSeconds:F1} s, VACUUM ANALYZE {generation.AnalyzeSeconds:F1} s, tally triggers + recount {generation.TallySeconds:F1} s){reused}"));
            md.AppendLine(string.Create(inv, $"- Database: {generation.FileBytes / 1024.0 / 1024.0:F0} MiB (pg_database_size)"));
        }
        md.AppendLine($"- Stages: {string.Join(", ", generation.Stages.Select(p => $"{p.Key} {p.Value:N0}"))}");
        md.AppendLine($"- Statuses: {string.Join(", ", generation.Statuses.Select(p => $"{p.Key} {p.Value:N0}"))}");
        md.AppendLine($"- Load average (1/5/15 min) when the timing started: {loadBefore}; when it ended: {loadAfter} (other work shares the 2 cores)");
        return md;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var ef = typeof(DbContext).Assembly.GetName().Version;
        var machine = $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), " +
                      $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, EF Core {ef}";
        if (Database.PostgreSql is not null)
            return $"{machine}, Npgsql {typeof(Npgsql.NpgsqlConnection).Assembly.GetName().Version}";
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return $"{machine}, SQLite {command.ExecuteScalar()}";
    }
}
