using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace LeadDesk.RescoreBench;

/// <summary>
/// The floor a rescore is compared with: the same rows written by hand, with nothing computed. Every lead's score
/// columns are read by id range, a batch at a time, and written back with one prepared UPDATE of the same six columns the
/// rescorer sets, in transactions of as many leads as the rescorer's. SQLite rewrites the row and the entries of every index
/// on those columns whether or not a value changed, so writing the stored values back costs what writing new ones does.
/// </summary>
internal static class RawFloor
{
    public sealed record Result(int Leads, TimeSpan Read, TimeSpan Total);

    public static Result Run(string dbPath, int batchSize, int leadsPerTransaction)
    {
        using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // What the rescorer's writing connection uses while a run lasts, so both sides read and write the file the same way.
            pragma.CommandText = "PRAGMA mmap_size = 0; PRAGMA cache_size = -262144;";
            pragma.ExecuteNonQuery();
        }
        using var read = connection.CreateCommand();
        read.CommandText = """
            SELECT "Id", "FitScore", "EngagementScore", "TotalScore", "ScoreExplanation", "ScoreModelVersion", "ScoredAt"
            FROM "Leads" WHERE "Id" > @after ORDER BY "Id" LIMIT @take
            """;
        var after = read.Parameters.Add("@after", SqliteType.Integer);
        read.Parameters.AddWithValue("@take", batchSize);
        using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE "Leads" SET "FitScore" = @fit, "EngagementScore" = @engagement, "TotalScore" = @total, "ScoreExplanation" = @explanation,
            "ScoreModelVersion" = @version, "ScoredAt" = @at WHERE "Id" = @id
            """;
        var parameters = new[] { "@fit", "@engagement", "@total", "@explanation", "@version", "@at", "@id" }
            .Select(name => update.Parameters.AddWithValue(name, DBNull.Value)).ToArray(); // typed by each value, as the rescorer's are

        var total = Stopwatch.StartNew();
        var reading = new Stopwatch();
        var leads = 0;
        var lastId = 0L;
        var rows = new List<object[]>(batchSize);
        using var transactions = new GroupedTransactions(connection, leadsPerTransaction);
        while (true)
        {
            reading.Start();
            rows.Clear();
            after.Value = lastId;
            read.Transaction = (SqliteTransaction?)transactions.Current; // SQLite allows no command outside the open transaction
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

            update.Transaction = (SqliteTransaction)transactions.Open();
            if (leads == 0) update.Prepare();
            foreach (var row in rows)
            {
                // Same order as the SELECT: fit, engagement, total, explanation, version, at, then the id.
                for (var i = 0; i < 6; i++) parameters[i].Value = row[i + 1];
                parameters[6].Value = row[0];
                update.ExecuteNonQuery();
            }
            leads += rows.Count;
            lastId = (long)rows[^1][0];
            transactions.Written(rows.Count);
        }
        transactions.Commit();
        return new Result(leads, reading.Elapsed, total.Elapsed);
    }
}
