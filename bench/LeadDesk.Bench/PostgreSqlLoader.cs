using System.Collections.Concurrent;
using System.Diagnostics;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace LeadDesk.Bench;

/// <summary>
/// Writes generated leads, their events and decisions into a migrated PostgreSQL database with binary COPY, one COPY
/// per table for the whole load, on three connections so the server writes the three tables side by side while the
/// generator runs. Columns and how each value is stored (enum numbers, the JSON explanation, UTC times) come from the
/// app's EF model, so a row reads back as the app would have written it. The three tables' secondary indexes, foreign
/// keys and triggers (exactly as the migrations and the app's initializer made them) are dropped for the load; the
/// indexes and keys are rebuilt afterwards (the caller runs the initializer again for the triggers); then VACUUM
/// ANALYZE, which gives the planner its statistics and marks the pages all-visible as autovacuum would in time (index-only
/// scans need that).
/// </summary>
internal static class PostgreSqlLoader
{
    private static readonly string[] Tables = ["Leads", "EngagementEvents", "Decisions"];

    public sealed record Result(long Leads, long Events, long Decisions, TimeSpan Insert, TimeSpan Indexes, TimeSpan Analyze,
        IReadOnlyDictionary<LifecycleStage, long> Stages, IReadOnlyDictionary<LeadStatus, long> Statuses);

    public static async Task<Result> LoadAsync(string connectionString, LeadDeskDbContext model, IEnumerable<List<Lead>> batches)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = string.Join(", ", Tables.Select(t => $"'{t}'"));
        var indexes = await ListAsync(connection, $"""
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename IN ({tables})
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))
            """);
        // (the DROP statement, the statement that makes it again)
        var foreignKeys = await ListAsync(connection, $"""
            SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname),
                   format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
            FROM pg_constraint WHERE contype = 'f' AND conrelid IN (SELECT oid FROM pg_class WHERE relname IN ({tables}))
            """);
        foreach (var (drop, _) in foreignKeys) await ExecAsync(connection, drop);
        foreach (var (name, _) in indexes) await ExecAsync(connection, $"DROP INDEX {PostgresQuote(name)}");
        // The tally triggers go too; the app's initializer puts them back and counts the leads once they are in.
        var triggers = await ListAsync(connection, $"""
            SELECT tgname, format('DROP TRIGGER %I ON %s', tgname, tgrelid::regclass) FROM pg_trigger
            WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relname IN ({tables}))
            """);
        foreach (var (_, drop) in triggers) await ExecAsync(connection, drop);

        var leadCopy = new Copy(model.Model.FindEntityType(typeof(Lead))!, includeKey: true);
        var eventCopy = new Copy(model.Model.FindEntityType(typeof(EngagementEvent))!, includeKey: false);
        var decisionCopy = new Copy(model.Model.FindEntityType(typeof(Decision))!, includeKey: false);

        var stages = new Dictionary<LifecycleStage, long>();
        var statuses = new Dictionary<LeadStatus, long>();
        long leadCount = 0, eventCount = 0, decisionCount = 0;
        var insertClock = Stopwatch.StartNew();

        // Generation (CPU) runs on one thread while this one feeds the three COPY streams.
        using var queue = new BlockingCollection<List<Lead>>(boundedCapacity: 8);
        var producer = Task.Run(() =>
        {
            try { foreach (var batch in batches) queue.Add(batch); }
            finally { queue.CompleteAdding(); }
        });

        await using (var leadConnection = await OpenAsync(connectionString))
        await using (var eventConnection = await OpenAsync(connectionString))
        await using (var decisionConnection = await OpenAsync(connectionString))
        {
            await using var leads = await leadConnection.BeginBinaryImportAsync(leadCopy.Sql);
            await using var events = await eventConnection.BeginBinaryImportAsync(eventCopy.Sql);
            await using var decisions = await decisionConnection.BeginBinaryImportAsync(decisionCopy.Sql);
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                foreach (var lead in batch)
                {
                    var id = (int)++leadCount;
                    leadCopy.Write(leads, lead, id);
                    foreach (var e in lead.Events)
                    {
                        eventCopy.Write(events, e, id);
                        eventCount++;
                    }
                    foreach (var d in lead.Decisions)
                    {
                        decisionCopy.Write(decisions, d, id);
                        decisionCount++;
                    }
                    stages[lead.Stage] = stages.GetValueOrDefault(lead.Stage) + 1;
                    statuses[lead.Status] = statuses.GetValueOrDefault(lead.Status) + 1;
                }
                if (leadCount % 100_000 < batch.Count)
                    Console.WriteLine($"  {leadCount:N0} leads, {eventCount:N0} events, {decisionCount:N0} decisions ({insertClock.Elapsed.TotalSeconds:F0} s)");
            }
            await producer;
            await leads.CompleteAsync();
            await events.CompleteAsync();
            await decisions.CompleteAsync();
        }
        // The ids were given explicitly: the identity sequence must continue after them, as if the app had made the leads.
        await ExecAsync(connection, """SELECT setval(pg_get_serial_sequence('"Leads"', 'Id'), (SELECT max("Id") FROM "Leads"))""");
        var insert = insertClock.Elapsed;

        var indexClock = Stopwatch.StartNew();
        await ExecAsync(connection, "SET maintenance_work_mem = '1GB'");
        foreach (var (_, sql) in indexes) await ExecAsync(connection, sql);
        foreach (var (_, sql) in foreignKeys) await ExecAsync(connection, sql);
        var indexTime = indexClock.Elapsed;

        var analyzeClock = Stopwatch.StartNew();
        await ExecAsync(connection, $"VACUUM (ANALYZE) {string.Join(", ", Tables.Select(PostgresQuote))}");
        var analyze = analyzeClock.Elapsed;
        return new Result(leadCount, eventCount, decisionCount, insert, indexTime, analyze, stages, statuses);
    }

    private static string PostgresQuote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<List<(string Name, string Sql)>> ListAsync(NpgsqlConnection connection, string sql)
    {
        var rows = new List<(string, string)>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One binary COPY of every mapped column of an entity type; the lead id is given by the loader.</summary>
    private sealed class Copy
    {
        private readonly (IClrPropertyGetter Getter, Func<object?, object?> ToProvider, string DataType)[] _columns;
        private readonly int _leadIdColumn;

        public Copy(IEntityType entity, bool includeKey)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var leadKey = entity.ClrType == typeof(Lead) ? nameof(Lead.Id) : "LeadId";
            var columns = new List<(IClrPropertyGetter, Func<object?, object?>, string)>();
            var names = new List<string>();
            foreach (var property in entity.GetProperties())
            {
                if (property.IsPrimaryKey() && !includeKey) continue; // the identity column numbers events and decisions in COPY order
                if (property.Name == leadKey) _leadIdColumn = names.Count;
                names.Add(property.GetColumnName(table)!);
                var converter = property.GetRelationalTypeMapping().Converter;
                // "character varying(100)" → "character varying": the binary format does not depend on the length.
                var dataType = property.GetColumnType().Split('(')[0].Trim();
                columns.Add((property.GetGetter(), converter is null ? v => v : converter.ConvertToProvider, dataType));
            }
            _columns = [.. columns];
            Sql = $"COPY {PostgresQuote(table.Name)} ({string.Join(", ", names.Select(PostgresQuote))}) FROM STDIN (FORMAT BINARY)";
        }

        public string Sql { get; }

        public void Write(NpgsqlBinaryImporter importer, object entity, int leadId)
        {
            importer.StartRow();
            for (var i = 0; i < _columns.Length; i++)
            {
                var (getter, toProvider, dataType) = _columns[i];
                var value = i == _leadIdColumn ? leadId : toProvider(getter.GetClrValue(entity));
                if (value is null) importer.WriteNull();
                else importer.Write(value, dataType);
            }
        }
    }
}
