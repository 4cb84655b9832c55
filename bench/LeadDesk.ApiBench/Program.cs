using LeadDesk.ApiBench;

ApiBenchOptions options;
try
{
    options = ApiBenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

return await CaptureBenchmark.RunAsync(options);
