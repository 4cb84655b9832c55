using System.Diagnostics;
using LeadDesk.Domain;
using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.ImportBench;

/// <summary>The million-lead database the file is imported into, and the working copies each measurement starts from.</summary>
internal static class BaseDatabase
{
    /// <summary>The app's settings for the database file at <paramref name="dbPath"/>.</summary>
    public static Dictionary<string, string?> Settings(string dbPath) =>
        new() { ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = $"Data Source={dbPath}" };

    /// <summary>The app's own domain services (AddLeadDeskDomain) over <paramref name="dbPath"/>.</summary>
    private static ServiceProvider Services(string dbPath)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLeadDeskDomain(new ConfigurationBuilder().AddInMemoryCollection(Settings(dbPath)).Build());
        return services.BuildServiceProvider();
    }

    /// <summary>Makes the base file with <paramref name="leads"/> generated leads unless it already holds them.</summary>
    public static async Task EnsureAsync(string path, int leads, int seed)
    {
        if (File.Exists(path) && CountLeads(path) == leads)
        {
            Console.WriteLine($"Base database: {path} ({leads:N0} leads, kept from an earlier run)");
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        Console.WriteLine($"Generating the base database with {leads:N0} leads (once; kept for later runs)…");
        var clock = Stopwatch.StartNew();
        await using (var services = Services(path))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        SqliteConnection.ClearAllPools();
        var generator = new LeadGenerator(seed, new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc));
        BulkLoader.Load($"Data Source={path};Pooling=False", generator.Batches(leads, 5_000), leadsPerTransaction: 100_000);
        // The initializer again: it recreates the tally triggers the loader dropped and counts the leads into LeadTallies.
        await using (var services = Services(path))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>A fresh copy of the base file, so that each measurement starts from the same million leads.</summary>
    public static string Copy(string basePath, string name)
    {
        var copy = Path.Combine(Path.GetDirectoryName(basePath)!, name);
        Delete(copy);
        File.Copy(basePath, copy);
        return copy;
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        var imports = Path.Combine(Path.GetDirectoryName(path)!, "imports");
        if (Directory.Exists(imports)) Directory.Delete(imports, recursive: true);
    }

    public static long CountLeads(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Leads\"";
        try { return Convert.ToInt64(command.ExecuteScalar()); }
        catch (SqliteException) { return -1; }
    }
}
