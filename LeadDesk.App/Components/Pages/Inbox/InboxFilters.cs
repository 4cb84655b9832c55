using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Leads;

namespace LeadDesk.App.Components.Pages.Inbox;

/// <summary>What the filter bar holds; turned into an <see cref="InboxQuery"/> for each page the grid asks for.</summary>
public sealed class InboxFilters
{
    public IReadOnlyCollection<LifecycleStage> Stages { get; set; } = [];
    public IReadOnlyCollection<LeadStatus> Statuses { get; set; } = [];
    public string? OwnerId { get; set; }
    public string? Source { get; set; }
    public int? MinScore { get; set; }
    public int? MaxScore { get; set; }
    public string? Search { get; set; }

    public bool IsActive => Stages.Count > 0 || Statuses.Count > 0 || OwnerId is not null || Source is not null
                            || MinScore is not null || MaxScore is not null || !string.IsNullOrWhiteSpace(Search);

    public void Clear()
    {
        Stages = [];
        Statuses = [];
        OwnerId = Source = Search = null;
        MinScore = MaxScore = null;
    }

    public InboxQuery ToQuery(int page, int pageSize, InboxSort sortBy, bool descending) => new()
    {
        Stages = [.. Stages],
        Statuses = [.. Statuses],
        OwnerId = OwnerId,
        Source = Source,
        MinScore = MinScore,
        MaxScore = MaxScore,
        Search = Search,
        SortBy = sortBy,
        Descending = descending,
        Page = page,
        PageSize = pageSize,
    };
}
