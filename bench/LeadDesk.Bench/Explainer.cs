using System.Data.Common;
using System.Diagnostics;
using LeadDesk.Domain.Inbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadDesk.Bench;

/// <summary>
/// For each combination: the SQL EF actually sends (captured by an interceptor, with its parameter values), SQLite's
/// EXPLAIN QUERY PLAN for it, and the median time of that one statement alone; then the same for the raw SQL.
/// </summary>
internal static class Explainer
{
    public static async Task RunAsync(BenchOptions options)
    {
        if (options.IsPostgreSql)
        {
            await PostgreSqlExplainer.RunAsync(options);
            return;
        }
        var capture = new CommandCapture();
        await using var services = Database.Services(options.DbPath, capture);
        var inbox = services.GetRequiredService<LeadInbox>();
        await using var connection = await InboxBenchmark.OpenRawAsync(options.DbPath);

        foreach (var scenario in Scenario.All.Where(s => options.Only is null || s.Name.Contains(options.Only, StringComparison.OrdinalIgnoreCase)))
        {
            Console.WriteLine($"\n=== {scenario.Name}");
            capture.Commands.Clear();
            capture.Enabled = true;
            await inbox.GetPageAsync(scenario.Query);
            capture.Enabled = false;
            foreach (var (sql, parameters) in capture.Commands)
                Show("EF", connection, sql, parameters);
            Show("raw", connection, scenario.CountSql, scenario.Parameters);
            Show("raw, no tallies", connection, scenario.PlainCountSql, scenario.Parameters);
            using var raw = new RawInbox((SqliteConnection)connection, scenario);
            raw.Run();
            foreach (var likely in new[] { InboxTerms.None, raw.LastLikely }.Distinct())
                Show($"raw, likely({likely})", connection, scenario.PageSql(likely),
                    [.. scenario.Parameters, ("$take", scenario.Query.PageSize), ("$skip", scenario.Query.Page * scenario.Query.PageSize)]);
        }
    }

    /// <summary>EXPLAIN QUERY PLAN and median time of each statement in a file (statements end with a line holding ';;').</summary>
    public static void RunFile(BenchOptions options, string file)
    {
        using var connection = InboxBenchmark.OpenRawAsync(options.DbPath, readOnly: false).GetAwaiter().GetResult();
        foreach (var sql in File.ReadAllText(file).Split(";;").Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            if (sql.StartsWith("!", StringComparison.Ordinal))
            {
                using var exec = connection.CreateCommand();
                exec.CommandText = sql[1..];
                exec.CommandTimeout = 0;
                var start = Stopwatch.GetTimestamp();
                exec.ExecuteNonQuery();
                Console.WriteLine($"--- ran {sql[1..].ReplaceLineEndings(" ")} in {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms");
                continue;
            }
            if (sql.StartsWith("?", StringComparison.Ordinal))
            {
                using var query = connection.CreateCommand();
                query.CommandText = sql[1..];
                using var reader = query.ExecuteReader();
                Console.WriteLine($"--- {sql[1..].ReplaceLineEndings(" ")}");
                while (reader.Read())
                    Console.WriteLine("    " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
                continue;
            }
            Show("sql", connection, sql, []);
        }
    }

    internal static void Show(string who, DbConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        if (connection is NpgsqlConnection postgres)
        {
            PostgreSqlExplainer.Show(who, postgres, sql, parameters);
            return;
        }
        Console.WriteLine($"--- {who}: {sql.ReplaceLineEndings(" ")}");
        if (parameters.Count > 0) Console.WriteLine("    params: " + string.Join(", ", parameters.Select(p => $"{p.Name}={p.Value}")));
        using (var explain = RawInbox.Command(connection, "EXPLAIN QUERY PLAN " + sql, parameters))
        using (var reader = explain.ExecuteReader())
        {
            var depth = new Dictionary<long, int> { [0] = 0 };
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var d = depth.GetValueOrDefault(reader.GetInt64(1)) + 1;
                depth[id] = d;
                Console.WriteLine($"    {new string(' ', d * 2)}{reader.GetString(3)}");
            }
        }
        using var command = RawInbox.Command(connection, sql, parameters);
        var times = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using (var reader = command.ExecuteReader())
                while (reader.Read()) { }
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Console.WriteLine($"    median {times.Order().ElementAt(times.Count / 2):F2} ms");
    }
}
