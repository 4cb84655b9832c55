using System.Diagnostics;
using System.Text.Json;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Import;
using LeadDesk.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.ImportBench;

/// <summary>What one measured phase reports back to the run that started it.</summary>
internal sealed record PhaseResult(
    string Phase, double Seconds, double UploadSeconds, long Rows, long PeakBytes, double CpuSeconds,
    string? Status = null, int Created = 0, int Merged = 0, int Skipped = 0, int Failed = 0)
{
    /// <summary>The database server's CPU seconds during the phase, when it runs as a process of its own here (PostgreSQL).</summary>
    public double? ServerCpuSeconds { get; init; }
}

/// <summary>
/// Each measurement runs in a process of its own, so that its peak memory (VmHWM) is its own and not what an earlier
/// phase left behind; the parent passes it a working copy of the base database and reads one JSON line back.
/// </summary>
internal static class Phases
{
    private const string Marker = "PHASE-RESULT ";

    public static async Task<PhaseResult> RunChildAsync(string phase, string db, ImportBenchOptions options, int batchSize, int cacheMegabytes)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(Phases).Assembly.Location);
        foreach (var arg in new[] { "--phase", phase, "--engine", options.Engine, "--db", db, "--csv", options.CsvPath, "--batch", $"{batchSize}", "--cache", $"{cacheMegabytes}" })
            start.ArgumentList.Add(arg);
        if (options.IsPostgreSql)
        {
            start.ArgumentList.Add("--postgres");
            start.ArgumentList.Add(options.PostgresServer);
        }
        using var child = Process.Start(start)!;
        PhaseResult? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal)) result = JsonSerializer.Deserialize<PhaseResult>(line[Marker.Length..]);
            else Console.WriteLine(line);
        }
        await child.WaitForExitAsync();
        return result ?? throw new InvalidOperationException($"The {phase} phase ended with exit code {child.ExitCode} and no result.");
    }

    /// <summary>Runs one phase in this process and prints its result for the parent.</summary>
    public static async Task<int> RunHereAsync(string phase, BenchEngine engine, string db, string csvPath, int batchSize, int cacheMegabytes)
    {
        var result = phase switch
        {
            "raw" => engine.RawBaseline(db, csvPath, batchSize, cacheMegabytes),
            "import" => await ImportAsync(engine, db, csvPath, batchSize, cacheMegabytes),
            _ => throw new ArgumentException($"Unknown phase {phase}."),
        };
        Console.WriteLine(Marker + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>The import as the app does it: the upload stored by ImportService, then the job run by ImportRunner.</summary>
    private static async Task<PhaseResult> ImportAsync(BenchEngine engine, string db, string csvPath, int batchSize, int cacheMegabytes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Import:BatchSize"] = $"{batchSize}",
            ["Import:CacheMegabytes"] = $"{cacheMegabytes}",
            ["Import:MaxFileMegabytes"] = "1024",
        };
        await using var services = engine.Services(db, settings);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var imports = services.GetRequiredService<ImportService>();
        var runner = services.GetRequiredService<ImportRunner>();
        var marketer = new Caller("bench-marketer-0000", "Morgan Marketer", new HashSet<string> { Roles.Marketing });
        var nextReport = 0;
        using var progress = services.GetRequiredService<ImportSignals>().Subscribe(p =>
        {
            if (p.RowsDone < nextReport) return Task.CompletedTask;
            nextReport = p.RowsDone + 100_000;
            Console.WriteLine($"  {p.RowsDone:N0} / {p.TotalRows:N0} rows, RSS {ProcessMemory.CurrentBytes() / 1048576:N0} MiB");
            return Task.CompletedTask;
        });

        ProcessMemory.ResetPeak();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        ImportJob job;
        await using (var file = File.OpenRead(csvPath))
            job = await imports.UploadAsync(marketer, Path.GetFileName(csvPath), file);
        var upload = clock.Elapsed;
        await imports.StartAsync(marketer, job.Id, job.Mapping);
        await runner.RunAsync(job.Id);
        clock.Stop();
        var peak = ProcessMemory.PeakBytes();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        job = await imports.GetAsync(marketer, job.Id);
        return new PhaseResult("import", clock.Elapsed.TotalSeconds, upload.TotalSeconds, job.RowsDone, peak, cpu.TotalSeconds,
            job.Status.ToString(), job.Created, job.Merged, job.Skipped, job.Failed);
    }
}
