namespace LeadDesk.Domain.Leads;

public enum EngagementEventType
{
    PageVisit = 0,
    PricingPageVisit = 1,
    DemoPageVisit = 2,
    FormSubmission = 3,
    DemoRequest = 4,
    EmailOpen = 5,
    EmailClick = 6,
    WebinarAttended = 7,
    ContentDownload = 8,
    Unsubscribe = 9,
    CareersPageVisit = 10,
    /// <summary>
    /// One minute of active time on the website: trackers report time on site as a heartbeat per engaged minute, and an
    /// import turns a "time on site" column into that many of these.
    /// </summary>
    MinuteOnSite = 11,
    /// <summary>The lead started a conversation in the website's chat.</summary>
    ChatConversation = 12,
}

/// <summary>Something a lead did: the input to engagement scoring.</summary>
public sealed class EngagementEvent
{
    private EngagementEvent() { }

    internal EngagementEvent(Lead lead, EngagementEventType type, DateTime occurredAt, string? detail)
    {
        Lead = lead;
        Type = type;
        OccurredAt = occurredAt;
        Detail = detail;
    }

    public long Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public EngagementEventType Type { get; private set; }
    /// <summary>UTC.</summary>
    public DateTime OccurredAt { get; private set; }
    /// <summary>The URL, campaign or asset the event concerns.</summary>
    public string? Detail { get; private set; }

    public const int DetailMaxLength = 500;
}
