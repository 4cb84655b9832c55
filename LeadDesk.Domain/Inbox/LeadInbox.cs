using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Inbox;

/// <summary>The lead inbox: filtered, sorted, paged in the database; one count and one page query per request.</summary>
public sealed class LeadInbox(IDbContextFactory<LeadDeskDbContext> contexts)
{
    public async Task<InboxPage> GetPageAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, InboxQuery.MaxPageSize);
        var page = Math.Max(0, query.Page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var leads = Filter(db.Leads.AsNoTracking(), query);
        var total = await leads.CountAsync(cancellationToken);
        var rows = await Sort(leads, query.SortBy, query.Descending)
            .Skip(page * pageSize)
            .Take(pageSize)
            .Select(l => new InboxRow(l.Id, l.FirstName, l.LastName, l.Email, l.Company, l.JobTitle, l.Stage, l.Status,
                l.OwnerName, l.Source, l.FitScore, l.EngagementScore, l.TotalScore, l.ScoreModelVersion, l.CreatedAt, l.LastActivityAt))
            .ToListAsync(cancellationToken);
        return new InboxPage(rows, total, page, pageSize);
    }

    public async Task<InboxFilterOptions> GetFilterOptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Owners come from the users who can own leads, not from a scan of the leads table.
        var owners = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Identity.Roles.Sales)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new OwnerOption(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
        var sources = await db.Leads.AsNoTracking().Where(l => l.Source != null).Select(l => l.Source!).Distinct()
            .OrderBy(s => s).Take(200).ToListAsync(cancellationToken);
        return new InboxFilterOptions(owners, sources);
    }

    internal static IQueryable<Lead> Filter(IQueryable<Lead> leads, InboxQuery query)
    {
        if (query.Stages.Count > 0)
        {
            var stages = query.Stages.Distinct().ToList();
            leads = stages.Count == 1 ? leads.Where(l => l.Stage == stages[0]) : leads.Where(l => stages.Contains(l.Stage));
        }
        if (query.Statuses.Count > 0)
        {
            var statuses = query.Statuses.Distinct().ToList();
            leads = statuses.Count == 1 ? leads.Where(l => l.Status == statuses[0]) : leads.Where(l => statuses.Contains(l.Status));
        }
        if (query.OwnerId == InboxQuery.Unowned) leads = leads.Where(l => l.OwnerId == null);
        else if (!string.IsNullOrEmpty(query.OwnerId)) leads = leads.Where(l => l.OwnerId == query.OwnerId);
        if (!string.IsNullOrWhiteSpace(query.Source)) leads = leads.Where(l => l.Source == query.Source.Trim());
        if (query.MinScore is { } min) leads = leads.Where(l => l.TotalScore >= min);
        if (query.MaxScore is { } max) leads = leads.Where(l => l.TotalScore <= max);

        var search = query.Search?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(search))
        {
            // Prefix ranges rather than LIKE '%x%': each side can use its index, so search stays fast at a million leads.
            var upper = search + '\uffff';
            leads = leads.Where(l =>
                (string.Compare(l.SearchLastName, search) >= 0 && string.Compare(l.SearchLastName, upper) < 0) ||
                (string.Compare(l.SearchFirstName, search) >= 0 && string.Compare(l.SearchFirstName, upper) < 0) ||
                (string.Compare(l.SearchCompany, search) >= 0 && string.Compare(l.SearchCompany, upper) < 0) ||
                (string.Compare(l.EmailNormalized, search) >= 0 && string.Compare(l.EmailNormalized, upper) < 0));
        }
        return leads;
    }

    internal static IQueryable<Lead> Sort(IQueryable<Lead> leads, InboxSort sort, bool descending) => (sort, descending) switch
    {
        (InboxSort.Score, true) => leads.OrderByDescending(l => l.TotalScore).ThenByDescending(l => l.Id),
        (InboxSort.Score, false) => leads.OrderBy(l => l.TotalScore).ThenBy(l => l.Id),
        (InboxSort.Created, true) => leads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id),
        (InboxSort.Created, false) => leads.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id),
        (InboxSort.LastActivity, true) => leads.OrderByDescending(l => l.LastActivityAt).ThenByDescending(l => l.Id),
        (InboxSort.LastActivity, false) => leads.OrderBy(l => l.LastActivityAt).ThenBy(l => l.Id),
        (InboxSort.Name, true) => leads.OrderByDescending(l => l.SearchLastName).ThenByDescending(l => l.SearchFirstName).ThenByDescending(l => l.Id),
        (InboxSort.Name, false) => leads.OrderBy(l => l.SearchLastName).ThenBy(l => l.SearchFirstName).ThenBy(l => l.Id),
        (InboxSort.Company, true) => leads.OrderByDescending(l => l.SearchCompany).ThenByDescending(l => l.Id),
        (InboxSort.Company, false) => leads.OrderBy(l => l.SearchCompany).ThenBy(l => l.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown inbox sort."),
    };
}
