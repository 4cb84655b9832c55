namespace LeadDesk.InsightsBench;

/// <summary>Command-line options: <c>--closed N --open N --runs N --score N --db PATH --fresh --report PATH</c>.</summary>
internal sealed record Options
{
    /// <summary>Closed leads (won or lost after a handoff) to train on.</summary>
    public int Closed { get; init; } = 10_000;
    /// <summary>Leads without an outcome beside them, which the label's scan of the decision log reads past.</summary>
    public int Open { get; init; } = 20_000;
    /// <summary>Training runs to time, each with its own seed.</summary>
    public int Runs { get; init; } = 3;
    /// <summary>Leads to score with the trained model.</summary>
    public int Score { get; init; } = 1_000_000;
    public string? Db { get; init; }
    /// <summary>Generate the database again even if one exists.</summary>
    public bool Fresh { get; init; }
    public string? Report { get; init; }

    public string DbPath => Path.GetFullPath(Db ?? Path.Combine(Paths.OutDirectory, $"insights-{Closed}.db"));
    public string ReportPath => Path.GetFullPath(Report ?? Path.Combine(Paths.OutDirectory, "insights-results.md"));

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Positive() => int.Parse(Next()) is > 0 and var n ? n : throw new ArgumentException($"{args[i - 1]} must be positive.");
            options = args[i] switch
            {
                "--closed" => options with { Closed = Positive() },
                "--open" => options with { Open = int.Parse(Next()) },
                "--runs" => options with { Runs = Positive() },
                "--score" => options with { Score = Positive() },
                "--db" => options with { Db = Next() },
                "--fresh" => options with { Fresh = true },
                "--report" => options with { Report = Next() },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }
        return options;
    }

    public const string Usage =
        "dotnet run -c Release --project bench/LeadDesk.InsightsBench -- [--closed 10000] [--open 20000] [--runs 3] [--score 1000000] " +
        "[--db bench/out/insights-10000.db] [--fresh] [--report PATH]";
}

internal static class Paths
{
    /// <summary>bench/out beside this project, found from the build output folder (gitignored).</summary>
    public static string OutDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LeadDesk.InsightsBench.csproj"))) dir = dir.Parent;
            return dir is null ? Path.Combine(Directory.GetCurrentDirectory(), "bench", "out") : Path.Combine(dir.Parent!.FullName, "out");
        }
    }
}
