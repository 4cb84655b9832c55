using LeadDesk.Domain.Persistence;

namespace LeadDesk.ImportBench;

/// <summary>
/// Command-line options: <c>--engine Sqlite|PostgreSQL --postgres CONNECTION --rows N --leads N --base PATH --batch N
/// --cache MB --seed N --keep --skip-baseline</c>.
/// </summary>
internal sealed record ImportBenchOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>PostgreSQL</c>, as the app's <c>Database:Provider</c>.</summary>
    public string Engine { get; init; } = DatabaseOptions.Sqlite;
    /// <summary>
    /// PostgreSQL: a connection string to the server (as a user that may create databases); by default the throw-away
    /// server of <c>.ci/postgres</c> (<c>LEADDESK_TEST_POSTGRES</c>). The base and working databases are made on it.
    /// </summary>
    public string? Postgres { get; init; }
    /// <summary>Rows in the CSV file: HubSpot's per-file maximum by default.</summary>
    public int Rows { get; init; } = 1_048_576;
    /// <summary>Leads already in the database the file is imported into.</summary>
    public int Leads { get; init; } = 1_000_000;
    /// <summary>A database file that already holds <see cref="Leads"/> leads; made (and kept) when missing.</summary>
    public string? Base { get; init; }
    public int? BatchSize { get; init; }
    public int? CacheMegabytes { get; init; }
    public int Seed { get; init; } = 20261128;
    /// <summary>Keep the two working copies of the database after the run (each about 2 GB).</summary>
    public bool Keep { get; init; }
    public bool SkipBaseline { get; init; }
    /// <summary>Internal: run one measured phase ("raw" or "import") on <see cref="Db"/> in this process.</summary>
    public string? Phase { get; init; }
    public string? Db { get; init; }
    public string? Csv { get; init; }

    public static string OutDirectory { get; } = FindOut();

    public bool IsPostgreSql => string.Equals(Engine, DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase);

    public string PostgresServer => Postgres ?? Environment.GetEnvironmentVariable("LEADDESK_TEST_POSTGRES")
        ?? throw new ArgumentException("--engine PostgreSQL needs --postgres CONNECTION (or LEADDESK_TEST_POSTGRES, which .ci/postgres's postgres_start exports).");

    public string BasePath => Path.GetFullPath(Base ?? Path.Combine(OutDirectory, $"import-base-{Leads}.db"));
    public string CsvPath => Path.Combine(OutDirectory, $"contacts-{Rows}-{Seed}.csv");
    public string ReportPath => Path.Combine(OutDirectory, IsPostgreSql ? $"import-results-{Rows}-postgresql.md" : $"import-results-{Rows}.md");

    public static ImportBenchOptions Parse(string[] args)
    {
        var options = new ImportBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--engine" => options with { Engine = Next() },
                "--postgres" => options with { Postgres = Next() },
                "--rows" => options with { Rows = int.Parse(Next().Replace("_", "")) },
                "--leads" => options with { Leads = int.Parse(Next().Replace("_", "")) },
                "--base" => options with { Base = Next() },
                "--batch" => options with { BatchSize = int.Parse(Next()) },
                "--cache" => options with { CacheMegabytes = int.Parse(Next()) },
                "--seed" => options with { Seed = int.Parse(Next()) },
                "--keep" => options with { Keep = true },
                "--skip-baseline" => options with { SkipBaseline = true },
                "--phase" => options with { Phase = Next() },
                "--db" => options with { Db = Next() },
                "--csv" => options with { Csv = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --engine Sqlite|PostgreSQL --postgres CONNECTION --rows N --leads N --base PATH --batch N --cache MB --seed N --keep --skip-baseline"),
            };
        }
        if (!options.IsPostgreSql && !string.Equals(options.Engine, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--engine {options.Engine}: use {DatabaseOptions.Sqlite} or {DatabaseOptions.PostgreSql}.");
        if (options.IsPostgreSql) _ = options.PostgresServer;
        return options;
    }

    /// <summary>bench/out at the repository root (gitignored), wherever the benchmark is started from.</summary>
    private static string FindOut()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.sln")))
                return Path.Combine(dir.FullName, "bench", "out");
        }
        return Path.Combine(Directory.GetCurrentDirectory(), "bench-out");
    }
}
