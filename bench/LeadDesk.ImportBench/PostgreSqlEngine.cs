using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using LeadDesk.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace LeadDesk.ImportBench;

/// <summary>
/// PostgreSQL: the base is a database of its own on the server the run is pointed at (kept between runs, like the
/// SQLite base file); each measurement gets a copy made with <c>CREATE DATABASE … TEMPLATE</c>, dropped afterwards.
/// </summary>
internal sealed class PostgreSqlEngine(string server, int leads) : BenchEngine
{
    private string BaseName => $"leaddesk_importbench_base_{leads}";

    private string ConnectionTo(string database) => new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ToString();

    public override async Task<string> DescribeAsync()
    {
        await using var connection = await OpenAsync(server);
        var settings = new List<string>();
        foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "max_wal_size", "checkpoint_timeout" })
            settings.Add($"{name} {await ScalarAsync<string>(connection, $"SHOW {name}")}");
        var version = await ScalarAsync<string>(connection, "SHOW server_version");
        return $"PostgreSQL {version.Split(' ')[0]} on {connection.Host}:{connection.Port} ({string.Join(", ", settings)})";
    }

    public override async Task EnsureBaseAsync(int count, int seed)
    {
        await using (var admin = await OpenAsync(server))
        {
            var exists = await ScalarAsync<bool>(admin, $"SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{BaseName}')");
            if (exists && await CountLeadsAsync(ConnectionTo(BaseName)) == count)
            {
                Console.WriteLine($"Base database: {BaseName} ({count:N0} leads, kept from an earlier run)");
                return;
            }
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{BaseName}\" WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE \"{BaseName}\"");
        }
        Console.WriteLine($"Generating the base database {BaseName} with {count:N0} leads (once; kept for later runs)…");
        var clock = Stopwatch.StartNew();
        var connectionString = ConnectionTo(BaseName);
        await using (var services = Services(connectionString))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var generator = new LeadGenerator(seed, new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc));
        await PostgreSqlBulkLoader.LoadAsync(connectionString, generator.Batches(count, 5_000));
        NpgsqlConnection.ClearAllPools();
        Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:F0} s");
    }

    public override async Task<string> CopyAsync(string name)
    {
        var copy = $"leaddesk_{name.Replace('-', '_')}";
        NpgsqlConnection.ClearAllPools(); // a template must have no other sessions
        await using var admin = await OpenAsync(server);
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{copy}\" WITH (FORCE)");
        await ExecuteAsync(admin, $"CREATE DATABASE \"{copy}\" TEMPLATE \"{BaseName}\"");
        return ConnectionTo(copy);
    }

    public override async Task DeleteAsync(string db)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = await OpenAsync(server);
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(db).Database}\" WITH (FORCE)");
    }

    public override async Task<long> CountLeadsAsync(string db)
    {
        await using var connection = await OpenAsync(db);
        try { return await ScalarAsync<long>(connection, """SELECT count(*) FROM "Leads" """); }
        catch (PostgresException) { return -1; }
    }

    protected override Dictionary<string, string?> Settings(string db) => new()
    {
        ["Database:Provider"] = DatabaseOptions.PostgreSql,
        // Pooled as the app pools them: the importer takes its connection from the pool.
        ["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(db) { Pooling = true }.ToString(),
        ["Import:Folder"] = Path.Combine(ImportBenchOptions.OutDirectory, "imports-postgresql"),
    };

    public override string RawBaselineName => "raw binary COPY baseline";

    /// <summary>
    /// The server's processes from /proc: the postmaster's own and reaped children's CPU time (utime, stime, cutime,
    /// cstime) plus that of its children still running (backends, checkpointer, WAL writer, autovacuum). Null when the
    /// server is not on this machine or its data directory cannot be read.
    /// </summary>
    public override async Task<double?> ServerCpuSecondsAsync()
    {
        try
        {
            await using var connection = await OpenAsync(server);
            var dataDirectory = await ScalarAsync<string>(connection, "SHOW data_directory");
            var postmaster = int.Parse((await File.ReadAllLinesAsync(Path.Combine(dataDirectory, "postmaster.pid")))[0], CultureInfo.InvariantCulture);
            var ticks = Stat(postmaster, withChildren: true);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == postmaster) continue;
                try
                {
                    if (ParentOf(pid) == postmaster) ticks += Stat(pid, withChildren: false);
                }
                catch (IOException) { /* it exited meanwhile; the postmaster's cutime has it */ }
            }
            return ticks / 100.0; // USER_HZ
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Fields of /proc/PID/stat after the command name (which may hold spaces): state is [0], ppid [1], utime [11] …</summary>
    private static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static int ParentOf(int pid) => int.Parse(StatFields(pid)[1], CultureInfo.InvariantCulture);

    private static long Stat(int pid, bool withChildren)
    {
        var fields = StatFields(pid);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return Field(11) + Field(12) + (withChildren ? Field(13) + Field(14) : 0);
    }

    /// <summary>
    /// The file's rows, read with the same CSV reader, bound to the same columns as SQLite's baseline and sent with one
    /// binary COPY into Leads per batch, each batch one transaction: no validation, no mapping, no scoring, no
    /// decisions, no error report, no progress.
    /// </summary>
    public override PhaseResult RawBaseline(string db, string csvPath, int batchSize, int cacheMegabytes)
    {
        ProcessMemory.ResetPeak();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var connection = new NpgsqlConnection(db);
        connection.Open();
        var copy = $"""
            COPY "Leads" ("FirstName", "LastName", "Email", "EmailNormalized", "Phone", "JobTitle", "Seniority", "Company", "CompanySize",
            "Industry", "Country", "AnnualRevenue", "Source", "SearchFirstName", "SearchLastName", "SearchCompany", "CreatedAt", "Stage",
            "StageEnteredAt", "Status", "FitScore", "EngagementScore", "TotalScore", "ScoreExplanation", "ConcurrencyToken") FROM STDIN (FORMAT BINARY)
            """;

        var now = DateTime.UtcNow;
        using var reader = CsvReader.Create(new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            CsvReaderOptions.Default with { TrimWhitespace = true }, leaveOpen: false);
        var header = reader.Headers.ToList();
        int Column(string name) => header.IndexOf(name);
        var (first, last, email, phone, company, title, industry, employees, revenue, country, source, created) =
            (Column("First Name"), Column("Last Name"), Column("Email"), Column("Phone Number"), Column("Company Name"), Column("Job Title"),
             Column("Industry"), Column("Number of Employees"), Column("Annual Revenue"), Column("Country/Region"), Column("Original Source"), Column("Create Date"));

        long rows = 0;
        NpgsqlTransaction? transaction = null;
        NpgsqlBinaryImporter? importer = null;
        while (reader.Read())
        {
            if (transaction is null)
            {
                transaction = connection.BeginTransaction();
                importer = connection.BeginBinaryImport(copy);
            }
            var firstName = reader.GetString(first) ?? "";
            var lastName = reader.GetString(last) ?? "";
            var emailText = reader.GetString(email) ?? "";
            var companyName = reader.GetString(company);
            importer!.StartRow();
            importer.Write(firstName, NpgsqlDbType.Varchar);
            importer.Write(lastName, NpgsqlDbType.Varchar);
            importer.Write(emailText, NpgsqlDbType.Varchar);
            importer.Write(emailText.ToLowerInvariant(), NpgsqlDbType.Varchar);
            Text(importer, reader.GetString(phone));
            Text(importer, reader.GetString(title));
            importer.Write(0, NpgsqlDbType.Integer);
            Text(importer, companyName);
            Nullable(importer, int.TryParse(reader.GetString(employees), out var size) ? size : (int?)null, NpgsqlDbType.Integer);
            Text(importer, reader.GetString(industry));
            // The column holds ISO codes and PostgreSQL enforces its length: the name's first two letters, no lookup.
            Text(importer, reader.GetString(country) is { Length: > 0 } name ? name[..Math.Min(2, name.Length)].ToUpperInvariant() : null);
            Nullable(importer, long.TryParse(reader.GetString(revenue), out var amount) ? amount : (long?)null, NpgsqlDbType.Bigint);
            Text(importer, reader.GetString(source));
            importer.Write(firstName.ToLowerInvariant(), NpgsqlDbType.Varchar);
            importer.Write(lastName.ToLowerInvariant(), NpgsqlDbType.Varchar);
            importer.Write((companyName ?? "").ToLowerInvariant(), NpgsqlDbType.Varchar);
            importer.Write(DateTime.TryParse(reader.GetString(created), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : now, NpgsqlDbType.TimestampTz);
            importer.Write(0, NpgsqlDbType.Integer);
            importer.Write(now, NpgsqlDbType.TimestampTz);
            importer.Write(0, NpgsqlDbType.Integer);
            importer.Write(0, NpgsqlDbType.Integer);
            importer.Write(0, NpgsqlDbType.Integer);
            importer.Write(0, NpgsqlDbType.Integer);
            importer.Write("[]", NpgsqlDbType.Text);
            importer.Write(Guid.NewGuid(), NpgsqlDbType.Uuid);
            if (++rows % batchSize == 0)
            {
                importer.Complete();
                importer.Dispose();
                transaction.Commit();
                transaction.Dispose();
                (importer, transaction) = (null, null);
            }
        }
        if (transaction is not null)
        {
            importer!.Complete();
            importer.Dispose();
            transaction.Commit();
            transaction.Dispose();
        }
        clock.Stop();
        return new PhaseResult("raw", clock.Elapsed.TotalSeconds, 0, rows, ProcessMemory.PeakBytes(),
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static void Text(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, NpgsqlDbType.Varchar);
    }

    private static void Nullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) importer.Write(v, type);
        else importer.WriteNull();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
