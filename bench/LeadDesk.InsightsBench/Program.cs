using System.Diagnostics;
using System.Globalization;
using System.Text;
using LeadDesk.Domain;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Insights;
using LeadDesk.Domain.Leads;
using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Scoring;
using LeadDesk.InsightsBench;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
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

var now = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
Console.WriteLine($"LeadDesk closed-loop scoring benchmark: {options.Closed:N0} closed leads, {options.Open:N0} open, scoring {options.Score:N0}");
var generated = await PrepareAsync(options, now);
await using var services = Services(options.DbPath);
var contexts = services.GetRequiredService<IDbContextFactory<LeadDeskDbContext>>();
var insights = services.GetRequiredService<ConversionInsights>();
var trainer = services.GetRequiredService<InsightsTrainer>();
var marketer = new Caller("bench-marketer", "Bench Marketer", new HashSet<string> { Roles.Marketing });
var loadBefore = LoadAverage();

// Where the time of a run goes, measured once outside the trainer: the label's scan, reading the leads, training.
var phases = Stopwatch.StartNew();
List<ClosedLead> closed;
var examples = new List<TrainingExample>();
await using (var db = await contexts.CreateDbContextAsync())
{
    closed = await TrainingSet.ClosedLeadsAsync(db, CancellationToken.None);
    var scanSeconds = phases.Elapsed.TotalSeconds;
    await foreach (var batch in TrainingSet.ExamplesAsync(db, closed, CancellationToken.None)) examples.AddRange(batch);
    var readSeconds = phases.Elapsed.TotalSeconds - scanSeconds;
    var rules = await ScoringService.GetActiveModelAsync(db, CancellationToken.None);
    phases.Restart();
    ConversionTraining.Train(examples, rules, 99, 0, now);
    var trainSeconds = phases.Elapsed.TotalSeconds;
    Console.WriteLine($"Phases: decision-log scan {scanSeconds:F2} s, reading {examples.Count:N0} leads {readSeconds:F2} s, training and measuring {trainSeconds:F2} s");
    generated = generated with { ScanSeconds = scanSeconds, ReadSeconds = readSeconds, TrainSeconds = trainSeconds };
}

var runs = new List<(int Seed, double Seconds, double CpuSeconds, TrainingResult Result)>();
for (var seed = 1; seed <= options.Runs; seed++)
{
    var cpu = CpuSeconds();
    var clock = Stopwatch.StartNew();
    await insights.StartTrainingAsync(marketer, seed);
    if (!await trainer.RunPendingAsync(CancellationToken.None)) throw new InvalidOperationException("No training run waited.");
    clock.Stop();
    var report = await insights.GetLatestAsync(marketer) ?? throw new InvalidOperationException("No report.");
    if (report.LatestRun.Status != TrainingStatus.Completed) throw new InvalidOperationException($"The run ended {report.LatestRun.Status}: {report.LatestRun.Error}");
    runs.Add((seed, clock.Elapsed.TotalSeconds, CpuSeconds() - cpu, report.Result!));
    Console.WriteLine($"Run {seed}: {clock.Elapsed.TotalSeconds:F2} s, {report.Result!.Chosen} chosen, " +
                      string.Join(", ", report.Result.Figures.Select(f => $"{f.Kind} {f.RocAuc:F3}")));
}

// Scoring: the newest run's model as predictions load it, and the other learner fitted on the same features, each
// scoring the same leads (profiles and events generated beforehand, not timed).
ConversionModel chosenModel;
await using (var db = await contexts.CreateDbContextAsync())
{
    var stored = await db.TrainingRuns.Where(r => r.ModelBytes != null).OrderByDescending(r => r.Id)
        .Select(r => new { r.Id, r.FinishedAt, r.ReadableModelJson, r.ModelBytes }).SingleAsync();
    chosenModel = new ConversionModel(stored.Id, stored.FinishedAt!.Value, JsonColumn.Deserialize<ReadableModel>(stored.ReadableModelJson!), stored.ModelBytes!);
}
var otherModel = Refit(chosenModel, examples);
Console.WriteLine($"Generating {options.Score:N0} leads to score…");
var sampler = new History(777, now);
var leads = new (LeadProfile Profile, EventOccurrence[] Events)[options.Score];
for (var i = 0; i < leads.Length; i++)
{
    var (profile, events, _) = sampler.Sample();
    leads[i] = (profile, events);
}
var scoring = new List<(PredictorKind Kind, double Seconds, double CpuSeconds)>();
foreach (var model in new[] { chosenModel, otherModel })
{
    GC.Collect();
    var cpu = CpuSeconds();
    var clock = Stopwatch.StartNew();
    var probabilities = model.PredictMany(leads, l => model.Space.Vector(l.Profile, l.Events, now));
    clock.Stop();
    scoring.Add((model.Readable.Chosen, clock.Elapsed.TotalSeconds, CpuSeconds() - cpu));
    Console.WriteLine($"Scored {probabilities.Length:N0} leads with {model.Readable.Chosen} in {clock.Elapsed.TotalSeconds:F2} s");
}
var loadAfter = LoadAverage();

var markdown = Report(options, generated, runs, scoring, loadBefore, loadAfter);
Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
await File.WriteAllTextAsync(options.ReportPath, markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Written to {options.ReportPath}");
return 0;

static ServiceProvider Services(string dbPath)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:ConnectionString"] = $"Data Source={dbPath}",
    }).Build();
    var services = new ServiceCollection();
    services.AddLogging();
    services.AddLeadDeskDomain(configuration); // the hosted workers are registered but never started here
    return services.BuildServiceProvider();
}

static async Task<Generated> PrepareAsync(Options options, DateTime now)
{
    if (!options.Fresh && File.Exists(options.DbPath))
    {
        Console.WriteLine($"Reusing {options.DbPath}");
        await using var reused = Services(options.DbPath);
        await reused.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var db = await reused.GetRequiredService<IDbContextFactory<LeadDeskDbContext>>().CreateDbContextAsync();
        await db.TrainingRuns.ExecuteDeleteAsync();
        return new Generated(await db.Leads.CountAsync(), await db.Decisions.CountAsync(), await db.EngagementEvents.CountAsync(), 0);
    }
    Directory.CreateDirectory(Path.GetDirectoryName(options.DbPath)!);
    foreach (var file in new[] { options.DbPath, options.DbPath + "-wal", options.DbPath + "-shm" }) File.Delete(file);
    await using var services = Services(options.DbPath);
    await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    var contexts = services.GetRequiredService<IDbContextFactory<LeadDeskDbContext>>();
    var history = new History(20261123, now);
    var clock = Stopwatch.StartNew();
    var (closed, open) = (0, 0);
    while (closed < options.Closed || open < options.Open)
    {
        var batch = new List<Lead>(2000);
        while (batch.Count < 2000 && (closed < options.Closed || open < options.Open))
        {
            // Interleaved, so that closed and open leads share the id range as they would.
            if (closed < options.Closed && (open >= options.Open || closed * (long)options.Open <= open * (long)options.Closed)) { batch.Add(history.Closed()); closed++; }
            else { batch.Add(history.Open()); open++; }
        }
        await using var db = await contexts.CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Leads.AddRange(batch);
        await db.SaveChangesAsync();
        Console.Write($"\rGenerated {closed + open:N0} leads");
    }
    Console.WriteLine($" in {clock.Elapsed.TotalSeconds:F0} s");
    await using var counts = await contexts.CreateDbContextAsync();
    return new Generated(await counts.Leads.CountAsync(), await counts.Decisions.CountAsync(), await counts.EngagementEvents.CountAsync(), clock.Elapsed.TotalSeconds);
}

/// <summary>The learner the run did not choose, fitted on every closed lead with the run's features, as a second model to score with.</summary>
static ConversionModel Refit(ConversionModel chosen, List<TrainingExample> examples)
{
    var space = chosen.Space;
    var ml = Learners.Context(1);
    var data = Learners.Data(ml, examples.Select(e => new ModelInput { Label = e.Won, Features = space.Vector(e.Profile, e.Events, e.CutOff) }).ToList(), space.Count);
    var other = chosen.Readable.Chosen == PredictorKind.BoostedTrees ? PredictorKind.LogisticRegression : PredictorKind.BoostedTrees;
    var model = other == PredictorKind.BoostedTrees ? Learners.FitBoosted(ml, data) : Learners.FitLogistic(ml, data);
    return new ConversionModel(0, chosen.TrainedAt, chosen.Readable with { Chosen = other }, Learners.Save(ml, model, space.Count));
}

static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string Report(Options options, Generated generated, List<(int Seed, double Seconds, double CpuSeconds, TrainingResult Result)> runs,
    List<(PredictorKind Kind, double Seconds, double CpuSeconds)> scoring, string loadBefore, string loadAfter)
{
    var inv = CultureInfo.InvariantCulture;
    var md = new StringBuilder();
    md.AppendLine(inv, $"Database: {generated.Leads:N0} leads ({options.Closed:N0} closed), {generated.Decisions:N0} decisions, {generated.Events:N0} events; " +
                       $"{Environment.ProcessorCount} cores; load average {loadBefore} before, {loadAfter} after.");
    md.AppendLine();
    md.AppendLine(inv, $"Phases of one training (measured apart): decision-log scan {generated.ScanSeconds:F2} s, reading the closed leads " +
                       $"and their events up to the cut-off {generated.ReadSeconds:F2} s, training and measuring {generated.TrainSeconds:F2} s.");
    md.AppendLine();
    md.AppendLine("| run (seed) | whole run | CPU | chosen | logistic AUC | boosted AUC | rules AUC | suggested AUC |");
    md.AppendLine("|---|---|---|---|---|---|---|---|");
    foreach (var (seed, seconds, cpu, result) in runs)
        md.AppendLine(inv, $"| {seed} | {seconds:F2} s | {cpu:F2} s | {result.Chosen} | {result.For(PredictorKind.LogisticRegression).RocAuc:F3} | " +
                           $"{result.For(PredictorKind.BoostedTrees).RocAuc:F3} | {result.For(PredictorKind.CurrentRules).RocAuc:F3} | {result.For(PredictorKind.SuggestedRules).RocAuc:F3} |");
    md.AppendLine();
    md.AppendLine("| scoring with | leads | time | CPU | leads per second |");
    md.AppendLine("|---|---|---|---|---|");
    foreach (var (kind, seconds, cpu) in scoring)
        md.AppendLine(inv, $"| {kind} | {options.Score:N0} | {seconds:F2} s | {cpu:F2} s | {options.Score / seconds:N0} |");
    return md.ToString();
}

internal sealed record Generated(int Leads, int Decisions, int Events, double GenerateSeconds)
{
    public double ScanSeconds { get; init; }
    public double ReadSeconds { get; init; }
    public double TrainSeconds { get; init; }
}
