using System.Globalization;

namespace LeadDesk.RescoreBench;

/// <summary>
/// Reads this process's memory from <c>/proc/self/status</c>. VmHWM is the peak resident set; it counts file pages
/// mapped into the process (SQLite's mmap) as well as the heap, so the sampler also keeps the peak of RssAnon (heap,
/// stacks: what the process itself allocated) and RssFile (mapped file pages, which the OS can drop at will).
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private MemorySampler()
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                try { await Task.Delay(50, _stop.Token); }
                catch (OperationCanceledException) { break; }
            }
        });
    }

    public long PeakAnonKb { get; private set; }
    public long PeakFileKb { get; private set; }

    /// <summary>Resets the kernel's peak (VmHWM) to the current resident set, then samples until disposed.</summary>
    public static MemorySampler Start()
    {
        // "5" resets VmHWM (Linux 4.0+); without it the peak would include whatever ran before this phase.
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return new MemorySampler();
    }

    private void Sample()
    {
        var status = Read();
        PeakAnonKb = Math.Max(PeakAnonKb, status.GetValueOrDefault("RssAnon"));
        PeakFileKb = Math.Max(PeakFileKb, status.GetValueOrDefault("RssFile") + status.GetValueOrDefault("RssShmem"));
    }

    /// <summary>Every "Name: N kB" line of /proc/self/status, in kB.</summary>
    public static Dictionary<string, long> Read()
    {
        var values = new Dictionary<string, long>();
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            var colon = line.IndexOf(':');
            if (colon < 0 || !line.EndsWith(" kB", StringComparison.Ordinal)) continue;
            if (long.TryParse(line[(colon + 1)..^3].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
                values[line[..colon]] = kb;
        }
        return values;
    }

    public async ValueTask DisposeAsync()
    {
        Sample();
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
