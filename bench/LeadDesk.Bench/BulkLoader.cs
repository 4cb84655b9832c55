using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;

namespace LeadDesk.Bench;

/// <summary>
/// Writes generated leads, their events and decisions into a migrated SQLite file with prepared ADO.NET INSERTs in
/// large transactions. The lead tables' indexes (exactly as the migrations made them) are dropped for the load and
/// rebuilt afterwards, which is much faster than maintaining seventeen B-trees row by row; then ANALYZE.
/// </summary>
internal static class BulkLoader
{
    private static readonly string[] Tables = ["Leads", "EngagementEvents", "Decisions"];

    private static readonly string[] LeadColumns =
    [
        "Id", "FirstName", "LastName", "Email", "EmailNormalized", "Phone", "JobTitle", "Seniority", "Department", "Company",
        "CompanySize", "Industry", "Country", "AnnualRevenue", "Source", "UtmSource", "UtmMedium", "UtmCampaign",
        "SearchFirstName", "SearchLastName", "SearchCompany", "CreatedAt", "Stage", "StageEnteredAt", "Status", "OwnerId",
        "OwnerName", "HandoffRepId", "HandoffRepName", "HandedOffAt", "OpportunityAmount", "ExpectedCloseDate", "FitScore",
        "EngagementScore", "TotalScore", "ScoreModelVersion", "ScoreExplanation", "ScoredAt", "LastActivityAt", "ConcurrencyToken",
        "ScoreRulesKey", "ReachedMqlAt", "ReachedSalAt", "ReachedSqlAt", "ReachedOpportunityAt", "ReachedWonAt", "LastPromotedAt",
        "LastAcceptedAt", "LastQualifiedAt",
    ];

    private static readonly string[] EventColumns = ["LeadId", "Type", "OccurredAt", "Detail"];

    private static readonly string[] DecisionColumns =
        ["LeadId", "ActorId", "ActorName", "At", "FromStage", "ToStage", "Verb", "Reason", "Note", "ScoreAtDecision", "AssignedToId", "AssignedToName",
         "LeadCreatedAt", "HandedOffAt", "StepDuration"];

    public sealed record Result(long Leads, long Events, long Decisions, TimeSpan Insert, TimeSpan Indexes, TimeSpan Analyze,
        IReadOnlyDictionary<LifecycleStage, long> Stages, IReadOnlyDictionary<LeadStatus, long> Statuses);

    public static Result Load(string connectionString, IEnumerable<List<Lead>> batches, int leadsPerTransaction)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Exec(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; " +
                         "PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY; PRAGMA threads=2;");

        var indexes = new List<(string Name, string Sql)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN " +
                               $"({string.Join(", ", Tables.Select(t => $"'{t}'"))})";
            using var reader = list.ExecuteReader();
            while (reader.Read()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) Exec(connection, $"DROP INDEX \"{name}\";");
        // The tally triggers go too; DatabaseInitializer puts them back and recounts once the leads are in.
        var triggers = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Leads'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) triggers.Add(reader.GetString(0));
        }
        foreach (var name in triggers) Exec(connection, $"DROP TRIGGER \"{name}\";");

        var stages = new Dictionary<LifecycleStage, long>();
        var statuses = new Dictionary<LeadStatus, long>();
        long leadCount = 0, eventCount = 0, decisionCount = 0;
        var insertClock = Stopwatch.StartNew();

        // Generation (CPU) runs on one core while SQLite writes on the other.
        using var queue = new BlockingCollection<List<Lead>>(boundedCapacity: 8);
        var producer = Task.Run(() =>
        {
            try { foreach (var batch in batches) queue.Add(batch); }
            finally { queue.CompleteAdding(); }
        });

        var leadInsert = Prepare(connection, "Leads", LeadColumns);
        var eventInsert = Prepare(connection, "EngagementEvents", EventColumns);
        var decisionInsert = Prepare(connection, "Decisions", DecisionColumns);
        SqliteTransaction? transaction = null;
        var inTransaction = 0;
        foreach (var batch in queue.GetConsumingEnumerable())
        {
            foreach (var lead in batch)
            {
                if (transaction is null)
                {
                    transaction = connection.BeginTransaction();
                    leadInsert.Transaction = eventInsert.Transaction = decisionInsert.Transaction = transaction;
                }
                var id = ++leadCount;
                Bind(leadInsert, id, lead.FirstName, lead.LastName, lead.Email, lead.EmailNormalized, lead.Phone, lead.JobTitle,
                    (int)lead.Seniority, lead.Department, lead.Company, lead.CompanySize, lead.Industry, lead.Country, lead.AnnualRevenue,
                    lead.Source, lead.UtmSource, lead.UtmMedium, lead.UtmCampaign, lead.SearchFirstName, lead.SearchLastName,
                    lead.SearchCompany, Time(lead.CreatedAt), (int)lead.Stage, Time(lead.StageEnteredAt), (int)lead.Status, lead.OwnerId,
                    lead.OwnerName, lead.HandoffRepId, lead.HandoffRepName, Time(lead.HandedOffAt),
                    lead.OpportunityAmount?.ToString("0.0###########################", CultureInfo.InvariantCulture),
                    lead.ExpectedCloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), lead.FitScore, lead.EngagementScore,
                    lead.TotalScore, lead.ScoreModelVersion, JsonColumn.Serialize(lead.ScoreExplanation), Time(lead.ScoredAt),
                    Time(lead.LastActivityAt), lead.ConcurrencyToken.ToString().ToUpperInvariant(), lead.ScoreRulesKey, Time(lead.ReachedMqlAt),
                    Time(lead.ReachedSalAt), Time(lead.ReachedSqlAt), Time(lead.ReachedOpportunityAt), Time(lead.ReachedWonAt),
                    Time(lead.LastPromotedAt), Time(lead.LastAcceptedAt), Time(lead.LastQualifiedAt));
                leadInsert.ExecuteNonQuery();
                foreach (var e in lead.Events)
                {
                    Bind(eventInsert, id, (int)e.Type, Time(e.OccurredAt), e.Detail);
                    eventInsert.ExecuteNonQuery();
                    eventCount++;
                }
                foreach (var d in lead.Decisions)
                {
                    Bind(decisionInsert, id, d.ActorId, d.ActorName, Time(d.At), (int)d.FromStage, (int)d.ToStage, (int)d.Verb,
                        d.Reason?.ToString(), d.Note, d.ScoreAtDecision, d.AssignedToId, d.AssignedToName, Time(d.LeadCreatedAt), Time(d.HandedOffAt),
                        d.StepDuration?.Ticks);
                    decisionInsert.ExecuteNonQuery();
                    decisionCount++;
                }
                stages[lead.Stage] = stages.GetValueOrDefault(lead.Stage) + 1;
                statuses[lead.Status] = statuses.GetValueOrDefault(lead.Status) + 1;
                if (++inTransaction == leadsPerTransaction)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = null;
                    inTransaction = 0;
                }
            }
            if (leadCount % 100_000 < batch.Count)
                Console.WriteLine($"  {leadCount:N0} leads, {eventCount:N0} events, {decisionCount:N0} decisions ({insertClock.Elapsed.TotalSeconds:F0} s)");
        }
        transaction?.Commit();
        transaction?.Dispose();
        producer.GetAwaiter().GetResult();
        leadInsert.Dispose();
        eventInsert.Dispose();
        decisionInsert.Dispose();
        var insert = insertClock.Elapsed;

        var indexClock = Stopwatch.StartNew();
        foreach (var (_, sql) in indexes) Exec(connection, sql);
        var indexTime = indexClock.Elapsed;

        var analyzeClock = Stopwatch.StartNew();
        Exec(connection, "ANALYZE;");
        var analyze = analyzeClock.Elapsed;
        Exec(connection, "PRAGMA journal_mode=WAL;");
        return new Result(leadCount, eventCount, decisionCount, insert, indexTime, analyze, stages, statuses);
    }

    /// <summary>DateTime as EF Core's SQLite provider writes it.</summary>
    private static string? Time(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static SqliteCommand Prepare(SqliteConnection connection, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
