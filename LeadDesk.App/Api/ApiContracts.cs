using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using LeadDesk.Domain.Intake;
using LeadDesk.Domain.Leads;

namespace LeadDesk.App.Api;

// The shapes the HTTP API documents in its OpenAPI description. Requests are read field by field by LeadRequestReader
// and EventRequestReader (so that every bad field can be named, never a 500); ApiContractTests checks that these
// records and the readers name the same fields. JSON names are snake_case (ApiSetup's JSON options).

[Description("A lead as a web form or another tool sends it. Only email is required; an empty string counts as absent.")]
public sealed record LeadCaptureRequest
{
    [Required, MaxLength(254), Description("The person's email: the key that recognises them when they come back.")]
    public string Email { get; init; } = "";
    [MaxLength(100)] public string? FirstName { get; init; }
    [MaxLength(100)] public string? LastName { get; init; }
    [MaxLength(200)] public string? Phone { get; init; }
    [MaxLength(200)] public string? JobTitle { get; init; }
    [Description("How senior the person is.")] public Seniority? Seniority { get; init; }
    [MaxLength(200)] public string? Department { get; init; }
    [MaxLength(200)] public string? Company { get; init; }
    [Range(0, int.MaxValue), Description("Number of employees.")] public int? CompanySize { get; init; }
    [MaxLength(200)] public string? Industry { get; init; }
    [Description("ISO 3166-1 alpha-2 code, such as US or BR.")] public string? Country { get; init; }
    [Range(0, long.MaxValue), Description("Whole currency units per year.")] public long? AnnualRevenue { get; init; }
    [MaxLength(200), Description("The channel the lead came from. When absent, the API key's channel is used.")] public string? Source { get; init; }
    [MaxLength(200)] public string? UtmSource { get; init; }
    [MaxLength(200)] public string? UtmMedium { get; init; }
    [MaxLength(200)] public string? UtmCampaign { get; init; }
}

[Description("A new lead was created.")]
public sealed record LeadCreatedResponse([property: Description("The lead's id; its page is /leads/{id}.")] int Id);

[Description("The email belonged to a lead already: the arriving fields filled its gaps and nothing was overwritten.")]
public sealed record LeadMergedResponse(
    int Id,
    [property: Description("Always true.")] bool Merged,
    [property: Description("The fields that were empty and are now filled.")] IReadOnlyList<string> Filled,
    [property: Description("The fields that kept their value although another was sent; the lead's timeline shows both.")] IReadOnlyList<string> Conflicts,
    [property: Description("The lead had been disqualified; it is now flagged as returned on the inbox and its page.")] bool ReturnedAfterDisqualification);

[Description("Something a lead did. Name the lead by lead_id or by email.")]
public sealed record EventRequest
{
    [Description("The lead's email (used when lead_id is absent).")] public string? Email { get; init; }
    [Description("The lead's id; wins over email.")] public int? LeadId { get; init; }
    [Required, Description("What happened.")] public EngagementEventType Type { get; init; }
    [Description("When it happened (ISO 8601; without an offset it is taken as UTC). Default: now.")] public DateTimeOffset? OccurredAt { get; init; }
    [MaxLength(500), Description("The URL, campaign or asset the event concerns.")] public string? Detail { get; init; }
}

[Description("One answer per event, in the order sent, and how many of each.")]
public sealed record EventBatchResponse(int Recorded, int UnknownLead, int Invalid, IReadOnlyList<EventItemResponse> Results);

public sealed record EventItemResponse(
    int Index,
    [property: Description("recorded, unknown_lead (nothing recorded for it) or invalid (the item is wrong).")] EventItemStatus Status,
    int? LeadId,
    [property: Description("What is wrong, for unknown_lead and invalid.")] string? Problem);
