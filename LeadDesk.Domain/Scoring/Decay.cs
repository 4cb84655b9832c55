namespace LeadDesk.Domain.Scoring;

/// <summary>Exponential fading of engagement: an event counts half after each half-life.</summary>
public static class Decay
{
    public static double Factor(DateTime occurredAt, DateTime now, double? halfLifeDays)
    {
        if (halfLifeDays is null or <= 0) return 1.0;
        var ageDays = Math.Max(0, (now - occurredAt).TotalDays);
        return Math.Pow(0.5, ageDays / halfLifeDays.Value);
    }
}
