using System.Linq.Expressions;
using System.Reflection;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Inbox;

/// <summary>
/// The lead inbox: filtered, sorted, paged in the database; per request one count (from the tallies when it can; a
/// search alone as four disjoint index ranges), on SQLite at most a few sums of tallies that pick the plan, and one page
/// query (on PostgreSQL, by last activity, two when the page reaches the leads without activity).
/// </summary>
public sealed class LeadInbox(IDbContextFactory<LeadDeskDbContext> contexts)
{
    public async Task<InboxPage> GetPageAsync(InboxQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, InboxQuery.MaxPageSize);
        var page = Math.Max(0, query.Page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One connection for the two or three queries below, rather than one taken from the pool for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var sqlite = db.Database.IsSqlite();
        // Counting a broad filter at a million leads walks most of an index; filters on stage, status, owner and source
        // alone are counted exactly from the trigger-maintained tallies instead (a few dozen rows).
        var total = CountsFromTallies(query)
            ? await CountFromTalliesAsync(db, query, sqlite, cancellationToken)
            : TermsOf(query) == InboxTerms.Search
                ? await CountSearchAsync(db.Leads.AsNoTracking(), query.Search!.Trim().ToLowerInvariant(), cancellationToken)
                : await Filter(db.Leads.AsNoTracking(), query).CountAsync(cancellationToken);

        var plan = sqlite ? await PlanForSqliteAsync(db, query, total, page * pageSize + pageSize, cancellationToken) : SqlitePlan.AsWritten;
        var filtered = Filter(db.Leads.AsNoTracking(), query, plan.Likely, plan.OffIndex);
        // A range that holds every lead: SQLite then gathers through the stage × creation index, which carries status
        // and source, rather than another stage index that would have it read each lead's row to check them.
        if (plan.GatherThroughStageIndex) filtered = filtered.Where(l => l.CreatedAt >= DateTime.MinValue);
        var skip = page * pageSize;
        var rows = sqlite ? await Rows(plan.GatherBeforeScoreSort
                ? SortByScoreOffIndex(filtered, query.Descending).Skip(skip).Take(pageSize)
                : Sort(filtered, query.SortBy, query.Descending).Skip(skip).Take(pageSize)).ToListAsync(cancellationToken)
            : query.SortBy == InboxSort.LastActivity ? await PageByLastActivityAsync(filtered, query.Descending, skip, pageSize, cancellationToken)
            : skip > 0 ? await DeepPageAsync(db.Leads.AsNoTracking(), filtered, query, skip, pageSize, cancellationToken)
            : await Rows(Sort(filtered, query.SortBy, query.Descending).Take(pageSize)).ToListAsync(cancellationToken);
        return new InboxPage(rows, total, page, pageSize);
    }

    private static IQueryable<InboxRow> Rows(IQueryable<Lead> leads) =>
        leads.Select(l => new InboxRow(l.Id, l.FirstName, l.LastName, l.Email, l.Company, l.JobTitle, l.Stage, l.Status,
            l.OwnerName, l.Source, l.FitScore, l.EngagementScore, l.TotalScore, l.ScoreModelVersion, l.CreatedAt, l.LastActivityAt, l.ReturnedAfterDisqualificationAt));

    /// <summary>
    /// Exactly how many leads the stage, status, owner and source filters match, from the tallies. On PostgreSQL the
    /// changes the triggers recorded since the last fold are added in the same statement (one snapshot), so a fold
    /// running meanwhile cannot make a change count twice or not at all.
    /// </summary>
    private static async Task<int> CountFromTalliesAsync(LeadDeskDbContext db, InboxQuery query, bool sqlite, CancellationToken cancellationToken) =>
        sqlite
            ? await FilterTallies(db.LeadTallies.AsNoTracking(), query).SumAsync(t => t.Count, cancellationToken)
            : await FilterTallies(db.LeadTallies.AsNoTracking(), query).Select(t => t.Count)
                .Concat(FilterTallies(db.LeadTallyChanges.AsNoTracking(), query).Select(c => c.Delta))
                .SumAsync(cancellationToken);

    /// <summary>
    /// PostgreSQL, a page after the first: the page's ids first, then its rows. PostgreSQL reads every row it skips
    /// (page 200 by score: 5,000 rows, 10–20 ms); the ids alone come from the sort index without touching the table
    /// (the sort indexes carry Id there, see <see cref="LeadDeskDbContext"/>), and only the page's 25 rows are read.
    /// </summary>
    private static Task<List<InboxRow>> DeepPageAsync(IQueryable<Lead> leads, IQueryable<Lead> filtered, InboxQuery query, int skip, int take,
        CancellationToken cancellationToken)
    {
        var ids = Sort(filtered, query.SortBy, query.Descending).Skip(skip).Take(take).Select(l => l.Id);
        return Rows(Sort(leads.Where(l => ids.Contains(l.Id)), query.SortBy, query.Descending)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// PostgreSQL, sorted by last activity: the inbox puts leads without activity last when descending and first when
    /// ascending (SQLite's order, which <see cref="Sort"/> spells out for PostgreSQL as "has activity" first). No index
    /// can serve that spelled-out order, so PostgreSQL would read and sort every matching lead for each page (0.1–0.7 s
    /// at a million leads). Read as two parts instead — leads with activity by (last activity, id), those without by id —
    /// each comes in index order and the page stops early; the second part is read only when the page reaches it.
    /// </summary>
    private static async Task<List<InboxRow>> PageByLastActivityAsync(IQueryable<Lead> leads, bool descending, int skip, int take,
        CancellationToken cancellationToken)
    {
        var active = leads.Where(l => l.LastActivityAt != null);
        var inactive = leads.Where(l => l.LastActivityAt == null);
        var (first, second) = descending
            ? (active.OrderByDescending(l => l.LastActivityAt).ThenByDescending(l => l.Id), inactive.OrderByDescending(l => l.Id))
            : (inactive.OrderBy(l => l.Id), active.OrderBy(l => l.LastActivityAt).ThenBy(l => l.Id));
        var rows = await Rows(first.Skip(skip).Take(take)).ToListAsync(cancellationToken);
        if (rows.Count == take) return rows;
        // The first part ends before this page does: on it (then it holds skip + rows.Count leads) or before it.
        var inFirst = rows.Count > 0 || skip == 0 ? skip + rows.Count : await first.CountAsync(cancellationToken);
        rows.AddRange(await Rows(second.Skip(Math.Max(0, skip - inFirst)).Take(take - rows.Count)).ToListAsync(cancellationToken));
        return rows;
    }

    /// <summary>
    /// Every lead the query matches (its filters and sort; paging ignored), streamed row by row from one query so an
    /// export of a million leads never holds them in memory.
    /// </summary>
    public async IAsyncEnumerable<InboxExportRow> StreamAsync(InboxQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = Sort(Filter(db.Leads.AsNoTracking(), query), query.SortBy, query.Descending, orderNulls: !db.Database.IsSqlite())
            .Select(l => new InboxExportRow(l.Id, l.FirstName, l.LastName, l.Email, l.Phone, l.JobTitle, l.Seniority, l.Department,
                l.Company, l.CompanySize, l.Industry, l.Country, l.AnnualRevenue, l.Source, l.UtmSource, l.UtmMedium, l.UtmCampaign,
                l.Stage, l.Status, l.OwnerName, l.FitScore, l.EngagementScore, l.TotalScore, l.ScoreModelVersion, l.CreatedAt,
                l.LastActivityAt, l.IntakeSource, l.ReturnedAfterDisqualificationAt))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
            yield return row;
    }

    /// <summary>
    /// How many leads a search alone matches, as |A ∪ B ∪ C ∪ D| = |A| + |B − A| + |C − A − B| + |D − A − B − C| over
    /// last name, first name, company and email prefixes. Each part is one range of one index that also holds the
    /// columns its NOT tests read, so no table row is read and nothing needs de-duplicating; the equivalent
    /// <c>COUNT(*) … WHERE a OR b OR c OR d</c> does both, about three times slower for a broad prefix.
    /// </summary>
    private static async Task<int> CountSearchAsync(IQueryable<Lead> leads, string search, CancellationToken cancellationToken)
    {
        var upper = search + '\uffff';
        var lastName = await leads.CountAsync(l =>
            string.Compare(l.SearchLastName, search) >= 0 && string.Compare(l.SearchLastName, upper) < 0, cancellationToken);
        var firstName = await leads.CountAsync(l =>
            string.Compare(l.SearchFirstName, search) >= 0 && string.Compare(l.SearchFirstName, upper) < 0 &&
            !(string.Compare(l.SearchLastName, search) >= 0 && string.Compare(l.SearchLastName, upper) < 0), cancellationToken);
        var company = await leads.CountAsync(l =>
            string.Compare(l.SearchCompany, search) >= 0 && string.Compare(l.SearchCompany, upper) < 0 &&
            !(string.Compare(l.SearchLastName, search) >= 0 && string.Compare(l.SearchLastName, upper) < 0) &&
            !(string.Compare(l.SearchFirstName, search) >= 0 && string.Compare(l.SearchFirstName, upper) < 0), cancellationToken);
        var email = await leads.CountAsync(l =>
            string.Compare(l.EmailNormalized, search) >= 0 && string.Compare(l.EmailNormalized, upper) < 0 &&
            !(string.Compare(l.SearchLastName, search) >= 0 && string.Compare(l.SearchLastName, upper) < 0) &&
            !(string.Compare(l.SearchFirstName, search) >= 0 && string.Compare(l.SearchFirstName, upper) < 0) &&
            !(string.Compare(l.SearchCompany, search) >= 0 && string.Compare(l.SearchCompany, upper) < 0), cancellationToken);
        return lastName + firstName + company + email;
    }

    /// <summary>
    /// How SQLite is to find a page, given the real counts. Its planner, without STAT4 histograms, believes every stage,
    /// status, owner or source matches an equal share of the leads, so the inbox steers it:
    /// <list type="bullet">
    /// <item>When walking the sort index is cheaper (<see cref="PreferSortOrderScan"/>, for the score sort
    /// <see cref="PreferScoreWalk"/>), SQLite walks it and stops after the page: every condition is marked <c>likely()</c>,
    /// and for the score sort the filters are also kept off their own indexes (<see cref="SqlitePlan.OffIndex"/>). The
    /// one score index carries the filters, so they are checked while it is walked.</item>
    /// <item>Otherwise all conditions but the narrowest are marked, so SQLite starts from the narrowest filter's index.
    /// For the score sort it then gathers the matches and sorts them, with the score index kept out of it: on SQLite no
    /// index has both a filter and the score (LeadConfiguration.SqliteScoreIndexes).</item>
    /// </list>
    /// </summary>
    private static async Task<SqlitePlan> PlanForSqliteAsync(LeadDeskDbContext db, InboxQuery query, int matching, int skipPlusTake,
        CancellationToken cancellationToken)
    {
        var terms = TermsOf(query);
        if (terms == InboxTerms.None) return SqlitePlan.AsWritten;
        var byScore = query.SortBy == InboxSort.Score;
        var all = 0L;
        if (byScore || matching > skipPlusTake) all = await db.LeadTallies.AsNoTracking().SumAsync(t => t.Count, cancellationToken);
        if (!byScore && matching > skipPlusTake && PreferSortOrderScan(matching, all, skipPlusTake))
            return new SqlitePlan(terms, InboxTerms.None, GatherBeforeScoreSort: false);

        // Score sort: gathering reads at least the matches, each at least one step and a row. If walking costs less
        // even so, the narrowest filter's count (a tally query per filter) cannot change the plan.
        if (byScore && PreferScoreWalk(matching, all, skipPlusTake, fewest: matching, checkedInIndex: true))
            return new SqlitePlan(terms, terms & TalliedTermsMask, GatherBeforeScoreSort: false);
        var tallied = TalliedTerms.Where(t => terms.HasFlag(t)).ToList();
        if (!byScore && tallied.Count < 2) return SqlitePlan.AsWritten;
        var (narrowest, fewest) = (InboxTerms.None, (long)matching);
        foreach (var term in tallied)
        {
            var count = await FilterTallies(db.LeadTallies.AsNoTracking(), Only(query, term)).SumAsync(t => t.Count, cancellationToken);
            if (narrowest == InboxTerms.None || count < fewest) (narrowest, fewest) = (term, count);
        }
        // Gathering through an owner's index, or a stage's (stage × creation: GatherThroughStageIndex), checks the other
        // tallied filters in the index; through a source's, SQLite reads every lead's row to check them.
        var checkedInIndex = !terms.HasFlag(InboxTerms.Search) &&
                             (narrowest == InboxTerms.Owner || narrowest == InboxTerms.Stage && !terms.HasFlag(InboxTerms.Owner));
        if (byScore && PreferScoreWalk(matching, all, skipPlusTake, fewest, checkedInIndex))
            return new SqlitePlan(terms, terms & TalliedTermsMask, GatherBeforeScoreSort: false);
        var likely = tallied.Count < 2 ? InboxTerms.None : tallied.Aggregate(InboxTerms.None, (all, term) => term == narrowest ? all : all | term);
        return new SqlitePlan(likely, InboxTerms.None, GatherBeforeScoreSort: byScore,
            GatherThroughStageIndex: byScore && checkedInIndex && narrowest == InboxTerms.Stage);
    }

    /// <summary>
    /// How the page query is written for SQLite: which conditions are marked <c>likely()</c>, which are kept off their
    /// indexes, whether a score sort is done after gathering the matches rather than by walking the score index, and
    /// whether that gathering is steered to the stage × creation index.
    /// </summary>
    internal sealed record SqlitePlan(InboxTerms Likely, InboxTerms OffIndex, bool GatherBeforeScoreSort, bool GatherThroughStageIndex = false)
    {
        public static readonly SqlitePlan AsWritten = new(InboxTerms.None, InboxTerms.None, false);
    }

    /// <summary>
    /// SQLite, score sort: walk the score index (checking the filters in it) or gather the matches through the narrowest
    /// filter's index and sort them. Counted in steps of the walk (about 45 ns at a million leads): the walk takes
    /// <c>skipPlusTake × all / matching</c> of them, the whole index at most; gathering reads each match's row for its
    /// score, about <see cref="RowReadCost"/> steps, after going through the <paramref name="fewest"/> leads of the
    /// narrowest filter: one step each when its index holds the other filters (<paramref name="checkedInIndex"/>), a
    /// row read each when SQLite must read the row to check them.
    /// </summary>
    internal static bool PreferScoreWalk(long matching, long all, long skipPlusTake, long fewest, bool checkedInIndex)
    {
        var walk = matching == 0 ? all : Math.Min(all, skipPlusTake * all / matching);
        var gather = fewest * (checkedInIndex ? 1 : RowReadCost) + matching * RowReadCost;
        return walk <= gather;
    }

    /// <summary>
    /// Reading a lead's row at a scattered place costs about this many steps of walking an index: 1.7 µs against 45 ns,
    /// measured with SQLite's shell on the million-lead benchmark file (docs/performance.md).
    /// </summary>
    internal const long RowReadCost = 40;

    /// <summary>
    /// Walking the sort index reads about <c>skipPlusTake × all / matching</c> entries; gathering the matches and sorting
    /// reads <c>matching</c>. The walk wins when matching² &gt; skipPlusTake × all: at a million leads, for the first page,
    /// as soon as more than about 5,000 leads match. (The date sorts' composite indexes carry the other filters, so
    /// gathering reads no rows it then drops; for the score sort see <see cref="PreferScoreWalk"/>.)
    /// </summary>
    internal static bool PreferSortOrderScan(long matching, long all, long skipPlusTake) => matching * matching > skipPlusTake * all;

    /// <summary>The score order with the score index barred from serving it (<c>+ 0</c>), so SQLite gathers through a filter's index.</summary>
    internal static IQueryable<Lead> SortByScoreOffIndex(IQueryable<Lead> leads, bool descending) => descending
        ? leads.OrderByDescending(l => l.TotalScore + 0).ThenByDescending(l => l.Id)
        : leads.OrderBy(l => l.TotalScore + 0).ThenBy(l => l.Id);

    internal static readonly InboxTerms[] TalliedTerms = [InboxTerms.Stage, InboxTerms.Status, InboxTerms.Owner, InboxTerms.Source];

    private const InboxTerms TalliedTermsMask = InboxTerms.Stage | InboxTerms.Status | InboxTerms.Owner | InboxTerms.Source;

    internal static InboxTerms TermsOf(InboxQuery query) =>
        (query.Stages.Count > 0 ? InboxTerms.Stage : 0) | (query.Statuses.Count > 0 ? InboxTerms.Status : 0) |
        (!string.IsNullOrEmpty(query.OwnerId) ? InboxTerms.Owner : 0) | (!string.IsNullOrWhiteSpace(query.Source) ? InboxTerms.Source : 0) |
        (query.MinScore is not null || query.MaxScore is not null ? InboxTerms.Score : 0) |
        (!string.IsNullOrWhiteSpace(query.Search) ? InboxTerms.Search : 0);

    /// <summary>The query with only one of its stage, status, owner or source filters.</summary>
    internal static InboxQuery Only(InboxQuery query, InboxTerms term) => new()
    {
        Stages = term == InboxTerms.Stage ? query.Stages : [],
        Statuses = term == InboxTerms.Status ? query.Statuses : [],
        OwnerId = term == InboxTerms.Owner ? query.OwnerId : null,
        Source = term == InboxTerms.Source ? query.Source : null,
    };

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

    /// <param name="likely">
    /// The conditions to wrap in SQLite's <c>likely()</c> (see <see cref="SqliteHints"/>); a likely search is also kept
    /// off its indexes. The same rows either way; only the plan differs.
    /// </param>
    /// <param name="offIndex">
    /// The stage, status, owner and source conditions to keep off their indexes: written on an expression of the column
    /// (<c>+ 0</c>, <c>coalesce</c>) that SQLite cannot look up in an index. The same rows either way. SQLite's plans
    /// only: Npgsql cannot translate a list of stages or statuses compared with such an expression.
    /// </param>
    internal static IQueryable<Lead> Filter(IQueryable<Lead> leads, InboxQuery query, InboxTerms likely = InboxTerms.None,
        InboxTerms offIndex = InboxTerms.None)
    {
        IQueryable<Lead> Where(InboxTerms term, Expression<Func<Lead, bool>> condition) => leads.Where(likely.HasFlag(term)
            ? Expression.Lambda<Func<Lead, bool>>(Expression.Call(LikelyMethod, condition.Body), condition.Parameters)
            : condition);

        if (query.Stages.Count > 0)
        {
            var stages = query.Stages.Distinct().ToList();
            var numbers = stages.Select(s => (int)s).ToList();
            leads = offIndex.HasFlag(InboxTerms.Stage)
                ? stages.Count == 1 ? Where(InboxTerms.Stage, l => (int)l.Stage + 0 == numbers[0]) : Where(InboxTerms.Stage, l => numbers.Contains((int)l.Stage + 0))
                : stages.Count == 1 ? Where(InboxTerms.Stage, l => l.Stage == stages[0]) : Where(InboxTerms.Stage, l => stages.Contains(l.Stage));
        }
        if (query.Statuses.Count > 0)
        {
            var statuses = query.Statuses.Distinct().ToList();
            var numbers = statuses.Select(s => (int)s).ToList();
            leads = offIndex.HasFlag(InboxTerms.Status)
                ? statuses.Count == 1 ? Where(InboxTerms.Status, l => (int)l.Status + 0 == numbers[0]) : Where(InboxTerms.Status, l => numbers.Contains((int)l.Status + 0))
                : statuses.Count == 1 ? Where(InboxTerms.Status, l => l.Status == statuses[0]) : Where(InboxTerms.Status, l => statuses.Contains(l.Status));
        }
        // Owner ids and sources are never empty strings, so coalesce(column, '') matches exactly what the column does.
        var ownerOff = offIndex.HasFlag(InboxTerms.Owner);
        if (query.OwnerId == InboxQuery.Unowned)
            leads = ownerOff ? Where(InboxTerms.Owner, l => (l.OwnerId ?? "") == "") : Where(InboxTerms.Owner, l => l.OwnerId == null);
        else if (!string.IsNullOrEmpty(query.OwnerId))
            leads = ownerOff ? Where(InboxTerms.Owner, l => (l.OwnerId ?? "") == query.OwnerId) : Where(InboxTerms.Owner, l => l.OwnerId == query.OwnerId);
        if (!string.IsNullOrWhiteSpace(query.Source))
        {
            var source = query.Source.Trim();
            leads = offIndex.HasFlag(InboxTerms.Source)
                ? Where(InboxTerms.Source, l => (l.Source ?? "") == source)
                : Where(InboxTerms.Source, l => l.Source == source);
        }
        if (query.MinScore is { } min) leads = Where(InboxTerms.Score, l => l.TotalScore >= min);
        if (query.MaxScore is { } max) leads = Where(InboxTerms.Score, l => l.TotalScore <= max);

        var search = query.Search?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(search))
        {
            // Prefix ranges rather than LIKE '%x%': each side can use its index, so search stays fast at a million leads.
            var upper = search + '\uffff';
            leads = likely.HasFlag(InboxTerms.Search)
                // When many leads match, SQLite would still gather them all through the four indexes and sort; `|| ''`
                // (the same text) keeps it from using those indexes, so it walks the sort index and stops after a page.
                ? Where(InboxTerms.Search, l =>
                    (string.Compare(l.SearchLastName + "", search) >= 0 && string.Compare(l.SearchLastName + "", upper) < 0) ||
                    (string.Compare(l.SearchFirstName + "", search) >= 0 && string.Compare(l.SearchFirstName + "", upper) < 0) ||
                    (string.Compare(l.SearchCompany + "", search) >= 0 && string.Compare(l.SearchCompany + "", upper) < 0) ||
                    (string.Compare(l.EmailNormalized + "", search) >= 0 && string.Compare(l.EmailNormalized + "", upper) < 0))
                : Where(InboxTerms.Search, l =>
                    (string.Compare(l.SearchLastName, search) >= 0 && string.Compare(l.SearchLastName, upper) < 0) ||
                    (string.Compare(l.SearchFirstName, search) >= 0 && string.Compare(l.SearchFirstName, upper) < 0) ||
                    (string.Compare(l.SearchCompany, search) >= 0 && string.Compare(l.SearchCompany, upper) < 0) ||
                    (string.Compare(l.EmailNormalized, search) >= 0 && string.Compare(l.EmailNormalized, upper) < 0));
        }
        return leads;
    }

    private static readonly MethodInfo LikelyMethod = typeof(SqliteHints).GetMethod(nameof(SqliteHints.Likely))!;

    /// <summary>True when every filter in the query is one that <see cref="LeadTally"/> rows carry.</summary>
    internal static bool CountsFromTallies(InboxQuery query) =>
        query.MinScore is null && query.MaxScore is null && string.IsNullOrWhiteSpace(query.Search);

    /// <summary>The stage, status, owner and source filters of <see cref="Filter"/>, applied to the tallies. Keep the two in step.</summary>
    internal static IQueryable<T> FilterTallies<T>(IQueryable<T> tallies, InboxQuery query) where T : ITallyKey
    {
        if (query.Stages.Count > 0)
        {
            var stages = query.Stages.Distinct().ToList();
            tallies = stages.Count == 1 ? tallies.Where(t => t.Stage == stages[0]) : tallies.Where(t => stages.Contains(t.Stage));
        }
        if (query.Statuses.Count > 0)
        {
            var statuses = query.Statuses.Distinct().ToList();
            tallies = statuses.Count == 1 ? tallies.Where(t => t.Status == statuses[0]) : tallies.Where(t => statuses.Contains(t.Status));
        }
        // The tallies keep "no owner" and "no source" as '' (owner ids and sources are never empty strings).
        if (query.OwnerId == InboxQuery.Unowned) tallies = tallies.Where(t => t.OwnerId == "");
        else if (!string.IsNullOrEmpty(query.OwnerId)) tallies = tallies.Where(t => t.OwnerId == query.OwnerId);
        if (!string.IsNullOrWhiteSpace(query.Source)) tallies = tallies.Where(t => t.Source == query.Source.Trim());
        return tallies;
    }

    /// <summary>
    /// The inbox order, ties broken by id. Leads without activity come first ascending and last descending: SQLite's
    /// NULL order, which PostgreSQL (NULLs last ascending) is given explicitly when <paramref name="orderNulls"/> is set.
    /// </summary>
    internal static IQueryable<Lead> Sort(IQueryable<Lead> leads, InboxSort sort, bool descending, bool orderNulls = false) => (sort, descending) switch
    {
        (InboxSort.LastActivity, true) when orderNulls =>
            leads.OrderByDescending(l => l.LastActivityAt != null).ThenByDescending(l => l.LastActivityAt).ThenByDescending(l => l.Id),
        (InboxSort.LastActivity, false) when orderNulls =>
            leads.OrderBy(l => l.LastActivityAt != null).ThenBy(l => l.LastActivityAt).ThenBy(l => l.Id),
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

/// <summary>The kinds of condition an inbox query can carry.</summary>
[Flags]
internal enum InboxTerms
{
    None = 0,
    Stage = 1,
    Status = 2,
    Owner = 4,
    Source = 8,
    Score = 16,
    Search = 32,
}
