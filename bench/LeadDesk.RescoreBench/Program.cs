using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LeadDesk.Bench.Shared;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Scoring;
using LeadDesk.RescoreBench;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine($"LeadDesk rescore benchmark on a copy of {(options.PostgreSql ? "PostgreSQL database " : "")}{options.SourcePath}");
// PostgreSQL: the server --pg names, or a throw-away one for this run (stopped, with its data, when the run ends).
await using var server = options.PostgreSql ? await PostgresServer.UseAsync(options.Pg) : null;
Prepared prepared;
try
{
    prepared = await BenchDatabase.PrepareAsync(options, server);
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
Console.WriteLine(prepared.Copied
    ? $"Copied in {prepared.CopySeconds:F1} s; migrated in {prepared.MigrateSeconds:F1} s."
    : $"Reusing {(options.PostgreSql ? options.WorkDatabase : options.DbPath)}; migrations checked in {prepared.MigrateSeconds:F1} s.");
Console.WriteLine($"{prepared.Leads:N0} leads, {prepared.Events:N0} events, {prepared.FileBytes / 1048576.0:F0} MiB");

await using var services = BenchDatabase.Services(options.DbPath);
var editor = services.GetRequiredService<ScoringEditor>();
var rescorer = services.GetRequiredService<Rescorer>();
var probe = new InboxProbe(services.GetRequiredService<LeadInbox>());
var contexts = services.GetRequiredService<IDbContextFactory<LeadDeskDbContext>>();
var marketer = new Caller("bench-marketer", "Bench Marketer", new HashSet<string> { Roles.Marketing });

// A run left unfinished by an interrupted earlier benchmark would otherwise be part of the first timed run.
while (await rescorer.RunPendingAsync(CancellationToken.None)) { }

var loadBefore = LoadAverage();
Console.WriteLine("Inbox while idle…");
await probe.RunAsync(null, 30);
var idle = await probe.RunAsync(null, 200);

Console.WriteLine("Reading and scoring every lead without writing (where the time goes)…");
var (readSeconds, scoreSeconds) = await ReadAndScoreAsync(contexts, editor, marketer);

// Work done by the database server is not this process's CPU time; on PostgreSQL it is read from the server's processes.
Task<TimeSpan?> ServerCpuAsync() => BenchDatabase.PostgreSql is { } postgres ? PostgresServer.CpuTimeAsync(postgres) : Task.FromResult<TimeSpan?>(null);
var runs = new List<RunResult>();
for (var i = 1; i <= options.Runs; i++)
{
    var active = await editor.GetVersionAsync(marketer, (await editor.GetVersionsAsync(marketer))[0].Version);
    var (draft, change) = ModelChange.Next(active.Definition);
    var saved = await editor.SaveAsync(marketer, draft, $"Rescore benchmark: {change}");
    Console.WriteLine($"Run {i}: version {saved.Version} ({change})…");

    RunResult result;
    await using (var memory = MemorySampler.Start())
    {
        var (cpu, serverCpu) = (Environment.CpuUsage.TotalTime, await ServerCpuAsync());
        var clock = Stopwatch.StartNew();
        var rescore = Task.Run(() => rescorer.RunPendingAsync(CancellationToken.None));
        var during = await probe.RunAsync(rescore);
        await rescore;
        clock.Stop();
        var cpuSpent = new CpuSpent(Environment.CpuUsage.TotalTime - cpu, await ServerCpuAsync() - serverCpu);
        var status = MemorySampler.Read();
        var run = await editor.GetLatestRunAsync(marketer) ?? throw new InvalidOperationException("No rescore run.");
        if (run.Status != RescoreStatus.Completed) throw new InvalidOperationException($"The run ended {run.Status}: {run.Error}");
        result = new RunResult(saved.Version, change, clock.Elapsed.TotalSeconds, run.DoneLeads, run.ChangedLeads, run.PromotedLeads,
            status.GetValueOrDefault("VmHWM"), memory.PeakAnonKb, memory.PeakFileKb, during, cpuSpent);
    }
    runs.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {result.Seconds:F1} s ({result.Cpu}); {result.Done:N0} leads, {result.Changed:N0} changed, {result.Promoted:N0} promoted; VmHWM {result.HwmKb / 1024.0:F0} MiB " +
        $"(heap {result.PeakAnonKb / 1024.0:F0} MiB, mapped file {result.PeakFileKb / 1024.0:F0} MiB); inbox p95 {InboxProbe.Percentile(result.Inbox, 95):F1} ms over {result.Inbox.Count} pages"));
}

// The floor: the same rows written by hand. On PostgreSQL both ways of sending them: one UPDATE per lead (as on SQLite)
// and one per batch (as the rescorer does there), so the cost of a round trip per lead shows.
// Batches and transactions of the rescorer's sizes.
var (batch, perTransaction) = (rescorer.BatchSize, rescorer.LeadsPerTransaction);
var sizes = string.Create(CultureInfo.InvariantCulture, $"{perTransaction:N0} per transaction");
var floorShapes = BenchDatabase.PostgreSql is { } postgres
    ? new (string Label, Func<RawFloor.Result> Run)[]
    {
        ($"raw `UPDATE` of the same six columns, one per lead, same rows, {sizes}",
            () => PostgreSqlFloor.Run(postgres, batch, perTransaction, PostgreSqlFloor.Shape.PerLead)),
        (string.Create(CultureInfo.InvariantCulture, $"raw `UPDATE … FROM unnest(arrays)` of the same six columns, one per {batch:N0} leads, {sizes}"),
            () => PostgreSqlFloor.Run(postgres, batch, perTransaction, PostgreSqlFloor.Shape.Batch)),
    }
    : [($"raw `UPDATE` of the same six columns, same rows, {sizes}", () => RawFloor.Run(options.DbPath, batch, perTransaction))];
var floors = new List<FloorResult>();
foreach (var (label, run) in floorShapes)
{
    Console.WriteLine($"Floor: {label}…");
    await using var memory = MemorySampler.Start();
    var (cpu, serverCpu) = (Environment.CpuUsage.TotalTime, await ServerCpuAsync());
    var floor = run();
    var floorCpu = new CpuSpent(Environment.CpuUsage.TotalTime - cpu, await ServerCpuAsync() - serverCpu);
    floors.Add(new FloorResult(label, floor, floorCpu, MemorySampler.Read().GetValueOrDefault("VmHWM")));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {floor.Total.TotalSeconds:F1} s ({floorCpu}; {floor.Read.TotalSeconds:F1} s of it reading)"));
}
var loadAfter = LoadAverage();

var serverDescription = BenchDatabase.PostgreSql is { } database ? await PostgresServer.DescribeAsync(database) : null;
var markdown = Report(prepared, serverDescription, idle, readSeconds, scoreSeconds, runs, floors, loadBefore, loadAfter);
Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
await File.WriteAllTextAsync(options.ReportPath, markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Written to {options.ReportPath}");
return 0;

// Streams every lead as the rescorer does, timing the reading and the scoring apart; nothing is written.
static async Task<(double Read, double Score)> ReadAndScoreAsync(IDbContextFactory<LeadDeskDbContext> contexts, ScoringEditor editor, Caller caller)
{
    var model = await editor.GetVersionAsync(caller, (await editor.GetVersionsAsync(caller))[0].Version);
    var now = DateTime.UtcNow;
    await using var db = await contexts.CreateDbContextAsync();
    var (reading, scoring) = (Stopwatch.StartNew(), new Stopwatch());
    var checksum = 0L;
    await foreach (var batch in ScoringInput.BatchesAsync(db, 0, CancellationToken.None))
    {
        reading.Stop();
        scoring.Start();
        foreach (var lead in batch) checksum += LeadScorer.Score(lead.Profile, lead.Events, model.Definition, now).Total;
        scoring.Stop();
        reading.Start();
    }
    reading.Stop();
    GC.KeepAlive(checksum);
    return (reading.Elapsed.TotalSeconds, scoring.Elapsed.TotalSeconds);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string Report(Prepared prepared, string? server, List<double> idle, double readSeconds, double scoreSeconds, List<RunResult> runs,
    List<FloorResult> floors, string loadBefore, string loadAfter)
{
    var inv = CultureInfo.InvariantCulture;
    static string Mib(long kb) => (kb / 1024.0).ToString("N0", CultureInfo.InvariantCulture);
    static string Ms(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture);
    var md = new StringBuilder();
    md.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    md.AppendLine();
    if (server is not null) md.AppendLine($"Server: {server}, on the same machine").AppendLine();
    md.AppendLine($"- Leads: {prepared.Leads:N0}; engagement events: {prepared.Events:N0}; {(server is null ? "file" : "database")} {prepared.FileBytes / 1048576.0:N0} MiB");
    md.AppendLine($"- Load average (1/5/15 min) at the start: {loadBefore}; at the end: {loadAfter} (other work shares the 2 cores)");
    md.AppendLine(string.Create(inv, $"- Reading every lead with its events in batches of {ScoringInput.BatchSize:N0} (no writes): {readSeconds:F1} s; scoring them: {scoreSeconds:F1} s"));
    md.AppendLine($"- Inbox page while idle: p50 {Ms(InboxProbe.Percentile(idle, 50))} ms, p95 {Ms(InboxProbe.Percentile(idle, 95))} ms ({idle.Count} pages)");
    md.AppendLine();
    md.AppendLine("| run | model change | wall time | CPU time (this process" + (server is null ? ")" : " + server)") + " | leads | scores changed | promoted | VmHWM | of it heap (RssAnon) | of it mapped file | inbox p50 / p95 / max during | inbox pages |");
    md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (run, i) in runs.Select((r, i) => (r, i + 1)))
    {
        md.AppendLine(string.Create(inv,
            $"| {i} (v{run.Version}) | {run.Change} | {run.Seconds:F1} s | {run.Cpu} | {run.Done:N0} | {run.Changed:N0} | {run.Promoted:N0} | {Mib(run.HwmKb)} MiB | {Mib(run.PeakAnonKb)} MiB | {Mib(run.PeakFileKb)} MiB | " +
            $"{Ms(InboxProbe.Percentile(run.Inbox, 50))} / {Ms(InboxProbe.Percentile(run.Inbox, 95))} / {Ms(run.Inbox.Max())} ms | {run.Inbox.Count} |"));
    }
    foreach (var (label, floor, floorCpu, floorHwm) in floors)
        md.AppendLine(string.Create(inv,
            $"| floor | {label} | {floor.Total.TotalSeconds:F1} s | {floorCpu} | {floor.Leads:N0} | {floor.Leads:N0} | — | {Mib(floorHwm)} MiB | | | | |"));
    md.AppendLine();
    var reading = string.Join(" and ", floors.Select(f => f.Result.Read.TotalSeconds.ToString("F1", inv) + " s"));
    md.AppendLine($"The floor's time includes {reading} of reading the stored score columns back by id range.");
    return md.ToString();
}

internal sealed record RunResult(int Version, string Change, double Seconds, int Done, int Changed, int Promoted,
    long HwmKb, long PeakAnonKb, long PeakFileKb, List<double> Inbox, CpuSpent Cpu);

internal sealed record FloorResult(string Label, RawFloor.Result Result, CpuSpent Cpu, long HwmKb);

/// <summary>CPU time spent during a phase: by this process (all threads), and by the database server's processes when they can be read.</summary>
internal sealed record CpuSpent(TimeSpan Process, TimeSpan? Server)
{
    public override string ToString() =>
        Process.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" +
        (Server is { } server ? " + " + server.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s server" : "");
}

/// <summary>
/// The model change each run saves: the target-country rule's points go from 10 to 12 and back, so runs alternate
/// between raising the scores of leads in target countries (some newly qualify and are promoted) and lowering them
/// (drop-outs stay MQL). Either way every lead in a target country gets a new score and explanation.
/// </summary>
internal static class ModelChange
{
    private const string Rule = "fit-country";

    public static (ScoringModelDefinition Draft, string Change) Next(ScoringModelDefinition model)
    {
        var rule = model.FitRules.SingleOrDefault(r => r.Id == Rule)
                   ?? throw new InvalidOperationException($"The benchmark changes rule '{Rule}', which the active model lacks.");
        var points = rule.Points == 12 ? 10 : 12;
        var draft = model with { FitRules = [.. model.FitRules.Select(r => r.Id == Rule ? r with { Points = points } : r)] };
        return (draft, $"target country {rule.Points} → {points} points");
    }
}
