namespace LeadDesk.ApiBench;

internal enum BenchEngine
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Command-line options: <c>--duration S --warmup S --connections N --threads N --engine Sqlite|PostgreSQL --pg CONNECTION
/// --report PATH --keep</c>.
/// </summary>
internal sealed record ApiBenchOptions
{
    public BenchEngine Engine { get; init; } = BenchEngine.Sqlite;
    /// <summary>
    /// PostgreSQL: a connection string to the server's maintenance database, where the run creates its own database;
    /// without it, a throw-away server is started for the run (bench/postgres).
    /// </summary>
    public string? Pg { get; init; }
    /// <summary>Seconds of each timed wrk run.</summary>
    public int Duration { get; init; } = 20;
    /// <summary>Seconds of the untimed wrk run on each endpoint before the timed ones (JIT, SQLite page cache).</summary>
    public int Warmup { get; init; } = 5;
    /// <summary>wrk's open connections: requests in flight at any moment.</summary>
    public int Connections { get; init; } = 16;
    public int Threads { get; init; } = 2;
    public string? Report { get; init; }
    /// <summary>Keep the run's folder (database, app log) instead of deleting it.</summary>
    public bool Keep { get; init; }

    public string ReportPath => Path.GetFullPath(Report ?? Path.Combine(Paths.Out,
        Engine == BenchEngine.PostgreSql ? "api-results-postgresql.md" : "api-results.md"));

    public static ApiBenchOptions Parse(string[] args)
    {
        var options = new ApiBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--duration" => options with { Duration = Positive(Next()) },
                "--warmup" => options with { Warmup = int.Parse(Next()) },
                "--connections" => options with { Connections = Positive(Next()) },
                "--threads" => options with { Threads = Positive(Next()) },
                "--report" => options with { Report = Next() },
                "--keep" => options with { Keep = true },
                "--engine" => options with { Engine = ParseEngine(Next()) },
                "--pg" => options with { Pg = Next() },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}. Options: --duration S --warmup S --connections N --threads N --engine Sqlite|PostgreSQL --pg CONNECTION --report PATH --keep"),
            };
        }
        return options;
    }

    private static BenchEngine ParseEngine(string text) => text.ToLowerInvariant() switch
    {
        "sqlite" => BenchEngine.Sqlite,
        "postgresql" or "postgres" => BenchEngine.PostgreSql,
        _ => throw new ArgumentException($"{text} is not an engine: Sqlite or PostgreSQL."),
    };

    private static int Positive(string text) =>
        int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"{text} is not a positive number.");
}

internal static class Paths
{
    /// <summary>The repository root: the folder that holds LeadDesk.sln, found from the build output.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.sln"))) return dir.FullName;
            throw new InvalidOperationException("Run the benchmark from the repository (LeadDesk.sln not found above the build output).");
        }
    }

    /// <summary>bench/out (gitignored).</summary>
    public static string Out => Path.Combine(Root, "bench", "out");

    /// <summary>The app as built with the same configuration as this benchmark (Release with dotnet run -c Release).</summary>
    public static string AppDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<configuration>/net10.0/
            return Path.Combine(Root, "LeadDesk.App", "bin", configuration, "net10.0", "LeadDesk.App.dll");
        }
    }
}
