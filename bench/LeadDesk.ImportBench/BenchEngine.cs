using LeadDesk.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.ImportBench;

/// <summary>
/// Where a run's databases live and how each is reached: the base database with its million leads, a fresh working copy
/// of it per measurement (named by a path or a connection string, which the measuring process is given), the app's own
/// services over a copy, and the raw baseline for the engine.
/// </summary>
internal abstract class BenchEngine
{
    public static BenchEngine For(ImportBenchOptions options) =>
        options.IsPostgreSql ? new PostgreSqlEngine(options.PostgresServer, options.Leads) : new SqliteEngine(options.BasePath);

    /// <summary>For the report: the engine and its version, and what matters about how it runs.</summary>
    public abstract Task<string> DescribeAsync();

    /// <summary>Makes the base database with <paramref name="leads"/> generated leads unless it already holds them.</summary>
    public abstract Task EnsureBaseAsync(int leads, int seed);

    /// <summary>A fresh copy of the base database for one measurement: what the measuring process is given as <c>--db</c>.</summary>
    public abstract Task<string> CopyAsync(string name);

    public abstract Task DeleteAsync(string db);

    public abstract Task<long> CountLeadsAsync(string db);

    /// <summary>The app's own domain services (AddLeadDeskDomain) over <paramref name="db"/>, with <paramref name="settings"/> on top.</summary>
    public ServiceProvider Services(string db, IDictionary<string, string?>? settings = null)
    {
        var values = Settings(db);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLeadDeskDomain(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider();
    }

    protected abstract Dictionary<string, string?> Settings(string db);

    /// <summary>The yardstick for this engine: the file's rows put into Leads by hand, as cheaply as the engine allows.</summary>
    public abstract PhaseResult RawBaseline(string db, string csvPath, int batchSize, int cacheMegabytes);

    /// <summary>What the raw baseline does, for the report's table.</summary>
    public abstract string RawBaselineName { get; }

    /// <summary>
    /// CPU seconds the database server has used so far, when it is a process of its own on this machine; null when the
    /// engine runs inside the measured process (its work is in that process's CPU time) or the server is elsewhere.
    /// </summary>
    public virtual Task<double?> ServerCpuSecondsAsync() => Task.FromResult<double?>(null);
}

/// <summary>SQLite: the base is a file in bench/out; each measurement gets a file copy of it.</summary>
internal sealed class SqliteEngine(string basePath) : BenchEngine
{
    public override Task<string> DescribeAsync()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return Task.FromResult($"SQLite {command.ExecuteScalar()}");
    }

    public override Task EnsureBaseAsync(int leads, int seed) => BaseDatabase.EnsureAsync(basePath, leads, seed);

    public override Task<string> CopyAsync(string name) => Task.FromResult(BaseDatabase.Copy(basePath, $"{name}.db"));

    public override Task DeleteAsync(string db)
    {
        BaseDatabase.Delete(db);
        return Task.CompletedTask;
    }

    public override Task<long> CountLeadsAsync(string db) => Task.FromResult(BaseDatabase.CountLeads(db));

    protected override Dictionary<string, string?> Settings(string db) => BaseDatabase.Settings(db);

    public override PhaseResult RawBaseline(string db, string csvPath, int batchSize, int cacheMegabytes) =>
        global::LeadDesk.ImportBench.RawBaseline.Run(db, csvPath, batchSize, cacheMegabytes);

    public override string RawBaselineName => "raw ADO.NET prepared INSERT baseline";
}
