using System.Data.Common;
using System.Runtime.CompilerServices;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Insights;

/// <summary>A closed lead as training reads it: its label, and what was known at its cut-off.</summary>
/// <param name="Events">Only events at or before <see cref="CutOff"/>, oldest first.</param>
public sealed record TrainingExample(int LeadId, bool Won, DateTime OutcomeAt, DateTime CutOff, LeadProfile Profile, IReadOnlyList<EventOccurrence> Events);

/// <summary>A closed lead found in the decision log, before its profile and events are read.</summary>
public readonly record struct ClosedLead(int LeadId, ClosedOutcome Outcome);

/// <summary>
/// Reads the training set from the database with plain queries on the context's connection, streamed: the decisions
/// the label needs (in lead order, from the covering (LeadId, At, Verb, ToStage, FromStage) index), then the closed
/// leads' profiles and their events up to each lead's cut-off, a batch of leads at a time. The cut-off is applied by
/// the events query itself (a join on the batch's (lead, cut-off) pairs), so nothing after it is even read.
/// </summary>
internal static class TrainingSet
{
    /// <summary>Leads per batch: two parameters each in the events query, well under both engines' limits.</summary>
    public const int BatchSize = 400;

    private static readonly string DecisionsSql = $"""
        SELECT "LeadId", "At", "Verb", "FromStage", "ToStage" FROM "Decisions"
        WHERE "Verb" IN ({string.Join(", ", OutcomeLabel.Verbs.Select(v => (int)v))})
        ORDER BY "LeadId", "At", "Id"
        """;

    /// <summary>Every closed lead, by ascending id, labelled from its decisions (<see cref="OutcomeLabel"/>).</summary>
    public static async Task<List<ClosedLead>> ClosedLeadsAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        var closed = new List<ClosedLead>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = DecisionsSql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var leadId = -1;
            OutcomeLabel.Reader? label = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt32(0);
                if (id != leadId)
                {
                    if (label?.Outcome is { } outcome) closed.Add(new ClosedLead(leadId, outcome));
                    leadId = id;
                    label = new OutcomeLabel.Reader();
                }
                label!.Read(new DecisionFact(Utc(reader.GetDateTime(1)), (LifecycleVerb)reader.GetInt32(2),
                    (LifecycleStage)reader.GetInt32(3), (LifecycleStage)reader.GetInt32(4)));
            }
            if (label?.Outcome is { } last) closed.Add(new ClosedLead(leadId, last));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return closed;
    }

    /// <summary>The closed leads' profiles and events up to their cut-offs, in batches of <see cref="BatchSize"/>, in the order given.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<TrainingExample>> ExamplesAsync(LeadDeskDbContext db, IReadOnlyList<ClosedLead> closed,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            for (var start = 0; start < closed.Count; start += BatchSize)
            {
                var batch = closed.Skip(start).Take(BatchSize).ToList();
                var profiles = new Dictionary<int, LeadProfile>(batch.Count);
                await using (var command = LeadsCommand(connection, batch))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken)) profiles[reader.GetInt32(0)] = ReadProfile(reader);
                }
                var events = batch.ToDictionary(c => c.LeadId, _ => new List<EventOccurrence>());
                await using (var command = EventsCommand(connection, batch))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                        events[reader.GetInt32(0)].Add(new EventOccurrence((EngagementEventType)reader.GetInt32(1), Utc(reader.GetDateTime(2))));
                }
                yield return batch.Where(c => profiles.ContainsKey(c.LeadId))
                    .Select(c => new TrainingExample(c.LeadId, c.Outcome.Won, c.Outcome.OutcomeAt, c.Outcome.CutOff, profiles[c.LeadId], events[c.LeadId]))
                    .ToList();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// One lead as a prediction reads it: its profile, the cut-off (its outcome's if closed, else its first handoff,
    /// else <paramref name="now"/>) and its events up to then. Null when the lead does not exist.
    /// </summary>
    public static async Task<(LeadProfile Profile, DateTime CutOff, List<EventOccurrence> Events)?> LeadAsync(
        LeadDeskDbContext db, int leadId, DateTime now, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.AsNoTracking().Where(l => l.Id == leadId)
            .Select(l => new
            {
                l.Email, l.JobTitle, l.Seniority, l.Department, l.CompanySize, l.Industry, l.Country, l.AnnualRevenue, l.Source,
            }).SingleOrDefaultAsync(cancellationToken);
        if (lead is null) return null;
        var verbs = OutcomeLabel.Verbs.ToList();
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.LeadId == leadId && verbs.Contains(d.Verb))
            .OrderBy(d => d.At).ThenBy(d => d.Id)
            .Select(d => new DecisionFact(d.At, d.Verb, d.FromStage, d.ToStage)).ToListAsync(cancellationToken);
        var label = new OutcomeLabel.Reader();
        foreach (var decision in decisions)
            if (label.Read(decision)) break;
        var cutOff = label.Outcome?.CutOff ?? label.ReachedSalesAt ?? now;
        var events = await db.EngagementEvents.AsNoTracking().Where(e => e.LeadId == leadId && e.OccurredAt <= cutOff)
            .OrderBy(e => e.OccurredAt).Select(e => new EventOccurrence(e.Type, e.OccurredAt)).ToListAsync(cancellationToken);
        var profile = new LeadProfile
        {
            Email = lead.Email, JobTitle = lead.JobTitle, Seniority = lead.Seniority, Department = lead.Department,
            CompanySize = lead.CompanySize, Industry = lead.Industry, Country = lead.Country, AnnualRevenue = lead.AnnualRevenue, Source = lead.Source,
        };
        return (profile, cutOff, events);
    }

    private static DbCommand LeadsCommand(DbConnection connection, List<ClosedLead> batch)
    {
        var command = connection.CreateCommand();
        var ids = new List<string>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            ids.Add($"@l{i}");
            Add(command, $"@l{i}", batch[i].LeadId);
        }
        command.CommandText = $"""
            SELECT "Id", "Email", "JobTitle", "Seniority", "Department", "CompanySize", "Industry", "Country", "AnnualRevenue", "Source"
            FROM "Leads" WHERE "Id" IN ({string.Join(", ", ids)})
            """;
        return command;
    }

    private static DbCommand EventsCommand(DbConnection connection, List<ClosedLead> batch)
    {
        var command = connection.CreateCommand();
        var rows = new List<string>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            rows.Add($"(@l{i}, @c{i})");
            Add(command, $"@l{i}", batch[i].LeadId);
            Add(command, $"@c{i}", batch[i].Outcome.CutOff);
        }
        command.CommandText = $"""
            WITH "Cut"("LeadId", "CutOff") AS (VALUES {string.Join(", ", rows)})
            SELECT e."LeadId", e."Type", e."OccurredAt" FROM "EngagementEvents" e JOIN "Cut" c ON e."LeadId" = c."LeadId"
            WHERE e."OccurredAt" <= c."CutOff"
            ORDER BY e."LeadId", e."OccurredAt"
            """;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static LeadProfile ReadProfile(DbDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new LeadProfile
        {
            Email = reader.GetString(1), JobTitle = Text(2), Seniority = (Seniority)reader.GetInt32(3), Department = Text(4),
            CompanySize = reader.IsDBNull(5) ? null : reader.GetInt32(5), Industry = Text(6), Country = Text(7),
            AnnualRevenue = reader.IsDBNull(8) ? null : reader.GetInt64(8), Source = Text(9),
        };
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
