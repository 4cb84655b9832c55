using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace LeadDesk.RescoreBench;

/// <summary>
/// The floor on PostgreSQL: every lead's score columns read by id range, a batch at a time, and written back by hand in
/// transactions of as many leads as the rescorer's, in one of two ways. <see cref="Shape.PerLead"/> is <see cref="RawFloor"/>'s:
/// one prepared UPDATE per lead, so one round trip to the server each. <see cref="Shape.Batch"/> is what the rescorer
/// does on PostgreSQL: one UPDATE per batch, the values as arrays. The fit and the total go up by one point so that, as
/// in a rescore, an indexed column changes: PostgreSQL then writes a new row version and an entry in every index of the
/// table (no heap-only update), which is what a rescore costs it. This leaves the copy's stored totals one point off;
/// the next run rescores them.
/// </summary>
internal static class PostgreSqlFloor
{
    public enum Shape
    {
        PerLead,
        Batch,
    }

    public static RawFloor.Result Run(string connectionString, int batchSize, int leadsPerTransaction, Shape shape)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var read = new NpgsqlCommand("""
            SELECT "Id", "FitScore", "EngagementScore", "TotalScore", "ScoreExplanation", "ScoreModelVersion", "ScoredAt"
            FROM "Leads" WHERE "Id" > @after ORDER BY "Id" LIMIT @take
            """, connection);
        var after = read.Parameters.Add("after", NpgsqlDbType.Integer);
        read.Parameters.AddWithValue("take", batchSize);
        read.Prepare();
        using var write = shape == Shape.Batch ? BatchUpdate(connection) : PerLeadUpdate(connection);
        write.Prepare();

        var clock = Stopwatch.StartNew();
        var reading = new Stopwatch();
        var leads = 0;
        var lastId = 0;
        var rows = new List<(int Id, int Fit, int Engagement, int Total, string Explanation, int? Version, DateTime? At)>(batchSize);
        using var transactions = new GroupedTransactions(connection, leadsPerTransaction);
        while (true)
        {
            reading.Start();
            rows.Clear();
            after.Value = lastId;
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                    rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetDateTime(6)));
            }
            reading.Stop();
            if (rows.Count == 0) break;

            transactions.Open(); // Npgsql's commands join their connection's transaction
            if (shape == Shape.Batch)
            {
                write.Parameters["ids"].Value = rows.Select(r => r.Id).ToArray();
                write.Parameters["fits"].Value = rows.Select(r => r.Fit + 1).ToArray();
                write.Parameters["engagements"].Value = rows.Select(r => r.Engagement).ToArray();
                write.Parameters["totals"].Value = rows.Select(r => r.Total + 1).ToArray();
                write.Parameters["explanations"].Value = rows.Select(r => r.Explanation).ToArray();
                write.Parameters["versions"].Value = rows.Select(r => r.Version).ToArray();
                write.Parameters["ats"].Value = rows.Select(r => r.At).ToArray();
                write.ExecuteNonQuery();
            }
            else
            {
                foreach (var row in rows)
                {
                    write.Parameters["fit"].Value = row.Fit + 1;
                    write.Parameters["engagement"].Value = row.Engagement;
                    write.Parameters["total"].Value = row.Total + 1;
                    write.Parameters["explanation"].Value = row.Explanation;
                    write.Parameters["version"].Value = (object?)row.Version ?? DBNull.Value;
                    write.Parameters["at"].Value = (object?)row.At ?? DBNull.Value;
                    write.Parameters["id"].Value = row.Id;
                    write.ExecuteNonQuery();
                }
            }
            leads += rows.Count;
            lastId = rows[^1].Id;
            transactions.Written(rows.Count);
        }
        transactions.Commit();
        return new RawFloor.Result(leads, reading.Elapsed, clock.Elapsed);
    }

    private static NpgsqlCommand PerLeadUpdate(NpgsqlConnection connection)
    {
        var update = new NpgsqlCommand("""
            UPDATE "Leads" SET "FitScore" = @fit, "EngagementScore" = @engagement, "TotalScore" = @total, "ScoreExplanation" = @explanation,
            "ScoreModelVersion" = @version, "ScoredAt" = @at WHERE "Id" = @id
            """, connection);
        foreach (var name in new[] { "fit", "engagement", "total", "version", "id" }) update.Parameters.Add(name, NpgsqlDbType.Integer);
        update.Parameters.Add("explanation", NpgsqlDbType.Text);
        update.Parameters.Add("at", NpgsqlDbType.TimestampTz);
        return update;
    }

    private static NpgsqlCommand BatchUpdate(NpgsqlConnection connection)
    {
        var update = new NpgsqlCommand("""
            UPDATE "Leads" AS l SET "FitScore" = v.fit, "EngagementScore" = v.engagement, "TotalScore" = v.total,
            "ScoreExplanation" = v.explanation, "ScoreModelVersion" = v.version, "ScoredAt" = v.at
            FROM unnest(@ids, @fits, @engagements, @totals, @explanations, @versions, @ats)
                AS v(id, fit, engagement, total, explanation, version, at)
            WHERE l."Id" = v.id
            """, connection);
        foreach (var name in new[] { "ids", "fits", "engagements", "totals", "versions" })
            update.Parameters.Add(name, NpgsqlDbType.Array | NpgsqlDbType.Integer);
        update.Parameters.Add("explanations", NpgsqlDbType.Array | NpgsqlDbType.Text);
        update.Parameters.Add("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
        return update;
    }
}
