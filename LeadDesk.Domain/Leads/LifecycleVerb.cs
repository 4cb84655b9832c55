namespace LeadDesk.Domain.Leads;

/// <summary>The business moves that change a lead's stage. Each recorded move is a <see cref="Decision"/>.</summary>
public enum LifecycleVerb
{
    Promote = 0,
    HandOff = 1,
    Accept = 2,
    Reject = 3,
    Qualify = 4,
    Recycle = 5,
    Disqualify = 6,
    ConvertToOpportunity = 7,
    CloseWon = 8,
    CloseLost = 9,
    /// <summary>A manager gives a pending handoff to another rep; the lead stays MQL.</summary>
    Reassign = 10,
    /// <summary>A lead that already exists arrived again (capture API, import): new details filled gaps. Not a move.</summary>
    Merge = 11,
    /// <summary>A lead arrived by import in the stage the other system had it in. Recorded once, at creation.</summary>
    Import = 12,
}
