namespace LeadDesk.Domain.Import;

/// <summary>
/// How the activity names of other systems read as LeadDesk engagement events. Names are compared by their letters
/// only, ignoring case. Only what the lead did counts: what sales did to the lead (a call, a text message, "unreachable")
/// and what the mail server did ("Email Bounced") are not engagement and read as no event.
/// </summary>
public static class ActivityValues
{
    private static readonly Dictionary<string, EngagementEventType> Events = new()
    {
        ["emailopened"] = EngagementEventType.EmailOpen,
        ["emailopen"] = EngagementEventType.EmailOpen,
        ["emaillinkclicked"] = EngagementEventType.EmailClick,
        ["emailclick"] = EngagementEventType.EmailClick,
        ["viewinbrowserlinkclicked"] = EngagementEventType.EmailClick,
        ["pagevisitedonwebsite"] = EngagementEventType.PageVisit,
        ["pagevisit"] = EngagementEventType.PageVisit,
        ["formsubmittedonwebsite"] = EngagementEventType.FormSubmission,
        ["formsubmission"] = EngagementEventType.FormSubmission,
        // X Education: the visitor filled the form that made them a lead.
        ["convertedtolead"] = EngagementEventType.FormSubmission,
        ["unsubscribed"] = EngagementEventType.Unsubscribe,
        ["unsubscribe"] = EngagementEventType.Unsubscribe,
        ["emailmarkedspam"] = EngagementEventType.Unsubscribe,
        ["webinarattended"] = EngagementEventType.WebinarAttended,
        ["contentdownload"] = EngagementEventType.ContentDownload,
        ["demorequest"] = EngagementEventType.DemoRequest,
        // X Education's website chat (Olark): the visitor started it.
        ["olarkchatconversation"] = EngagementEventType.ChatConversation,
        ["chatconversation"] = EngagementEventType.ChatConversation,
    };

    /// <summary>The event an activity name stands for; null for activities that are not the lead's engagement.</summary>
    public static EngagementEventType? EventOf(string value) =>
        Events.TryGetValue(string.Concat(value.Where(char.IsLetter)).ToLowerInvariant(), out var type) ? type : null;

    /// <summary>Yes or no as exports write it: yes, y, true, 1 / no, n, false, 0; null for anything else.</summary>
    public static bool? YesNo(string value) => value.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "1" or "1.0" => true,
        "no" or "n" or "false" or "0" or "0.0" => false,
        _ => null,
    };
}
