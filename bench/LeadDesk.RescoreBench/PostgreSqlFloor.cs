using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace LeadDesk.RescoreBench;

/// <summary>
/// The floor on PostgreSQL, as <see cref="RawFloor"/> on SQLite: every lead's score columns read by id range and written
/// with one prepared UPDATE of the same six columns the rescorer sets, one transaction per 2,000 leads. The fit and the
/// total go up by one point so that, as in a rescore, an indexed column changes: PostgreSQL then writes a new row version
/// and a new entry in every index of the table (no heap-only update), which is what a rescore costs it. This leaves the
/// copy's stored totals one point off; the next run rescores them.
/// </summary>
internal static class PostgreSqlFloor
{
    public static RawFloor.Result Run(string connectionString, int batchSize)
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
        using var update = new NpgsqlCommand("""
            UPDATE "Leads" SET "FitScore" = @fit, "EngagementScore" = @engagement, "TotalScore" = @total, "ScoreExplanation" = @explanation,
            "ScoreModelVersion" = @version, "ScoredAt" = @at WHERE "Id" = @id
            """, connection);
        var fit = update.Parameters.Add("fit", NpgsqlDbType.Integer);
        var engagement = update.Parameters.Add("engagement", NpgsqlDbType.Integer);
        var total = update.Parameters.Add("total", NpgsqlDbType.Integer);
        var explanation = update.Parameters.Add("explanation", NpgsqlDbType.Text);
        var version = update.Parameters.Add("version", NpgsqlDbType.Integer);
        var at = update.Parameters.Add("at", NpgsqlDbType.TimestampTz);
        var id = update.Parameters.Add("id", NpgsqlDbType.Integer);
        update.Prepare();

        var clock = Stopwatch.StartNew();
        var reading = new Stopwatch();
        var leads = 0;
        var lastId = 0;
        var rows = new List<object[]>(batchSize);
        while (true)
        {
            reading.Start();
            rows.Clear();
            after.Value = lastId;
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    var row = new object[7];
                    reader.GetValues(row);
                    rows.Add(row);
                }
            }
            reading.Stop();
            if (rows.Count == 0) break;

            using var transaction = connection.BeginTransaction();
            foreach (var row in rows)
            {
                fit.Value = (int)row[1] + 1;
                engagement.Value = row[2];
                total.Value = (int)row[3] + 1;
                explanation.Value = row[4];
                version.Value = row[5];
                at.Value = row[6];
                id.Value = row[0];
                update.ExecuteNonQuery();
            }
            transaction.Commit();
            leads += rows.Count;
            lastId = (int)rows[^1][0];
        }
        return new RawFloor.Result(leads, reading.Elapsed, clock.Elapsed);
    }
}
