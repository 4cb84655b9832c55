using LeadDesk.Bench;
using LeadDesk.Bench.Shared;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine($"LeadDesk {options.Suite.ToString().ToLowerInvariant()} benchmark: {options.Leads:N0} leads in " +
                  (options.IsPostgreSql ? $"PostgreSQL database {options.PgDatabase}" : options.DbPath));
// PostgreSQL: the server --pg names, or a throw-away one for this run (stopped, with its data, when the run ends).
await using var server = options.IsPostgreSql ? await PostgresServer.UseAsync(options.Pg) : null;
var generation = await Database.PrepareAsync(options, server);
if (options.SqlFile is not null)
{
    Explainer.RunFile(options, options.SqlFile);
    return 0;
}
if (options.Explain)
{
    if (options.Suite == BenchSuite.Dashboard) await DashboardBenchmark.ExplainAsync(options);
    else await Explainer.RunAsync(options);
    return 0;
}
var loadBefore = Report.LoadAverage();
string markdown;
if (options.Suite == BenchSuite.Dashboard)
{
    var (results, facts) = await DashboardBenchmark.RunAsync(options);
    markdown = Report.WriteDashboard(options, generation, facts, results, loadBefore, Report.LoadAverage());
    if (Database.PostgreSql is { } postgres) markdown += Environment.NewLine + await PostgreSqlDashboardCpu.MeasureAsync(options, postgres) + Environment.NewLine;
}
else
{
    var results = await InboxBenchmark.RunAsync(options);
    markdown = Report.Write(options, generation, results, loadBefore, Report.LoadAverage());
}
Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
await File.WriteAllTextAsync(options.ReportPath, markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Written to {options.ReportPath}");
return 0;
