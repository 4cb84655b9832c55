using System.Diagnostics;
using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Leads;

namespace LeadDesk.RescoreBench;

/// <summary>
/// A person using the inbox while something else runs: a page request every <see cref="Pause"/> through the app's own
/// <see cref="LeadInbox"/>, alternating the default view (all leads by score) and the MQL stage by score — both read
/// the score index the rescoring rewrites.
/// </summary>
internal sealed class InboxProbe(LeadInbox inbox)
{
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private static readonly InboxQuery[] Queries =
    [
        new InboxQuery(),
        new InboxQuery { Stages = [LifecycleStage.MQL] },
    ];

    /// <summary>Requests pages until <paramref name="until"/> completes (or <paramref name="count"/> were made); each latency in ms.</summary>
    public async Task<List<double>> RunAsync(Task? until, int count = int.MaxValue)
    {
        var latencies = new List<double>();
        for (var i = 0; i < count && until is not { IsCompleted: true }; i++)
        {
            var clock = Stopwatch.StartNew();
            var page = await inbox.GetPageAsync(Queries[i % Queries.Length]);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            if (page.Rows.Count == 0) throw new InvalidOperationException("The inbox returned no rows.");
            if (until is null) continue;
            await Task.WhenAny(until, Task.Delay(Pause));
        }
        return latencies;
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
