using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace LeadDesk.Bench.Shared;

/// <summary>
/// The PostgreSQL server a benchmark runs against: the one <c>--pg</c> names, or a throw-away one started for the run by
/// <c>bench/postgres</c> (the tests' <c>.ci/postgres</c> functions, restarted with a benchmark's settings) and stopped
/// with its data when the run ends.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _throwAwayDirectory;

    private PostgresServer(string connectionString, string? throwAwayDirectory)
    {
        ConnectionString = connectionString;
        _throwAwayDirectory = throwAwayDirectory;
    }

    /// <summary>A connection string to the server's maintenance database (<c>postgres</c>), for creating and dropping databases.</summary>
    public string ConnectionString { get; }

    public bool IsThrowAway => _throwAwayDirectory is not null;

    /// <summary>The same server, another database.</summary>
    public string For(string database) => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ToString();

    public static async Task<PostgresServer> UseAsync(string? connectionString)
    {
        if (connectionString is not null) return new PostgresServer(connectionString, null);
        Console.WriteLine("No --pg given: starting a throw-away PostgreSQL server (bench/postgres)…");
        var output = await BashAsync("""source "$1" && bench_postgres_start >&2 && printf '%s\n%s\n' "$LEADDESK_BENCH_POSTGRES" "$POSTGRES_DIR" """,
            Script);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2) throw new InvalidOperationException($"bench/postgres did not report its server: {output}");
        return new PostgresServer(lines[^2], lines[^1]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_throwAwayDirectory is null) return;
        NpgsqlConnection.ClearAllPools();
        await BashAsync("""source "$1" && POSTGRES_DIR="$2" postgres_stop""", Script, _throwAwayDirectory);
        Console.WriteLine("Stopped the throw-away PostgreSQL server.");
    }

    public async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    /// <summary>Runs one statement on the maintenance database (CREATE / DROP DATABASE cannot run in a transaction).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        return ExecuteAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)");
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>
    /// The server's version and the settings that shape the figures, for the report: memory, durability, parallelism, JIT.
    /// </summary>
    public static async Task<string> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT current_setting('server_version'), name, current_setting(name)
            FROM unnest(ARRAY['shared_buffers', 'work_mem', 'effective_cache_size', 'max_wal_size', 'fsync', 'synchronous_commit',
                              'full_page_writes', 'max_parallel_workers_per_gather', 'jit']) AS name
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var (version, settings) = ("", new List<string>());
        while (await reader.ReadAsync())
        {
            version = reader.GetString(0);
            settings.Add($"{reader.GetString(1)}={reader.GetString(2)}");
        }
        return $"PostgreSQL {version.Split(' ')[0]} ({string.Join(", ", settings)})";
    }

    /// <summary>
    /// CPU time the server has used so far, all its processes: the postmaster's own and that of the backends it has
    /// reaped (cutime/cstime), plus that of the processes running now. Null when the server is not a local process this
    /// user can read (its data directory gives the postmaster's pid). Work done in the server is invisible in the
    /// benchmark process's own CPU time, and on two shared cores it is half the story.
    /// </summary>
    public static async Task<TimeSpan?> CpuTimeAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_setting('data_directory')", connection);
            var directory = (string)(await command.ExecuteScalarAsync())!;
            var postmaster = int.Parse(File.ReadLines(Path.Combine(directory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            long ticks = 0;
            foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
            {
                var fields = ReadStat(stat);
                if (fields is null) continue;
                var (pid, parent) = (int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
                if (pid == postmaster) ticks += Ticks(fields, 13) + Ticks(fields, 14) + Ticks(fields, 15) + Ticks(fields, 16);
                else if (parent == postmaster) ticks += Ticks(fields, 13) + Ticks(fields, 14);
            }
            // Linux reports process times in clock ticks of USER_HZ, 100 a second on every architecture .NET runs on.
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PostgresException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The fields of /proc/PID/stat with the command name (which may hold spaces) taken out; null if the process is gone.</summary>
    private static string[]? ReadStat(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        var close = text.LastIndexOf(')');
        if (close < 0) return null;
        var pid = text[..text.IndexOf(' ')];
        return [pid, "", .. text[(close + 2)..].Split(' ')];
    }

    private static long Ticks(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);

    /// <summary>bench/postgres, found from the build output folder upwards.</summary>
    private static string Script
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine(dir.FullName, "bench", "postgres");
                if (File.Exists(script)) return script;
            }
            throw new FileNotFoundException("bench/postgres not found above " + AppContext.BaseDirectory);
        }
    }

    private static async Task<string> BashAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", script, "bash", .. arguments]) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"bash exited with {process.ExitCode}: {script}");
        return output;
    }
}
