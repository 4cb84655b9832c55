using System.Collections.Concurrent;
using System.Diagnostics;
using LeadDesk.Domain.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace LeadDesk.ImportBench;

/// <summary>
/// The PostgreSQL counterpart of <see cref="BulkLoader"/>: generated leads, their events and decisions written into a
/// migrated database with binary COPY, lead ids assigned in creation order. The lead tables' secondary indexes and
/// foreign keys (exactly as the migrations made them) are dropped for the load and made again afterwards — far quicker
/// than maintaining them row by row — then the identity sequences are moved past the ids used, and VACUUM ANALYZE
/// leaves the tables as a long-running database has them (visibility map set, planner statistics).
/// </summary>
internal static class PostgreSqlBulkLoader
{
    private static readonly string[] Tables = ["Leads", "EngagementEvents", "Decisions"];

    public static async Task LoadAsync(string connectionString, IEnumerable<List<Lead>> batches)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'");
        var tables = string.Join(", ", Tables.Select(t => $"'{t}'"));
        var indexes = await ListAsync(connection, $"""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename IN ({tables})
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """);
        var foreignKeys = await ListAsync(connection, $"""
            SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, c.conname),
                   format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid))
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND t.relname IN ({tables})
            """);
        foreach (var (drop, _) in foreignKeys) await ExecuteAsync(connection, drop);
        foreach (var (name, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");

        var clock = Stopwatch.StartNew();
        // Generation (CPU) runs on one core while the server writes on the other.
        using var queue = new BlockingCollection<List<Lead>>(boundedCapacity: 8);
        var producer = Task.Run(() =>
        {
            try { foreach (var batch in batches) queue.Add(batch); }
            finally { queue.CompleteAdding(); }
        });
        long leadCount = 0, eventCount = 0, decisionCount = 0;
        foreach (var batch in queue.GetConsumingEnumerable())
        {
            var firstId = (int)leadCount + 1;
            await using (var leads = await connection.BeginBinaryImportAsync(LeadCopy))
            {
                foreach (var lead in batch) WriteLead(leads, lead, (int)++leadCount);
                await leads.CompleteAsync();
            }
            await using (var events = await connection.BeginBinaryImportAsync(
                             """COPY "EngagementEvents" ("LeadId", "Type", "OccurredAt", "Detail") FROM STDIN (FORMAT BINARY)"""))
            {
                for (var i = 0; i < batch.Count; i++)
                    foreach (var e in batch[i].Events)
                    {
                        events.StartRow();
                        events.Write(firstId + i, NpgsqlDbType.Integer);
                        events.Write((int)e.Type, NpgsqlDbType.Integer);
                        events.Write(e.OccurredAt, NpgsqlDbType.TimestampTz);
                        Text(events, e.Detail);
                        eventCount++;
                    }
                await events.CompleteAsync();
            }
            await using (var decisions = await connection.BeginBinaryImportAsync(DecisionCopy))
            {
                for (var i = 0; i < batch.Count; i++)
                    foreach (var d in batch[i].Decisions)
                    {
                        WriteDecision(decisions, d, firstId + i);
                        decisionCount++;
                    }
                await decisions.CompleteAsync();
            }
            if (leadCount % 100_000 < batch.Count)
                Console.WriteLine($"  {leadCount:N0} leads, {eventCount:N0} events, {decisionCount:N0} decisions ({clock.Elapsed.TotalSeconds:F0} s)");
        }
        await producer;

        Console.WriteLine($"  indexes and foreign keys ({clock.Elapsed.TotalSeconds:F0} s)");
        foreach (var (_, sql) in indexes) await ExecuteAsync(connection, sql);
        foreach (var (_, sql) in foreignKeys) await ExecuteAsync(connection, sql);
        foreach (var table in Tables)
            await ExecuteAsync(connection, $"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), (SELECT coalesce(max("Id"), 0) + 1 FROM "{table}"), false)""");
        Console.WriteLine($"  VACUUM ANALYZE ({clock.Elapsed.TotalSeconds:F0} s)");
        foreach (var table in Tables) await ExecuteAsync(connection, $"VACUUM ANALYZE \"{table}\"");
    }

    private const string LeadCopy = """
        COPY "Leads" ("Id", "FirstName", "LastName", "Email", "EmailNormalized", "Phone", "JobTitle", "Seniority", "Department", "Company",
        "CompanySize", "Industry", "Country", "AnnualRevenue", "Source", "UtmSource", "UtmMedium", "UtmCampaign", "SearchFirstName",
        "SearchLastName", "SearchCompany", "CreatedAt", "Stage", "StageEnteredAt", "Status", "OwnerId", "OwnerName", "HandoffRepId",
        "HandoffRepName", "HandedOffAt", "OpportunityAmount", "ExpectedCloseDate", "FitScore", "EngagementScore", "TotalScore",
        "ScoreModelVersion", "ScoreExplanation", "ScoredAt", "LastActivityAt", "IntakeSource", "ReturnedAfterDisqualificationAt",
        "ConcurrencyToken") FROM STDIN (FORMAT BINARY)
        """;

    private static void WriteLead(NpgsqlBinaryImporter copy, Lead lead, int id)
    {
        copy.StartRow();
        copy.Write(id, NpgsqlDbType.Integer);
        copy.Write(lead.FirstName, NpgsqlDbType.Varchar);
        copy.Write(lead.LastName, NpgsqlDbType.Varchar);
        copy.Write(lead.Email, NpgsqlDbType.Varchar);
        copy.Write(lead.EmailNormalized, NpgsqlDbType.Varchar);
        Text(copy, lead.Phone);
        Text(copy, lead.JobTitle);
        copy.Write((int)lead.Seniority, NpgsqlDbType.Integer);
        Text(copy, lead.Department);
        Text(copy, lead.Company);
        Value(copy, lead.CompanySize, NpgsqlDbType.Integer);
        Text(copy, lead.Industry);
        Text(copy, lead.Country);
        Value(copy, lead.AnnualRevenue, NpgsqlDbType.Bigint);
        Text(copy, lead.Source);
        Text(copy, lead.UtmSource);
        Text(copy, lead.UtmMedium);
        Text(copy, lead.UtmCampaign);
        copy.Write(lead.SearchFirstName, NpgsqlDbType.Varchar);
        copy.Write(lead.SearchLastName, NpgsqlDbType.Varchar);
        copy.Write(lead.SearchCompany, NpgsqlDbType.Varchar);
        copy.Write(lead.CreatedAt, NpgsqlDbType.TimestampTz);
        copy.Write((int)lead.Stage, NpgsqlDbType.Integer);
        copy.Write(lead.StageEnteredAt, NpgsqlDbType.TimestampTz);
        copy.Write((int)lead.Status, NpgsqlDbType.Integer);
        Text(copy, lead.OwnerId);
        Text(copy, lead.OwnerName);
        Text(copy, lead.HandoffRepId);
        Text(copy, lead.HandoffRepName);
        Value(copy, lead.HandedOffAt, NpgsqlDbType.TimestampTz);
        Value(copy, lead.OpportunityAmount, NpgsqlDbType.Numeric);
        Value(copy, lead.ExpectedCloseDate, NpgsqlDbType.Date);
        copy.Write(lead.FitScore, NpgsqlDbType.Integer);
        copy.Write(lead.EngagementScore, NpgsqlDbType.Integer);
        copy.Write(lead.TotalScore, NpgsqlDbType.Integer);
        Value(copy, lead.ScoreModelVersion, NpgsqlDbType.Integer);
        copy.Write(JsonColumn.Serialize(lead.ScoreExplanation), NpgsqlDbType.Text);
        Value(copy, lead.ScoredAt, NpgsqlDbType.TimestampTz);
        Value(copy, lead.LastActivityAt, NpgsqlDbType.TimestampTz);
        Text(copy, lead.IntakeSource);
        Value(copy, lead.ReturnedAfterDisqualificationAt, NpgsqlDbType.TimestampTz);
        copy.Write(lead.ConcurrencyToken, NpgsqlDbType.Uuid);
    }

    private const string DecisionCopy = """
        COPY "Decisions" ("LeadId", "ActorId", "ActorName", "At", "FromStage", "ToStage", "Verb", "Reason", "Note", "ScoreAtDecision",
        "AssignedToId", "AssignedToName") FROM STDIN (FORMAT BINARY)
        """;

    private static void WriteDecision(NpgsqlBinaryImporter copy, Decision decision, int leadId)
    {
        copy.StartRow();
        copy.Write(leadId, NpgsqlDbType.Integer);
        copy.Write(decision.ActorId, NpgsqlDbType.Varchar);
        copy.Write(decision.ActorName, NpgsqlDbType.Varchar);
        copy.Write(decision.At, NpgsqlDbType.TimestampTz);
        copy.Write((int)decision.FromStage, NpgsqlDbType.Integer);
        copy.Write((int)decision.ToStage, NpgsqlDbType.Integer);
        copy.Write((int)decision.Verb, NpgsqlDbType.Integer);
        Text(copy, decision.Reason?.ToString());
        Text(copy, decision.Note);
        copy.Write(decision.ScoreAtDecision, NpgsqlDbType.Integer);
        Text(copy, decision.AssignedToId);
        Text(copy, decision.AssignedToName);
    }

    private static void Text(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Varchar);
    }

    private static void Value<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) copy.Write(v, type);
        else copy.WriteNull();
    }

    private static async Task<List<(string, string)>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
