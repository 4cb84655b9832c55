using LeadDesk.Domain.Identity;

namespace LeadDesk.Domain.Handoff;

public enum LeadAction
{
    PromoteToMql,
    HandOffToSales,
    ReturnToNurture,
    Disqualify,
    Accept,
    Reject,
    Reassign,
    QualifyWithBant,
    ConvertToOpportunity,
    CloseWon,
    CloseLost,
    Recycle,
}

/// <summary>
/// Which actions a person may take on a lead in its current state. <see cref="HandoffService"/> enforces the same rules
/// on every call; screens ask here only to decide which buttons to show.
/// </summary>
public static class LeadActions
{
    public static IReadOnlySet<LeadAction> For(Caller caller, LeadState lead)
    {
        var actions = new HashSet<LeadAction>();
        var marketing = caller.IsIn(Roles.Marketing);
        var owner = caller.IsIn(Roles.Sales) && lead.OwnerId == caller.UserId;
        switch (lead.Stage)
        {
            case LifecycleStage.Lead or LifecycleStage.Nurture when marketing:
                actions.UnionWith([LeadAction.PromoteToMql, LeadAction.Disqualify]);
                if (lead.Stage == LifecycleStage.Lead) actions.Add(LeadAction.ReturnToNurture);
                break;
            case LifecycleStage.MQL when !lead.HasPendingHandoff && marketing:
                actions.UnionWith([LeadAction.HandOffToSales, LeadAction.ReturnToNurture, LeadAction.Disqualify]);
                break;
            case LifecycleStage.MQL when lead.HasPendingHandoff:
                if (caller.IsIn(Roles.Sales) && lead.HandoffRepId == caller.UserId) actions.UnionWith([LeadAction.Accept, LeadAction.Reject]);
                if (caller.IsIn(Roles.Manager)) actions.Add(LeadAction.Reassign);
                break;
            case LifecycleStage.SAL when owner:
                actions.UnionWith([LeadAction.QualifyWithBant, LeadAction.Recycle, LeadAction.Disqualify]);
                break;
            case LifecycleStage.SQL when owner:
                actions.UnionWith([LeadAction.ConvertToOpportunity, LeadAction.Recycle, LeadAction.Disqualify]);
                break;
            case LifecycleStage.Opportunity when owner:
                actions.UnionWith([LeadAction.CloseWon, LeadAction.CloseLost, LeadAction.Disqualify]);
                break;
            case LifecycleStage.Lost when owner || marketing:
                actions.Add(LeadAction.Recycle);
                break;
        }
        return actions;
    }
}

/// <summary>The few facts about a lead that decide who may act on it.</summary>
public sealed record LeadState(LifecycleStage Stage, string? OwnerId, string? HandoffRepId)
{
    public bool HasPendingHandoff => HandoffRepId is not null;

    public static LeadState Of(Lead lead) => new(lead.Stage, lead.OwnerId, lead.HandoffRepId);
}
