namespace LeadDesk.ImportBench;

/// <summary>The process's resident memory as Linux reports it in /proc/self/status.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in bytes, since the start or the last <see cref="ResetPeak"/>.</summary>
    public static long PeakBytes() => Read("VmHWM:");

    public static long CurrentBytes() => Read("VmRSS:");

    /// <summary>
    /// Sets the peak back to the current resident size (writing 5 to /proc/self/clear_refs), so that one phase's peak
    /// can be read on its own. Returns false where the kernel does not allow it.
    /// </summary>
    public static bool ResetPeak()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Read(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            var kb = line[key.Length..].Trim().Split(' ')[0];
            return long.Parse(kb) * 1024;
        }
        return -1;
    }
}
