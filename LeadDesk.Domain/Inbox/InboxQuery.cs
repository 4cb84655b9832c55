namespace LeadDesk.Domain.Inbox;

public enum InboxSort
{
    Score = 0,
    Created = 1,
    LastActivity = 2,
    Name = 3,
    Company = 4,
}

/// <summary>One page of the lead inbox as the user asked for it. Everything here is applied in the database.</summary>
public sealed record InboxQuery
{
    public const int MaxPageSize = 200;
    /// <summary>The owner filter value that means "nobody owns it yet".</summary>
    public const string Unowned = "-";

    public IReadOnlyList<LifecycleStage> Stages { get; init; } = [];
    public IReadOnlyList<LeadStatus> Statuses { get; init; } = [];
    /// <summary>A user id, <see cref="Unowned"/>, or null for anyone.</summary>
    public string? OwnerId { get; init; }
    public string? Source { get; init; }
    public int? MinScore { get; init; }
    public int? MaxScore { get; init; }
    /// <summary>Matches the start of first name, last name, company or email (case-insensitive).</summary>
    public string? Search { get; init; }
    public InboxSort SortBy { get; init; } = InboxSort.Score;
    public bool Descending { get; init; } = true;
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record InboxRow(
    int Id,
    string FirstName,
    string LastName,
    string Email,
    string? Company,
    string? JobTitle,
    LifecycleStage Stage,
    LeadStatus Status,
    string? OwnerName,
    string? Source,
    int FitScore,
    int EngagementScore,
    int TotalScore,
    int? ScoreModelVersion,
    DateTime CreatedAt,
    DateTime? LastActivityAt,
    DateTime? ReturnedAfterDisqualificationAt)
{
    public string Name => string.IsNullOrWhiteSpace($"{FirstName}{LastName}") ? Email : $"{FirstName} {LastName}".Trim();
}

public sealed record InboxPage(IReadOnlyList<InboxRow> Rows, int TotalCount, int Page, int PageSize);

/// <summary>A choice for the owner filter.</summary>
public sealed record OwnerOption(string Id, string Name);

public sealed record InboxFilterOptions(IReadOnlyList<OwnerOption> Owners, IReadOnlyList<string> Sources);

/// <summary>One lead as the inbox CSV export writes it: the whole profile, where it stands, and its score.</summary>
public sealed record InboxExportRow(
    int Id,
    string FirstName,
    string LastName,
    string Email,
    string? Phone,
    string? JobTitle,
    Seniority Seniority,
    string? Department,
    string? Company,
    int? CompanySize,
    string? Industry,
    string? Country,
    long? AnnualRevenue,
    string? Source,
    string? UtmSource,
    string? UtmMedium,
    string? UtmCampaign,
    LifecycleStage Stage,
    LeadStatus Status,
    string? OwnerName,
    int FitScore,
    int EngagementScore,
    int TotalScore,
    int? ScoreModelVersion,
    DateTime CreatedAt,
    DateTime? LastActivityAt,
    string? IntakeSource,
    DateTime? ReturnedAfterDisqualificationAt);
