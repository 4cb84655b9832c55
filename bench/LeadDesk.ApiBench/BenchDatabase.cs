using LeadDesk.Bench.Shared;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LeadDesk.ApiBench;

/// <summary>
/// The fresh database a run captures into: a SQLite file in the run's folder, or a new database on the PostgreSQL
/// server given with <c>--pg</c> (dropped at the end unless <c>--keep</c>) or on a throw-away one started for the run.
/// </summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }
    /// <summary>What the report says the run wrote into.</summary>
    public abstract string Description { get; }
    public abstract long CountLeads();
    public abstract ValueTask DisposeAsync();

    public static async Task<BenchDatabase> CreateAsync(ApiBenchOptions options, string folder) =>
        options.Engine == BenchEngine.PostgreSql
            ? await PostgreSqlDatabase.CreateAsync(options.Pg, $"leaddesk_api_{DateTime.UtcNow:yyyyMMdd_HHmmss}", options.Keep)
            : new SqliteDatabase(Path.Combine(folder, "leaddesk.db"));

    private sealed class SqliteDatabase(string file) : BenchDatabase
    {
        public override string Provider => "Sqlite";
        public override string ConnectionString => $"Data Source={file}";
        public override string Description => $"fresh SQLite file {file}";

        public override long CountLeads()
        {
            using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Leads";
            return (long)command.ExecuteScalar()!;
        }

        public override ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools(); // the run's folder, file included, is deleted next
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgreSqlDatabase(PostgresServer server, string name, bool keep) : BenchDatabase
    {
        public override string Provider => "PostgreSQL";
        public override string ConnectionString => server.For(name);
        public override string Description =>
            $"fresh PostgreSQL database {name} on {(server.IsThrowAway ? "a throw-away server" : new NpgsqlConnectionStringBuilder(server.ConnectionString).Host)}";

        public static async Task<PostgreSqlDatabase> CreateAsync(string? serverConnection, string name, bool keep)
        {
            var server = await PostgresServer.UseAsync(serverConnection);
            await server.ExecuteAsync($"CREATE DATABASE {PostgresServer.Quote(name)}");
            return new PostgreSqlDatabase(server, name, keep);
        }

        public override long CountLeads()
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("""SELECT COUNT(*) FROM "Leads" """, connection);
            return (long)command.ExecuteScalar()!;
        }

        public override async ValueTask DisposeAsync()
        {
            if (!keep && !server.IsThrowAway) await server.DropDatabaseAsync(name);
            await server.DisposeAsync(); // a throw-away server goes with its data
        }
    }
}
