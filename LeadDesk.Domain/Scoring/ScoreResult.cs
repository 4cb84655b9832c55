namespace LeadDesk.Domain.Scoring;

public enum ScoreComponent
{
    Fit = 0,
    Engagement = 1,
}

/// <summary>One rule that fired and what it added. <see cref="Matches"/> counts events for engagement rules.</summary>
public sealed record ScoreLine(string RuleId, string Label, ScoreComponent Component, int Points, int Matches, bool Capped);

/// <summary>A lead's score and the lines that explain it; the lines always add up to the score.</summary>
public sealed record ScoreResult(int Fit, int Engagement, IReadOnlyList<ScoreLine> Lines)
{
    public int Total => Fit + Engagement;
}

/// <summary>Whether a score meets the MQL definition and, if not, what is missing.</summary>
public sealed record MqlCheck(bool Meets, bool TotalMet, bool FitMet, IReadOnlyList<string> MissingRuleIds);

/// <summary>One engagement event as the scorer needs it.</summary>
public readonly record struct EventOccurrence(EngagementEventType Type, DateTime OccurredAt);
