namespace LeadDesk.Domain.Leads;

/// <summary>Who did something: an Identity user id and the display name at that moment.</summary>
public sealed record Actor(string UserId, string Name)
{
    /// <summary>LeadDesk itself, for moves made by rules (a score crossing the MQL definition).</summary>
    public static readonly Actor System = new("system", "LeadDesk");
}
