using System.Diagnostics;
using LeadDesk.Domain.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadDesk.Bench;

/// <summary>
/// <c>--explain</c> on PostgreSQL: for each combination the SQL EF sends (with its parameter values), the plan
/// PostgreSQL ran it with (<c>EXPLAIN (ANALYZE, BUFFERS)</c>: estimated and actual rows, time per node, pages read),
/// and the median time of that one statement alone; then the same for the hand-written count and page.
/// </summary>
internal static class PostgreSqlExplainer
{
    public static async Task RunAsync(BenchOptions options)
    {
        var capture = new CommandCapture();
        await using var services = Database.Services(options.DbPath, capture);
        var inbox = services.GetRequiredService<LeadInbox>();
        await using var connection = (NpgsqlConnection)await InboxBenchmark.OpenRawAsync(options.DbPath);

        foreach (var scenario in Scenario.All.Where(s => options.Only is null || s.Name.Contains(options.Only, StringComparison.OrdinalIgnoreCase)))
        {
            Console.WriteLine($"\n=== {scenario.Name}");
            capture.Commands.Clear();
            capture.Enabled = true;
            await inbox.GetPageAsync(scenario.Query);
            capture.Enabled = false;
            foreach (var (sql, parameters) in capture.Commands)
                Show("EF", connection, sql, parameters);
            Show("raw count", connection, PostgreSqlRawInbox.CountSql(scenario), scenario.Parameters);
            Show("raw page", connection, PostgreSqlRawInbox.PageSql(scenario),
                [.. scenario.Parameters, ("$take", scenario.Query.PageSize), ("$skip", scenario.Query.Page * scenario.Query.PageSize)]);
        }
    }

    public static void Show(string who, NpgsqlConnection connection, string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        Console.WriteLine($"--- {who}: {sql.ReplaceLineEndings(" ")}");
        if (parameters.Count > 0) Console.WriteLine("    params: " + string.Join(", ", parameters.Select(p => $"{p.Name}={Show(p.Value)}")));
        using (var explain = RawInbox.Command(connection, "EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters))
        using (var reader = explain.ExecuteReader())
            while (reader.Read())
                Console.WriteLine("    " + reader.GetString(0));
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

    private static string Show(object value) => value is System.Collections.IEnumerable list and not string
        ? "[" + string.Join(",", list.Cast<object>()) + "]"
        : value.ToString() ?? "";
}
