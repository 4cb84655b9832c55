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
        var md = new StringBuilder();
        md.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Machine()}");
        md.AppendLine();
        md.AppendLine($"- Leads: {generation.Leads:N0}; engagement events: {generation.Events:N0}; decisions: {generation.Decisions:N0}");
        var reused = generation.Reused ? " — measured when the file was made; this run reused it" : "";
        md.AppendLine(string.Create(inv, $"- Generation: {generation.TotalSeconds:F1} s in all (migrations {generation.MigrateSeconds:F1} s, inserts {generation.InsertSeconds:F1} s, index build {generation.IndexSeconds:F1} s, ANALYZE {generation.AnalyzeSeconds:F1} s, tally triggers + recount {generation.TallySeconds:F1} s){reused}"));
        md.AppendLine(string.Create(inv, $"- File: {generation.FileBytes / 1024.0 / 1024.0:F0} MiB"));
        md.AppendLine($"- Stages: {string.Join(", ", generation.Stages.Select(p => $"{p.Key} {p.Value:N0}"))}");
        md.AppendLine($"- Statuses: {string.Join(", ", generation.Statuses.Select(p => $"{p.Key} {p.Value:N0}"))}");
        md.AppendLine($"- Load average (1/5/15 min) when the timing started: {loadBefore}; when it ended: {loadAfter} (other work shares the 2 cores)");
        md.AppendLine($"- Page size 25; at least five rounds (and 5 s) over all combinations, then per combination at least {options.Warmup} warm-up runs and 0.5 s (after the first run checks that EF and raw SQL return the same count and rows), then {options.Iterations} timed runs per combination, EF and raw alternating");
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

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var sqlite = command.ExecuteScalar();
        var ef = typeof(DbContext).Assembly.GetName().Version;
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), " +
               $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, EF Core {ef}, SQLite {sqlite}";
    }
}
