using LeadDesk.Bench;

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

Console.WriteLine($"LeadDesk inbox benchmark: {options.Leads:N0} leads in {options.DbPath}");
var generation = await Database.PrepareAsync(options);
if (options.SqlFile is not null)
{
    Explainer.RunFile(options, options.SqlFile);
    return 0;
}
if (options.Explain)
{
    await Explainer.RunAsync(options);
    return 0;
}
var loadBefore = Report.LoadAverage();
var results = await InboxBenchmark.RunAsync(options);
var markdown = Report.Write(options, generation, results, loadBefore, Report.LoadAverage());
Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
await File.WriteAllTextAsync(options.ReportPath, markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Written to {options.ReportPath}");
return 0;
