namespace LeadDesk.Bench;

/// <summary>Command-line options: <c>--suite inbox|dashboard --engine Sqlite|PostgreSQL --pg CONNECTION --leads N --db PATH --iterations N --warmup N --seed N --reuse --explain --only TEXT</c>.</summary>
internal sealed record BenchOptions
{
    /// <summary>The database engine measured: SQLite (a file under bench/out) or PostgreSQL (a database on a server).</summary>
    public BenchEngine Engine { get; init; } = BenchEngine.Sqlite;
    /// <summary>
    /// PostgreSQL: a connection string to a server whose user may create databases; the benchmark makes its own database
    /// there. Without it a throw-away server is started for the run (bench/postgres).
    /// </summary>
    public string? Pg { get; init; }
    /// <summary>What is timed: the inbox pages (the default) or the manager dashboard.</summary>
    public BenchSuite Suite { get; init; } = BenchSuite.Inbox;
    public int Leads { get; init; } = 1_000_000;
    /// <summary>The SQLite file, or on PostgreSQL the database's name.</summary>
    public string? Db { get; init; }
    /// <summary>Timed runs per combination (inbox, default 200) or rounds over every target (dashboard, default 100).</summary>
    public int? Iterations { get; init; }
    /// <summary>Warm-up runs per combination (inbox, default 50) or warm-up rounds (dashboard, default 5; either way at least 5 s).</summary>
    public int? Warmup { get; init; }
    public int Seed { get; init; } = 20261123;
    /// <summary>Keep an existing database file that already holds <see cref="Leads"/> leads instead of generating anew.</summary>
    public bool Reuse { get; init; }
    /// <summary>Print the SQL EF sends for each combination and SQLite's plan for it, then stop.</summary>
    public bool Explain { get; init; }
    /// <summary>Only the combinations whose name contains this text.</summary>
    public string? Only { get; init; }
    /// <summary>A file of SQL statements to explain and time against the database, instead of the benchmark.</summary>
    public string? SqlFile { get; init; }
    /// <summary>Where the Markdown results go.</summary>
    public string? Report { get; init; }

    public int TimedRuns => Iterations ?? (Suite == BenchSuite.Dashboard ? 100 : 200);
    public int WarmupRuns => Warmup ?? (Suite == BenchSuite.Dashboard ? 5 : 50);

    public bool IsPostgreSql => Engine == BenchEngine.PostgreSql;
    public string DbPath => IsPostgreSql ? "" : Path.GetFullPath(Db ?? Path.Combine(BenchPaths.OutDirectory, $"leads-{Leads}.db"));
    /// <summary>The PostgreSQL database the leads are generated into (and reused from, with --reuse).</summary>
    public string PgDatabase => Db ?? $"leaddesk_bench_{Leads}";
    public string ReportPath => Path.GetFullPath(Report ?? Path.Combine(BenchPaths.OutDirectory,
        (Suite == BenchSuite.Dashboard ? $"dashboard-{Leads}" : $"results-{Leads}") + (IsPostgreSql ? "-postgresql.md" : ".md")));
    /// <summary>The dashboard's two reports (cohort and flow reading) as JSON, to diff the figures of two runs.</summary>
    public string DashboardJsonPath => Path.ChangeExtension(ReportPath, ".json");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--suite" => options with { Suite = Next() switch
                {
                    "inbox" => BenchSuite.Inbox,
                    "dashboard" => BenchSuite.Dashboard,
                    var other => throw new ArgumentException($"Unknown suite {other}: inbox or dashboard.\n{Usage}"),
                } },
                "--engine" => options with { Engine = Next().ToLowerInvariant() switch
                {
                    "sqlite" => BenchEngine.Sqlite,
                    "postgresql" or "postgres" => BenchEngine.PostgreSql,
                    var other => throw new ArgumentException($"Unknown engine {other}: Sqlite or PostgreSQL.\n{Usage}"),
                } },
                "--pg" => options with { Pg = Next() },
                "--leads" => options with { Leads = ParseCount(Next()) },
                "--db" => options with { Db = Next() },
                "--iterations" => options with { Iterations = ParseCount(Next()) },
                "--warmup" => options with { Warmup = int.Parse(Next()) },
                "--seed" => options with { Seed = int.Parse(Next()) },
                "--reuse" => options with { Reuse = true },
                "--explain" => options with { Explain = true },
                "--only" => options with { Only = Next() },
                "--report" => options with { Report = Next() },
                "--sql" => options with { SqlFile = Next() },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }
        return options;
    }

    private static int ParseCount(string text) => int.Parse(text.Replace("_", "").Replace(",", "")) is > 0 and var n
        ? n : throw new ArgumentException("Counts must be positive.");

    public const string Usage =
        "dotnet run -c Release --project bench/LeadDesk.Bench -- [--suite inbox|dashboard] [--engine Sqlite|PostgreSQL] [--pg CONNECTION] " +
        "[--leads 1000000] [--db bench/out/leads.db | DATABASE] " +
        "[--iterations 200] [--warmup 50] [--seed 20261123] [--reuse] [--explain] [--sql FILE] [--only TEXT] [--report PATH]";
}

internal enum BenchEngine
{
    Sqlite,
    PostgreSql,
}

internal enum BenchSuite
{
    Inbox,
    Dashboard,
}

internal static class BenchPaths
{
    /// <summary>bench/out beside this project, found from the build output folder (gitignored).</summary>
    public static string OutDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LeadDesk.Bench.csproj"))) dir = dir.Parent;
            return dir is null ? Path.Combine(Directory.GetCurrentDirectory(), "bench", "out") : Path.Combine(dir.Parent!.FullName, "out");
        }
    }
}
