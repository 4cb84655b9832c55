namespace LeadDesk.Domain.Leads;

/// <summary>Why a lead was rejected, recycled, disqualified or lost. Stored by name on the decision.</summary>
public enum ReasonCode
{
    NoBudget = 0,
    BadTiming = 1,
    WrongContact = 2,
    NotAFit = 3,
    Duplicate = 4,
    Unresponsive = 5,
    Other = 6,
    Student = 7,
    Competitor = 8,
    Spam = 9,
    BantNotMet = 10,
    LostToCompetitor = 11,
    Price = 12,
    NoDecision = 13,
}

public static class ReasonCodes
{
    /// <summary>The codes sales may give when rejecting a handoff (DOMAIN.md).</summary>
    public static readonly IReadOnlyList<ReasonCode> Rejection =
    [
        ReasonCode.NoBudget, ReasonCode.BadTiming, ReasonCode.WrongContact, ReasonCode.NotAFit,
        ReasonCode.Duplicate, ReasonCode.Unresponsive, ReasonCode.Other,
    ];

    public static readonly IReadOnlyList<ReasonCode> Disqualification =
    [
        ReasonCode.NotAFit, ReasonCode.Student, ReasonCode.Competitor, ReasonCode.Spam, ReasonCode.Duplicate,
        ReasonCode.WrongContact, ReasonCode.BantNotMet, ReasonCode.Other,
    ];

    public static readonly IReadOnlyList<ReasonCode> Recycling =
    [
        ReasonCode.BadTiming, ReasonCode.NoBudget, ReasonCode.Unresponsive, ReasonCode.BantNotMet,
        ReasonCode.NoDecision, ReasonCode.Other,
    ];

    public static readonly IReadOnlyList<ReasonCode> Loss =
    [
        ReasonCode.LostToCompetitor, ReasonCode.Price, ReasonCode.NoDecision, ReasonCode.NoBudget,
        ReasonCode.BadTiming, ReasonCode.Other,
    ];

    /// <summary>The reason codes a verb accepts; empty when the verb takes none.</summary>
    public static IReadOnlyList<ReasonCode> For(LifecycleVerb verb) => verb switch
    {
        LifecycleVerb.Reject => Rejection,
        LifecycleVerb.Disqualify => Disqualification,
        LifecycleVerb.Recycle => Recycling,
        LifecycleVerb.CloseLost => Loss,
        _ => [],
    };
}
