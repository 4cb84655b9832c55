using System.Data.Common;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Scoring;

/// <summary>
/// What scoring needs of one lead, and what it has stored now: the explanation as the JSON the column holds, and the
/// concurrency token as stored, so a write can tell whether the lead changed since it was read.
/// </summary>
internal sealed record LeadToScore(
    int Id, string FirstName, string LastName, LeadProfile Profile, LifecycleStage Stage,
    int FitScore, int EngagementScore, int? ScoreModelVersion, string ExplanationJson, object ConcurrencyToken, List<EventOccurrence> Events)
{
    public string Name => string.IsNullOrWhiteSpace($"{FirstName}{LastName}") ? Profile.Email : $"{FirstName} {LastName}".Trim();
    public int TotalScore => FitScore + EngagementScore;
}

/// <summary>
/// Every lead with its events, in batches by ascending id: two prepared range queries per batch (leads by primary key,
/// then their events by the (LeadId, OccurredAt) index), so scoring a million leads holds one batch in memory at a time.
/// Read with plain ADO.NET on the context's connection rather than an EF projection: at a million leads EF's
/// materialisation and the JSON converter on the explanation (only compared as text here) were a third of a rescore.
/// The connection reads without its memory map meanwhile (<see cref="SqliteConnectionSettings.StreamAsync"/>).
/// </summary>
internal static class ScoringInput
{
    public const int BatchSize = 2000;

    /// <summary>SQLite's page cache while streaming: reads are sequential, so a small one does.</summary>
    private const int CacheKiB = 8 * 1024;

    private const string LeadsSql = """
        SELECT "Id", "FirstName", "LastName", "Email", "JobTitle", "Seniority", "Department", "Company", "CompanySize",
               "Industry", "Country", "AnnualRevenue", "Source", "Stage", "FitScore", "EngagementScore", "ScoreModelVersion",
               "ScoreExplanation", "ConcurrencyToken"
        FROM "Leads" WHERE "Id" > @after ORDER BY "Id" LIMIT @take
        """;

    private const string EventsSql = """
        SELECT "LeadId", "Type", "OccurredAt" FROM "EngagementEvents" WHERE "LeadId" >= @first AND "LeadId" <= @last
        ORDER BY "LeadId", "OccurredAt"
        """;

    public static async IAsyncEnumerable<IReadOnlyList<LeadToScore>> BatchesAsync(LeadDeskDbContext db, int afterId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, int batchSize = BatchSize)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.IsSqlite();
        if (sqlite) await SqliteConnectionSettings.StreamAsync(connection, CacheKiB, cancellationToken);
        try
        {
            await using var leadsCommand = Command(connection, LeadsSql, "@after", "@take");
            await using var eventsCommand = Command(connection, EventsSql, "@first", "@last");
            leadsCommand.Parameters["@take"].Value = batchSize;
            while (true)
            {
                leadsCommand.Parameters["@after"].Value = afterId;
                var leads = new List<LeadToScore>(batchSize);
                await using (var reader = await leadsCommand.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken)) leads.Add(ReadLead(reader));
                }
                if (leads.Count == 0) yield break;

                // Both come in id order: one pass merges the events into their leads.
                eventsCommand.Parameters["@first"].Value = leads[0].Id;
                eventsCommand.Parameters["@last"].Value = leads[^1].Id;
                await using (var reader = await eventsCommand.ExecuteReaderAsync(cancellationToken))
                {
                    var index = 0;
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var leadId = reader.GetInt32(0);
                        while (index < leads.Count - 1 && leads[index].Id < leadId) index++;
                        if (leads[index].Id != leadId) continue; // a lead created after its batch was read
                        leads[index].Events.Add(new EventOccurrence((EngagementEventType)reader.GetInt32(1),
                            DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)));
                    }
                }
                yield return leads;
                afterId = leads[^1].Id;
            }
        }
        finally
        {
            if (sqlite) await SqliteConnectionSettings.RestoreAsync(connection);
            await db.Database.CloseConnectionAsync();
        }
    }

    private static LeadToScore ReadLead(DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var profile = new LeadProfile
        {
            FirstName = reader.GetString(1), LastName = reader.GetString(2), Email = reader.GetString(3), JobTitle = Text(4),
            Seniority = (Seniority)reader.GetInt32(5), Department = Text(6), Company = Text(7),
            CompanySize = reader.IsDBNull(8) ? null : reader.GetInt32(8), Industry = Text(9), Country = Text(10),
            AnnualRevenue = reader.IsDBNull(11) ? null : reader.GetInt64(11), Source = Text(12),
        };
        return new LeadToScore(reader.GetInt32(0), profile.FirstName, profile.LastName, profile, (LifecycleStage)reader.GetInt32(13),
            reader.GetInt32(14), reader.GetInt32(15), reader.IsDBNull(16) ? null : reader.GetInt32(16), reader.GetString(17), reader.GetValue(18), []);
    }

    private static DbCommand Command(DbConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
