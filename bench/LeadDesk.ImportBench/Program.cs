using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LeadDesk.Domain.Import;
using LeadDesk.ImportBench;

ImportBenchOptions options;
try
{
    options = ImportBenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var defaults = new ImportOptions();
var batchSize = options.BatchSize ?? defaults.BatchSize;
var cacheMegabytes = options.CacheMegabytes ?? defaults.CacheMegabytes;
var engine = BenchEngine.For(options);
if (options.Phase is { } phase)
    return await Phases.RunHereAsync(phase, engine, options.Db!, options.Csv!, batchSize, cacheMegabytes);

var engineName = options.IsPostgreSql ? "PostgreSQL" : "SQLite";
Console.WriteLine($"LeadDesk import benchmark ({engineName}): {options.Rows:N0} rows into {options.Leads:N0} leads; batches of {batchSize:N0}" +
                  (options.IsPostgreSql ? "" : $", page cache {cacheMegabytes} MiB"));
await engine.EnsureBaseAsync(options.Leads, options.Seed);
Directory.CreateDirectory(ImportBenchOptions.OutDirectory);
if (!File.Exists(options.CsvPath))
{
    Console.WriteLine($"Writing {options.CsvPath}…");
    ContactsFile.Write(options.CsvPath + ".tmp", options.Rows, options.Seed);
    File.Move(options.CsvPath + ".tmp", options.CsvPath);
}
var csvBytes = new FileInfo(options.CsvPath).Length;
var loadBefore = LoadAverage();

PhaseResult? baseline = null;
if (!options.SkipBaseline)
{
    var rawCopy = await engine.CopyAsync("import-work-raw");
    Console.WriteLine($"{Capitalized(engine.RawBaselineName)}…");
    baseline = await MeasureAsync("raw", rawCopy);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {baseline.Rows:N0} rows in {baseline.Seconds:F1} s ({baseline.Rows / baseline.Seconds:N0} rows/s), peak {Mib(baseline.PeakBytes)} MiB"));
    if (!options.Keep) await engine.DeleteAsync(rawCopy);
}

var importCopy = await engine.CopyAsync("import-work");
Console.WriteLine("LeadDesk import (ImportService + ImportRunner)…");
var import = await MeasureAsync("import", importCopy);
var loadAfter = LoadAverage();
var leadsAfter = await engine.CountLeadsAsync(importCopy);
if (!options.Keep) await engine.DeleteAsync(importCopy);

var inv = CultureInfo.InvariantCulture;
var importRate = import.Rows / import.Seconds;
var md = new StringBuilder();
md.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores ({RuntimeInformation.ProcessArchitecture}), {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {await engine.DescribeAsync()}");
md.AppendLine();
md.AppendLine(string.Create(inv, $"- File: {options.Rows:N0} rows, {csvBytes / 1048576.0:F0} MiB, HubSpot-style (every {ContactsFile.BadEvery:N0}th row with a broken email); database before: {options.Leads:N0} leads"));
md.AppendLine(options.IsPostgreSql
    ? string.Create(inv, $"- Batches of {batchSize:N0} rows (one transaction each, for both)")
    : string.Create(inv, $"- Batches of {batchSize:N0} rows (one transaction each, for both), page cache {cacheMegabytes} MiB on the writing connection"));
md.AppendLine($"- Load average (1/5/15 min) before: {loadBefore}; after: {loadAfter} (other work shares the cores)");
md.AppendLine(string.Create(inv, $"- Import job: {import.Status}; {import.Created:N0} created, {import.Merged:N0} merged, {import.Skipped:N0} skipped, {import.Failed:N0} refused; leads after: {leadsAfter:N0}"));
md.AppendLine();
var server = import.ServerCpuSeconds is not null;
md.AppendLine(server
    ? "| | wall time | rows/s | CPU time (this process) | CPU time (database server) | peak memory (VmHWM) |"
    : "| | wall time | rows/s | CPU time | peak memory (VmHWM) |");
md.AppendLine(server ? "|---|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|");
md.AppendLine(string.Create(inv, $"| LeadDesk import (upload stored, then the background run) | {import.Seconds:F1} s | {importRate:N0} | {import.CpuSeconds:F1} s | {ServerCpu(import)}{Mib(import.PeakBytes)} MiB |"));
md.AppendLine(string.Create(inv, $"| · of which storing the upload (copy, encoding check, header) | {import.UploadSeconds:F1} s | | | {(server ? "| " : "")}|"));
if (baseline is not null)
{
    var rawRate = baseline.Rows / baseline.Seconds;
    md.AppendLine(string.Create(inv, $"| {engine.RawBaselineName} | {baseline.Seconds:F1} s | {rawRate:N0} | {baseline.CpuSeconds:F1} s | {(server ? ServerCpu(baseline) : "")}{Mib(baseline.PeakBytes)} MiB |"));
    md.AppendLine();
    md.AppendLine(string.Create(inv, $"Import rate ÷ baseline rate: **{importRate / rawRate:F2}**"));
}
var verdicts = options.IsPostgreSql
    ? new List<string>
    {
        $"≥ 100,000 rows/s — {(importRate >= 100_000 ? "met" : "missed")}",
        $"≤ 1 GB — {(import.PeakBytes <= 1L << 30 ? "met" : "missed")}",
    }
    : new List<string>
    {
        $"≤ 20 s — {(import.Seconds <= 20 ? "met" : "missed")}",
        $"≤ 1 GB — {(import.PeakBytes <= 1L << 30 ? "met" : "missed")}",
    };
if (baseline is not null)
    verdicts.Add($"≥ 0.3 × baseline — {(importRate / (baseline.Rows / baseline.Seconds) >= 0.3 ? "met" : "missed")}");
md.AppendLine();
md.AppendLine($"Targets: {string.Join("; ", verdicts)}");
await File.WriteAllTextAsync(options.ReportPath, md.ToString());
Console.WriteLine();
Console.WriteLine(md);
Console.WriteLine($"Written to {options.ReportPath}");
return 0;

// One phase in a process of its own, with the database server's CPU time around it when the server is a process here.
async Task<PhaseResult> MeasureAsync(string phase, string db)
{
    var serverBefore = await engine.ServerCpuSecondsAsync();
    var result = await Phases.RunChildAsync(phase, db, options, batchSize, cacheMegabytes);
    var serverAfter = await engine.ServerCpuSecondsAsync();
    return result with { ServerCpuSeconds = serverAfter - serverBefore };
}

static string ServerCpu(PhaseResult result) =>
    result.ServerCpuSeconds is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s | ") : "";

static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture);

static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

static string LoadAverage()
{
    try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
    catch (IOException) { return "?"; }
}
