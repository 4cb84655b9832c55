namespace LeadDesk.Domain.Scoring;

/// <summary>The lead attributes a fit rule can look at.</summary>
public enum LeadAttribute
{
    JobTitle = 0,
    Seniority = 1,
    Department = 2,
    CompanySize = 3,
    Industry = 4,
    Country = 5,
    AnnualRevenue = 6,
    EmailDomain = 7,
    Source = 8,
}

public enum RuleOperator
{
    /// <summary>The attribute equals the first value (case-insensitive).</summary>
    Equals = 0,
    /// <summary>The attribute equals one of the values (case-insensitive).</summary>
    InList = 1,
    /// <summary>A numeric attribute lies in [Min, Max): bands written one after another never overlap.</summary>
    Range = 2,
    /// <summary>The attribute contains one of the values (case-insensitive).</summary>
    Contains = 3,
    /// <summary>The email's domain is one of the values, or a subdomain of one.</summary>
    EmailDomainIn = 4,
}

/// <summary>Points for who the lead is. Negative points are allowed (free-mail, competitors, students).</summary>
public sealed record FitRule
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public LeadAttribute Attribute { get; init; }
    public RuleOperator Operator { get; init; }
    public IReadOnlyList<string> Values { get; init; } = [];
    public double? Min { get; init; }
    public double? Max { get; init; }
    public int Points { get; init; }
}

/// <summary>Points for what the lead did: per event of a type, decaying with age, capped per rule.</summary>
public sealed record EngagementRule
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public EngagementEventType EventType { get; init; }
    public int Points { get; init; }
    /// <summary>Days after which an event counts half; null means the event never fades.</summary>
    public double? HalfLifeDays { get; init; }
    /// <summary>The most (in absolute value) this rule can add, however many events match; null for no cap.</summary>
    public int? Cap { get; init; }
}

/// <summary>When a lead is marketing qualified: enough in total, enough fit, and every required rule fired.</summary>
public sealed record MqlDefinition
{
    public int Threshold { get; init; }
    public int MinimumFit { get; init; }
    public IReadOnlyList<string> RequiredRuleIds { get; init; } = [];
}

/// <summary>A whole scoring model as data: what marketing edits and what each saved version keeps.</summary>
public sealed record ScoringModelDefinition
{
    public IReadOnlyList<FitRule> FitRules { get; init; } = [];
    public IReadOnlyList<EngagementRule> EngagementRules { get; init; } = [];
    public MqlDefinition Mql { get; init; } = new();
}
