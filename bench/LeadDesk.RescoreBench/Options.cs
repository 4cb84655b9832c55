namespace LeadDesk.RescoreBench;

/// <summary>Command-line options: <c>--source PATH --db PATH --fresh --runs N --report PATH</c>.</summary>
internal sealed record Options
{
    /// <summary>A generated million-lead file to copy (the inbox benchmark's, by default); it is never written.</summary>
    public string? Source { get; init; }
    /// <summary>The working copy the rescoring writes to.</summary>
    public string? Db { get; init; }
    /// <summary>Copy the source again even if a working copy exists.</summary>
    public bool Fresh { get; init; }
    /// <summary>Model changes to time, one after another, each a full rescore.</summary>
    public int Runs { get; init; } = 2;
    public string? Report { get; init; }

    public string SourcePath => Path.GetFullPath(Source ?? Path.Combine(Paths.OutDirectory, "leads-1000000.db"));
    public string DbPath => Path.GetFullPath(Db ?? Path.Combine(Paths.OutDirectory, "rescore-1000000.db"));
    public string ReportPath => Path.GetFullPath(Report ?? Path.Combine(Paths.OutDirectory, "rescore-results.md"));

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
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
        "dotnet run -c Release --project bench/LeadDesk.RescoreBench -- [--source bench/out/leads-1000000.db] " +
        "[--db bench/out/rescore-1000000.db] [--fresh] [--runs 2] [--report PATH]";
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
