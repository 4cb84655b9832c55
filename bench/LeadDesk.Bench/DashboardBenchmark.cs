using System.Diagnostics;
using System.Text.Json;
using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Bench;

/// <summary>One thing timed: the whole dashboard in one reading, or one section's query alone.</summary>
internal sealed record DashboardTarget(string Name, bool Whole, FunnelReading? Reading, Func<Task<object>> Run);

/// <summary>
/// The timings of one <see cref="DashboardTarget"/> (or of a sum of sections), with what it returned: wall-clock
/// milliseconds, and the CPU milliseconds the process spent meanwhile (all its threads), which other work on the
/// machine changes much less: with two cores a call cannot take less wall time than half its CPU time.
/// </summary>
internal sealed record DashboardMeasurement(string Name, bool Whole, string Returns, double[] Ms, double[] CpuMs)
{
    public double P50 => Measurement.Percentile(Ms, 0.50);
    public double P95 => Measurement.Percentile(Ms, 0.95);
    public double Max => Ms.Max();
    public double CpuP50 => Measurement.Percentile(CpuMs, 0.50);
}

/// <summary>What the dashboard period holds, for the report.</summary>
internal sealed record DashboardPeriodFacts(ReportPeriod Period, long LeadsCreated, long Decisions);

/// <summary>
/// Times <see cref="Dashboard.GetAsync"/> as a Manager for the last 90 days of the generated data, in both funnel
/// readings with weekly grouping, and each of its sections' queries alone, through the app's own service setup.
/// Every round runs every target once, in an order rotated by the round, so whatever else the machine does falls on all.
/// </summary>
internal static class DashboardBenchmark
{
    public const double TargetP95Ms = 300;
    public const int PeriodDays = 90;

    public static readonly Caller Manager = new("bench-manager-0000", "Mona Manager", new HashSet<string> { Roles.Manager });
    public static ReportPeriod Period => ReportPeriod.LastDays(PeriodDays, Database.Now);

    public static IReadOnlyList<DashboardTarget> Targets(IServiceProvider services)
    {
        var dashboard = services.GetRequiredService<Dashboard>();
        var funnel = services.GetRequiredService<FunnelQueries>();
        var health = services.GetRequiredService<HandoffHealth>();
        var channels = services.GetRequiredService<ChannelReport>();
        var reps = services.GetRequiredService<RepFigures>();
        var sla = services.GetRequiredService<SlaCompliance>();
        var period = Period;
        return
        [
            new("Whole dashboard, cohort reading", true, FunnelReading.Cohort,
                async () => await dashboard.GetAsync(Manager, new DashboardRequest(period, ReportGrouping.Week, FunnelReading.Cohort))),
            new("Whole dashboard, flow reading", true, FunnelReading.Flow,
                async () => await dashboard.GetAsync(Manager, new DashboardRequest(period, ReportGrouping.Week, FunnelReading.Flow))),
            new("Funnel, cohort reading", false, FunnelReading.Cohort, async () => await funnel.GetFunnelAsync(period, FunnelReading.Cohort)),
            new("Funnel, flow reading", false, FunnelReading.Flow, async () => await funnel.GetFunnelAsync(period, FunnelReading.Flow)),
            new("Handoff health", false, null, async () => await health.GetAsync(period)),
            new("By channel and by campaign", false, null, async () => await channels.GetByChannelAndCampaignAsync(period)),
            new("Velocity", false, null, async () => await funnel.GetVelocityAsync(period)),
            new("Trend, weekly", false, null, async () => await funnel.GetTrendAsync(period, ReportGrouping.Week)),
            new("Per rep", false, null, async () => await reps.GetPerRepAsync(Manager, period)),
            new("SLA compliance", false, null, async () => await sla.GetAsync(Manager, period)),
        ];
    }

    public static async Task<(List<DashboardMeasurement> Results, DashboardPeriodFacts Facts)> RunAsync(BenchOptions options)
    {
        await using var services = Database.Services(options.DbPath);
        var targets = Targets(services).Where(t => options.Only is null || t.Name.Contains(options.Only, StringComparison.OrdinalIgnoreCase)).ToList();
        var facts = await FactsAsync(options.DbPath);
        await CheckAndSaveAsync(services, options);

        // Rounds over everything first, so that JIT tiering and the first touch of each memory-mapped page are behind us.
        var warmup = Stopwatch.StartNew();
        for (var round = 0; round < options.WarmupRuns || warmup.Elapsed < TimeSpan.FromSeconds(5); round++)
            foreach (var target in targets)
                await target.Run();

        var samples = targets.ToDictionary(t => t, _ => new double[options.TimedRuns]);
        var cpu = targets.ToDictionary(t => t, _ => new double[options.TimedRuns]);
        var returns = new Dictionary<DashboardTarget, string>();
        for (var round = 0; round < options.TimedRuns; round++)
        {
            for (var k = 0; k < targets.Count; k++)
            {
                var target = targets[(round + k) % targets.Count];
                var cpuStart = Environment.CpuUsage.TotalTime;
                var start = Stopwatch.GetTimestamp();
                var result = await target.Run();
                samples[target][round] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                cpu[target][round] = (Environment.CpuUsage.TotalTime - cpuStart).TotalMilliseconds;
                returns.TryAdd(target, Describe(result));
            }
            if ((round + 1) % 10 == 0) Console.WriteLine($"  {round + 1} rounds");
        }

        var results = targets.Select(t => new DashboardMeasurement(t.Name, t.Whole, returns[t], samples[t], cpu[t])).ToList();
        // The sections one after another, per round: what the dashboard would cost if nothing ran side by side.
        foreach (var reading in new[] { FunnelReading.Cohort, FunnelReading.Flow })
        {
            var parts = targets.Where(t => !t.Whole && (t.Reading is null || t.Reading == reading)).ToList();
            if (parts.Count == Targets(services).Count(t => !t.Whole) - 1)
                results.Add(new DashboardMeasurement($"Sum of the sections alone, {reading.ToString().ToLowerInvariant()} reading", false, "",
                    Enumerable.Range(0, options.TimedRuns).Select(i => parts.Sum(p => samples[p][i])).ToArray(),
                    Enumerable.Range(0, options.TimedRuns).Select(i => parts.Sum(p => cpu[p][i])).ToArray()));
        }
        foreach (var r in results)
            Console.WriteLine($"{r.Name,-48} p50 {r.P50,8:F1} ms  p95 {r.P95,8:F1} ms  max {r.Max,8:F1} ms  CPU p50 {r.CpuP50,8:F1} ms  {r.Returns}");
        return (results, facts);
    }

    /// <summary>
    /// The whole dashboard must equal its sections computed alone; both readings' reports are written as JSON beside the
    /// database, so that a change to the queries can be checked for identical figures with a diff of two runs.
    /// </summary>
    private static async Task CheckAndSaveAsync(IServiceProvider services, BenchOptions options)
    {
        var json = new JsonSerializerOptions { WriteIndented = true };
        var targets = Targets(services);
        var saved = new Dictionary<string, object>();
        foreach (var whole in targets.Where(t => t.Whole))
        {
            var report = (DashboardReport)await whole.Run();
            var sections = new List<object>();
            foreach (var section in targets.Where(t => !t.Whole && (t.Reading is null || t.Reading == whole.Reading)))
            {
                var result = await section.Run();
                if (result is ValueTuple<IReadOnlyList<ChannelRow>, IReadOnlyList<ChannelRow>> tables)
                    sections.AddRange([tables.Item1, tables.Item2]);
                else
                    sections.Add(result);
            }
            var fromWhole = new object?[] { report.Funnel, report.Handoff, report.Channels, report.Campaigns, report.Velocity, report.Trend, report.Reps, report.Sla };
            if (JsonSerializer.Serialize(sections) != JsonSerializer.Serialize(fromWhole))
                throw new InvalidOperationException($"{whole.Name}: the dashboard and its sections computed alone disagree.");
            saved[whole.Reading!.Value.ToString()] = report;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(options.DashboardJsonPath)!); // a PostgreSQL run writes no file there before
        await File.WriteAllTextAsync(options.DashboardJsonPath, JsonSerializer.Serialize(saved, json));
        Console.WriteLine($"Both reports written to {options.DashboardJsonPath}");
    }

    private static string Describe(object result) => result switch
    {
        DashboardReport r => $"{r.Funnel!.Flows.Count} flows, {r.Channels!.Count} channels, {r.Campaigns!.Count} campaigns, {r.Trend!.Count} weeks, {r.Reps.Count} reps",
        FunnelReport f => $"{f.Steps[0].Count:N0} leads → {f.Steps[^1].Count:N0} won; {f.Flows.Count} flows",
        HandoffHealthReport h => $"{h.Handoffs:N0} handoffs, {h.Accepted:N0} accepted, {h.Rejected:N0} rejected; {h.RulesReliedOn.Count} rules",
        ValueTuple<IReadOnlyList<ChannelRow>, IReadOnlyList<ChannelRow>> tables =>
            $"{tables.Item1.Count} channels, {tables.Item2.Count} campaigns, {tables.Item1.Sum(r => r.Leads):N0} leads",
        IReadOnlyList<VelocityFigure> legs => $"{legs.Sum(l => l.Completed):N0} legs ended ({string.Join(" / ", legs.Select(l => l.Completed.ToString("N0")))})",
        IReadOnlyList<TrendPoint> points => $"{points.Count} weeks, {points.Sum(p => p.NewMqls):N0} MQLs, {points.Sum(p => p.NewSqls):N0} SQLs",
        IReadOnlyList<RepRow> reps => $"{reps.Count} reps, {reps.Sum(r => r.HandoffsReceived):N0} handoffs received",
        SlaComplianceReport s => $"{s.Handoffs!.Total:N0} answers ({s.Handoffs.WithinSla:N0} within), {s.MqlReviews!.Total:N0} MQL reviews ({s.MqlReviews.WithinSla:N0} within)",
        _ => "",
    };

    private static async Task<DashboardPeriodFacts> FactsAsync(string path)
    {
        var period = Period;
        await using var connection = await InboxBenchmark.OpenRawAsync(path);
        long Count(string sql)
        {
            using var command = RawInbox.Command(connection, sql, [("$from", period.From), ("$to", period.To)]);
            return Convert.ToInt64(command.ExecuteScalar());
        }
        return new DashboardPeriodFacts(period,
            Count("SELECT COUNT(*) FROM \"Leads\" WHERE \"CreatedAt\" >= $from AND \"CreatedAt\" < $to"),
            Count("SELECT COUNT(*) FROM \"Decisions\" WHERE \"At\" >= $from AND \"At\" < $to"));
    }

    /// <summary>For --explain: the SQL each section sends, SQLite's plan for it and its median time alone.</summary>
    public static async Task ExplainAsync(BenchOptions options)
    {
        var capture = new CommandCapture();
        await using var services = Database.Services(options.DbPath, capture);
        await using var connection = await InboxBenchmark.OpenRawAsync(options.DbPath);
        foreach (var target in Targets(services).Where(t => !t.Whole && (options.Only is null || t.Name.Contains(options.Only, StringComparison.OrdinalIgnoreCase))))
        {
            Console.WriteLine($"\n=== {target.Name}");
            capture.Commands.Clear();
            capture.Enabled = true;
            var start = Stopwatch.GetTimestamp();
            await target.Run();
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            capture.Enabled = false;
            Console.WriteLine($"    (section once: {elapsed:F1} ms, {capture.Commands.Count} statements)");
            foreach (var (sql, parameters) in capture.Commands)
                Explainer.Show("EF", connection, sql, parameters);
        }
    }
}
