namespace LeadDesk.RescoreBench;

/// <summary>Command-line options: <c>--engine Sqlite|PostgreSQL --pg CONNECTION --source PATH --db PATH --fresh --runs N --report PATH</c>.</summary>
internal sealed record Options
{
    /// <summary>SQLite (a copy of a generated file) or PostgreSQL (a copy of a generated database on a server).</summary>
    public bool PostgreSql { get; init; }
    /// <summary>PostgreSQL: a server whose user may create databases; without it a throw-away server is started (bench/postgres).</summary>
    public string? Pg { get; init; }
    /// <summary>
    /// A generated million-lead file to copy (the inbox benchmark's, by default), or on PostgreSQL the database the inbox
    /// benchmark generated on the same server; it is never written.
    /// </summary>
    public string? Source { get; init; }
    /// <summary>The working copy the rescoring writes to: a file, or on PostgreSQL a database.</summary>
    public string? Db { get; init; }
    /// <summary>Copy the source again even if a working copy exists.</summary>
    public bool Fresh { get; init; }
    /// <summary>Model changes to time, one after another, each a full rescore.</summary>
    public int Runs { get; init; } = 2;
    public string? Report { get; init; }

    public string SourcePath => PostgreSql ? SourceDatabase : Path.GetFullPath(Source ?? Path.Combine(Paths.OutDirectory, "leads-1000000.db"));
    public string DbPath => PostgreSql ? "" : Path.GetFullPath(Db ?? Path.Combine(Paths.OutDirectory, "rescore-1000000.db"));
    /// <summary>The inbox benchmark's database name for a million leads (its <c>--leads 1000000</c> default).</summary>
    public string SourceDatabase => Source ?? "leaddesk_bench_1000000";
    public string WorkDatabase => Db ?? "leaddesk_rescore_1000000";
    public string ReportPath => Path.GetFullPath(Report ?? Path.Combine(Paths.OutDirectory, PostgreSql ? "rescore-results-postgresql.md" : "rescore-results.md"));

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--engine" => options with { PostgreSql = Next().ToLowerInvariant() switch
                {
                    "sqlite" => false,
                    "postgresql" or "postgres" => true,
                    var other => throw new ArgumentException($"Unknown engine {other}: Sqlite or PostgreSQL.\n{Usage}"),
                } },
                "--pg" => options with { Pg = Next() },
                "--source" => options with { Source = Next() },
                "--db" => options with { Db = Next() },
                "--fresh" => options with { Fresh = true },
                "--runs" => options with { Runs = int.Parse(Next()) is > 0 and var n ? n : throw new ArgumentException("--runs must be positive.") },
                "--report" => options with { Report = Next() },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }
        return options;
    }

    public const string Usage =
        "dotnet run -c Release --project bench/LeadDesk.RescoreBench -- [--engine Sqlite|PostgreSQL] [--pg CONNECTION] " +
        "[--source bench/out/leads-1000000.db | DATABASE] [--db bench/out/rescore-1000000.db | DATABASE] [--fresh] [--runs 2] [--report PATH]";
}

internal static class Paths
{
    /// <summary>bench/out beside this project, found from the build output folder (gitignored).</summary>
    public static string OutDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LeadDesk.RescoreBench.csproj"))) dir = dir.Parent;
            return dir is null ? Path.Combine(Directory.GetCurrentDirectory(), "bench", "out") : Path.Combine(dir.Parent!.FullName, "out");
        }
    }
}
