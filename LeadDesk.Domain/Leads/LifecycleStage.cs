namespace LeadDesk.Domain.Leads;

/// <summary>Where a lead stands in the marketing → sales lifecycle; one stage at a time.</summary>
public enum LifecycleStage
{
    Lead = 0,
    MQL = 1,
    SAL = 2,
    SQL = 3,
    Opportunity = 4,
    Won = 5,
    Lost = 6,
    Nurture = 7,
    Disqualified = 8,
}
