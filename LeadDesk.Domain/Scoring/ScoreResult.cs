namespace LeadDesk.Domain.Scoring;

public enum ScoreComponent
{
    Fit = 0,
    Engagement = 1,
}

/// <summary>One rule that fired and what it added. <see cref="Matches"/> counts events for engagement rules.</summary>
public sealed record ScoreLine(string RuleId, string Label, ScoreComponent Component, int Points, int Matches, bool Capped);

/// <summary>A rule that contributed to a score, named once however many lines it gave: what the dashboard counts leads by.</summary>
public sealed record ScoreRule(string RuleId, string Label)
{
    /// <summary>Each rule of <paramref name="lines"/> once, with the label of its first line, in the order they come.</summary>
    public static IReadOnlyList<ScoreRule> Of(IEnumerable<ScoreLine> lines) =>
        lines.DistinctBy(l => l.RuleId).Select(l => new ScoreRule(l.RuleId, l.Label)).ToList();

    /// <summary>
    /// A 63-bit key of the rules in <paramref name="lines"/> (<see cref="Of"/>), equal for equal rule sets, whatever their
    /// order: per rule, two 32-bit FNV-1a hashes (of "id␟label" and of "label␟id", by UTF-16 unit), each summed over the
    /// rules, the first sum's low 31 bits above the second's low 32. Two different sets share a key with a chance of
    /// about 2⁻⁶³. Plain integer arithmetic on purpose: the migration that introduced it computes the same in SQL
    /// (DashboardFactsSql), where a hash function is not available on every engine. Empty explanation: 0.
    /// </summary>
    public static long KeyOf(IEnumerable<ScoreLine> lines)
    {
        long first = 0, second = 0;
        var list = lines as IReadOnlyList<ScoreLine> ?? lines.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            // Each rule once, with its first line's label (as Of): a handful of lines, so looking back costs less than a set.
            var line = list[i];
            var repeated = false;
            for (var j = 0; j < i && !repeated; j++) repeated = list[j].RuleId == line.RuleId;
            if (repeated) continue;
            first += Fnv1a(line.RuleId, line.Label);
            second += Fnv1a(line.Label, line.RuleId);
        }
        return ((first & 0x7FFF_FFFF) << 32) | (second & 0xFFFF_FFFF);
    }

    private static uint Fnv1a(string a, string b)
    {
        var hash = 2166136261u;
        foreach (var c in a) hash = (hash ^ c) * 16777619u;
        hash = (hash ^ '\u001F') * 16777619u;
        foreach (var c in b) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}

/// <summary>A lead's score and the lines that explain it; the lines always add up to the score.</summary>
public sealed record ScoreResult(int Fit, int Engagement, IReadOnlyList<ScoreLine> Lines)
{
    public int Total => Fit + Engagement;
}

/// <summary>Whether a score meets the MQL definition and, if not, what is missing.</summary>
public sealed record MqlCheck(bool Meets, bool TotalMet, bool FitMet, IReadOnlyList<string> MissingRuleIds);

/// <summary>One engagement event as the scorer needs it.</summary>
public readonly record struct EventOccurrence(EngagementEventType Type, DateTime OccurredAt);
