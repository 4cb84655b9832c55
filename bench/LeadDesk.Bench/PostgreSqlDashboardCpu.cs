using System.Diagnostics;
using System.Globalization;
using LeadDesk.Bench.Shared;

namespace LeadDesk.Bench;

/// <summary>
/// On PostgreSQL the dashboard's work is mostly the server's, which the suite's "CPU p50" (this process only) does not
/// see. After the timed rounds, each whole dashboard runs a few more times with the CPU of both processes read around it.
/// </summary>
internal static class PostgreSqlDashboardCpu
{
    public const int Calls = 10;

    public static async Task<string> MeasureAsync(BenchOptions options, string connectionString)
    {
        await using var services = Database.Services(options.DbPath);
        var lines = new List<string>();
        foreach (var target in DashboardBenchmark.Targets(services).Where(t => t.Whole))
        {
            var (client, server, wall) = (new List<double>(), new List<double>(), new List<double>());
            for (var i = 0; i < Calls; i++)
            {
                var (cpu, serverCpu, clock) = (Environment.CpuUsage.TotalTime, await PostgresServer.CpuTimeAsync(connectionString), Stopwatch.StartNew());
                await target.Run();
                wall.Add(clock.Elapsed.TotalMilliseconds);
                client.Add((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
                if (await PostgresServer.CpuTimeAsync(connectionString) - serverCpu is { } spent) server.Add(spent.TotalMilliseconds);
            }
            var serverText = server.Count == Calls ? $"server {Median(server):F0} ms" : "server not readable (not a local process)";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{target.Name}: median over {Calls} calls {Median(wall):F0} ms wall; CPU this process {Median(client):F0} ms, {serverText}"));
        }
        return "- CPU of both processes per whole dashboard (after the timed rounds; the server's at 10 ms resolution): " + string.Join("; ", lines);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
