namespace LeadDesk.Domain.Leads;

/// <summary>The working status a rep or marketer keeps, independent of the lifecycle stage.</summary>
public enum LeadStatus
{
    New = 0,
    AttemptingContact = 1,
    Connected = 2,
    InProgress = 3,
    BadTiming = 4,
    Unqualified = 5,
}
