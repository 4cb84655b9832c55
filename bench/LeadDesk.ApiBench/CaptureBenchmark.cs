using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LeadDesk.Domain;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Intake;
using LeadDesk.Domain.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.ApiBench;

/// <summary>
/// Runs the built app (its own process, a fresh SQLite file or PostgreSQL database, loopback) and drives it with wrk: first the trivial
/// <c>GET /healthz</c> as the baseline, then <c>POST /api/leads</c> with a new lead per request. Accepted leads are
/// counted in the database, not taken from wrk's tally of 2xx answers alone.
/// </summary>
internal static partial class CaptureBenchmark
{
    public static async Task<int> RunAsync(ApiBenchOptions options)
    {
        var wrk = FindOnPath("wrk");
        if (wrk is null)
        {
            Console.Error.WriteLine("wrk is missing: apt-get install -y wrk");
            return 2;
        }
        if (!File.Exists(Paths.AppDll))
        {
            Console.Error.WriteLine($"{Paths.AppDll} is missing: dotnet run -c Release --project bench/LeadDesk.ApiBench builds it.");
            return 2;
        }

        var folder = Path.Combine(Paths.Out, $"api-run-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(folder);
        try
        {
            await using var database = await BenchDatabase.CreateAsync(options, folder);
            Console.WriteLine($"Into a {database.Description}");
            var key = await PrepareDatabaseAsync(database);
            var port = FreePort();
            var baseUrl = $"http://127.0.0.1:{port}";
            using var app = StartApp(database, port, Path.Combine(folder, "app.log"));
            await WaitUntilHealthyAsync(baseUrl, app);
            var script = Path.Combine(AppContext.BaseDirectory, "capture.lua");

            if (options.Warmup > 0)
            {
                Console.WriteLine($"Warm-up: {options.Warmup} s on each endpoint");
                await RunWrkAsync(wrk, options with { Duration = options.Warmup }, $"{baseUrl}/healthz");
                await RunWrkAsync(wrk, options with { Duration = options.Warmup }, $"{baseUrl}/api/leads", script, "warmup", key);
            }

            var loadBefore = LoadAverage();
            Console.WriteLine($"Baseline: GET /healthz for {options.Duration} s");
            var baselineCpu = app.TotalProcessorTime;
            var baseline = await RunWrkAsync(wrk, options, $"{baseUrl}/healthz");
            baselineCpu = app.TotalProcessorTime - baselineCpu;

            var leadsBefore = database.CountLeads();
            Console.WriteLine($"Capture: POST /api/leads for {options.Duration} s");
            var captureCpu = app.TotalProcessorTime;
            var capture = await RunWrkAsync(wrk, options, $"{baseUrl}/api/leads", script, "timed", key);
            captureCpu = app.TotalProcessorTime - captureCpu;
            var written = database.CountLeads() - leadsBefore;
            var loadAfter = LoadAverage();

            var report = Report(options, database, baseline, baselineCpu, capture, captureCpu, written, loadBefore, loadAfter);
            Directory.CreateDirectory(Path.GetDirectoryName(options.ReportPath)!);
            await File.WriteAllTextAsync(options.ReportPath, report);
            Console.WriteLine();
            Console.WriteLine(report);
            Console.WriteLine($"Written to {options.ReportPath}");
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            return 0;
        }
        finally
        {
            if (!options.Keep) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Migrates a new database as the app would and creates the API key the run uses.</summary>
    private static async Task<string> PrepareDatabaseAsync(BenchDatabase database)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = database.Provider, ["Database:ConnectionString"] = database.ConnectionString,
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddLeadDeskDomain(configuration).BuildServiceProvider();
        await using (services)
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
            var manager = new Caller("bench", "Benchmark", new HashSet<string> { Roles.Manager });
            var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(manager, "wrk", "Benchmark");
            return created.PlainKey;
        }
    }

    /// <summary>
    /// The app as an operator runs it (Production, its appsettings.json), with the database, the port and the rate limit
    /// set on the command line: the limit is raised through configuration so that the run measures capture, not the limiter.
    /// </summary>
    private static Process StartApp(BenchDatabase database, int port, string logPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Paths.AppDll)!,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
        };
        foreach (var argument in new[]
                 {
                     Paths.AppDll, "--urls", $"http://127.0.0.1:{port}", $"--Database:Provider={database.Provider}",
                     $"--Database:ConnectionString={database.ConnectionString}",
                     "--Demo:Seed=false", "--Api:RateLimit:PermitLimit=1000000000", "--Logging:LogLevel:Default=Warning",
                 })
            start.ArgumentList.Add(argument);
        var app = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        return app;
    }

    private static async Task WaitUntilHealthyAsync(string baseUrl, Process app)
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited) throw new InvalidOperationException($"The app exited with code {app.ExitCode}; see app.log (run with --keep).");
            try
            {
                if ((await client.GetAsync($"{baseUrl}/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The app did not answer /healthz within 60 s.");
    }

    private static async Task<WrkResult> RunWrkAsync(string wrk, ApiBenchOptions options, string url, string? script = null, params string[] scriptArguments)
    {
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t", $"{options.Threads}", "-c", $"{options.Connections}", "-d", $"{options.Duration}s", "--latency" })
            start.ArgumentList.Add(argument);
        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }
        start.ArgumentList.Add(url);
        if (scriptArguments.Length > 0)
        {
            start.ArgumentList.Add("--");
            foreach (var argument in scriptArguments) start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await errors}");
        return WrkResult.Parse(await output);
    }

    private static string Report(ApiBenchOptions options, BenchDatabase database, WrkResult baseline, TimeSpan baselineCpu, WrkResult capture, TimeSpan captureCpu,
        long written, string loadBefore, string loadAfter)
    {
        // A lead counts once it is in the database and wrk saw its 2xx answer: the few requests still in flight when wrk
        // stops are written but not answered in time, so the smaller of the two numbers is the one reported.
        var accepted = Math.Min(written, capture.Requests - capture.Non2xx);
        var acceptedPerSecond = accepted / capture.Seconds;
        var meets = acceptedPerSecond >= 2000 && capture.P99 <= TimeSpan.FromMilliseconds(50);
        var text = new StringBuilder();
        text.AppendLine($"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores ({Cpu()}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        text.AppendLine();
        text.AppendLine($"- wrk: {options.Threads} threads, {options.Connections} connections, {options.Duration} s per endpoint after {options.Warmup} s of warm-up on each; app in Release, Production environment, {database.Description}, rate limit raised to 10⁹ per minute on the command line");
        text.AppendLine($"- Load average (1/5/15 min) before the timed runs: {loadBefore}; after: {loadAfter} (other work shares the cores)");
        text.AppendLine($"- Leads written during the timed capture run: {written:N0}; wrk counted {capture.Requests:N0} answers, {capture.Non2xx:N0} of them not 2xx, socket errors: {capture.SocketErrors}; accepted = the smaller of written and 2xx answers");
        text.AppendLine();
        text.AppendLine("| endpoint | requests/s | accepted leads/s | p50 ms | p75 ms | p90 ms | p99 ms | app process CPU per request |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(Row("GET /healthz (baseline)", baseline, null, baselineCpu));
        text.AppendLine(Row("POST /api/leads", capture, acceptedPerSecond, captureCpu));
        text.AppendLine();
        text.AppendLine($"Target ≥ 2,000 accepted leads/s with p99 ≤ 50 ms: **{(meets ? "met" : "not met")}** " +
                        $"({acceptedPerSecond:N0} leads/s, p99 {Ms(capture.P99)} ms; baseline {baseline.RequestsPerSecond:N0} requests/s, p99 {Ms(baseline.P99)} ms).");
        return text.ToString();

        static string Row(string name, WrkResult r, double? leads, TimeSpan cpu) =>
            $"| {name} | {r.RequestsPerSecond:N0} | {(leads is { } l ? l.ToString("N0", CultureInfo.InvariantCulture) : "—")} | {Ms(r.P50)} | {Ms(r.P75)} | {Ms(r.P90)} | {Ms(r.P99)} | {cpu.TotalMicroseconds / Math.Max(1, r.Requests):N0} µs |";
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Cpu() =>
        (File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null) ?? "unknown CPU";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}

/// <summary>What wrk printed: totals, the rate, the latency percentiles of <c>--latency</c>.</summary>
internal sealed partial record WrkResult(long Requests, double Seconds, double RequestsPerSecond, long Non2xx, string SocketErrors,
    TimeSpan P50, TimeSpan P75, TimeSpan P90, TimeSpan P99)
{
    public static WrkResult Parse(string output)
    {
        var totals = Totals().Match(output);
        var rate = Rate().Match(output);
        if (!totals.Success || !rate.Success) throw new InvalidOperationException($"Could not read wrk's output:\n{output}");
        var non2xx = Non2xxLine().Match(output);
        var errors = SocketErrorsLine().Match(output);
        return new WrkResult(
            long.Parse(totals.Groups[1].Value, CultureInfo.InvariantCulture),
            Duration(totals.Groups[2].Value, totals.Groups[3].Value).TotalSeconds,
            double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            errors.Success ? errors.Groups[1].Value.Trim() : "none",
            Percentile(output, 50), Percentile(output, 75), Percentile(output, 90), Percentile(output, 99));
    }

    private static TimeSpan Percentile(string output, int percent)
    {
        var match = Regex.Match(output, $@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success) throw new InvalidOperationException($"wrk printed no {percent}% latency:\n{output}");
        return Duration(match.Groups[1].Value, match.Groups[2].Value);
    }

    private static TimeSpan Duration(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => TimeSpan.FromMicroseconds(number),
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => throw new InvalidOperationException($"Unknown unit {unit}."),
        };
    }

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(us|ms|s|m),")]
    private static partial Regex Totals();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors:(.*)")]
    private static partial Regex SocketErrorsLine();
}
