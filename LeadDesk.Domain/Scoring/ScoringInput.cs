using System.Data.Common;
using System.Globalization;
using System.Text;
using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Scoring;

/// <summary>
/// What scoring needs of one lead, and what it has stored now: the explanation as the UTF-8 JSON the column holds
/// (compared byte for byte, never decoded), and the concurrency token as stored, so a write can tell whether the lead
/// changed since it was read.
/// </summary>
internal sealed record LeadToScore(
    int Id, string FirstName, string LastName, LeadProfile Profile, LifecycleStage Stage,
    int FitScore, int EngagementScore, byte[] ExplanationUtf8, object ConcurrencyToken, List<EventOccurrence> Events)
{
    public string Name => string.IsNullOrWhiteSpace($"{FirstName}{LastName}") ? Profile.Email : $"{FirstName} {LastName}".Trim();
    public int TotalScore => FitScore + EngagementScore;
}

/// <summary>
/// Every lead with its events, in batches by ascending id: two prepared range queries per batch (leads by primary key,
/// then their events by the (LeadId, OccurredAt) index), so scoring a million leads holds one batch in memory at a time.
/// Read on the context's connection rather than through an EF projection (at a million leads EF's materialisation and
/// the JSON converter on the explanation, only compared here, were a third of a rescore): on SQLite through SQLite's own
/// API (<see cref="SqliteStatements"/>), on PostgreSQL with plain ADO.NET.
/// The connection reads without its memory map meanwhile (<see cref="SqliteConnectionSettings.StreamAsync"/>).
/// </summary>
internal static partial class ScoringInput
{
    public const int BatchSize = 2000;

    /// <summary>SQLite's page cache while streaming: reads are sequential, so a small one does.</summary>
    private const int CacheKiB = 8 * 1024;

    private const string LeadsSql = """
        SELECT "Id", "FirstName", "LastName", "Email", "JobTitle", "Seniority", "Department", "CompanySize",
               "Industry", "Country", "AnnualRevenue", "Source", "Stage", "FitScore", "EngagementScore", "ScoreExplanation",
               "ConcurrencyToken"
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
            if (connection is SqliteConnection sqliteConnection)
            {
                using var statements = new SqliteStatements(sqliteConnection);
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var leads = statements.Next(afterId, batchSize);
                    if (leads.Count == 0) yield break;
                    yield return leads;
                    afterId = leads[^1].Id;
                }
            }

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
                await ReadEventsAsync(eventsCommand, leads, cancellationToken);
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

    /// <summary>PostgreSQL: the batch's events; both come in id order, so one pass merges the events into their leads.</summary>
    private static async Task ReadEventsAsync(DbCommand eventsCommand, List<LeadToScore> leads, CancellationToken cancellationToken)
    {
        eventsCommand.Parameters["@first"].Value = leads[0].Id;
        eventsCommand.Parameters["@last"].Value = leads[^1].Id;
        await using var reader = await eventsCommand.ExecuteReaderAsync(cancellationToken);
        var index = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var leadId = reader.GetInt32(0);
            while (index < leads.Count - 1 && leads[index].Id < leadId) index++;
            if (leads[index].Id != leadId) continue; // a lead created after its batch was read
            leads[index].Events.Add(new EventOccurrence((EngagementEventType)reader.GetInt32(1), DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)));
        }
    }

    /// <summary>PostgreSQL: one lead's row, nullable columns read with one GetValue each.</summary>
    private static LeadToScore ReadLead(DbDataReader reader)
    {
        string? Text(int i) => reader.GetValue(i) as string;
        long? Number(int i) => reader.GetValue(i) is var value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;
        var profile = new LeadProfile
        {
            FirstName = reader.GetString(1), LastName = reader.GetString(2), Email = reader.GetString(3), JobTitle = Text(4),
            Seniority = (Seniority)reader.GetInt32(5), Department = Text(6), CompanySize = (int?)Number(7), Industry = Text(8),
            Country = Text(9), AnnualRevenue = Number(10), Source = Text(11),
        };
        return new LeadToScore(reader.GetInt32(0), profile.FirstName, profile.LastName, profile, (LifecycleStage)reader.GetInt32(12),
            reader.GetInt32(13), reader.GetInt32(14), Encoding.UTF8.GetBytes(reader.GetString(15)), reader.GetValue(16), []);
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
