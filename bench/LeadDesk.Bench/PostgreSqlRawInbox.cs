using System.Data.Common;
using LeadDesk.Domain.Inbox;
using Npgsql;

namespace LeadDesk.Bench;

/// <summary>
/// The hand-written baseline on PostgreSQL, taking the steps <see cref="LeadInbox"/> takes there: the count (stage,
/// status, owner and source filters from the tallies plus the changes not yet folded, in one statement; a search alone
/// as the same four disjoint index ranges; anything else <c>COUNT(*)</c>), then the page with the same WHERE, ORDER BY,
/// LIMIT and OFFSET — by last activity in two parts, leads with activity first (descending) and those without only if
/// the page reaches them; after the first page, the page's ids first, then its rows. No likely() marks: PostgreSQL's planner keeps per-value statistics and chooses by itself.
/// Prepared Npgsql commands on one open connection, materialising the same <see cref="InboxRow"/>s.
/// </summary>
internal sealed class PostgreSqlRawInbox : IRawInbox
{
    private const string ByActivity = "\"LastActivityAt\" DESC, \"Id\" DESC";

    private readonly Scenario _scenario;
    private readonly DbCommand _count;
    private readonly DbCommand _page;
    private readonly NpgsqlConnection _connection;
    private readonly IReadOnlyList<(string, object)> _paging;
    private readonly int _pageSize;
    private readonly int _pageNumber;

    public PostgreSqlRawInbox(NpgsqlConnection connection, Scenario scenario)
    {
        _connection = connection;
        _scenario = scenario;
        _pageSize = scenario.Query.PageSize;
        _pageNumber = scenario.Query.Page;
        _paging = [.. scenario.Parameters, ("$take", _pageSize), ("$skip", _pageNumber * _pageSize)];
        _count = RawInbox.Command(connection, CountSql(scenario), scenario.Parameters);
        _page = RawInbox.Command(connection, PageSql(scenario), _paging);
    }

    public string Plan => _scenario.CountOverride is not null ? "4 index ranges" : _scenario.CountsFromTallies ? "tallies + changes" : "COUNT(*)";

    /// <summary>The count as LeadInbox makes it on PostgreSQL.</summary>
    public static string CountSql(Scenario scenario)
    {
        if (scenario.CountOverride is { } search) return search;
        if (!scenario.CountsFromTallies) return scenario.PlainCountSql;
        var where = scenario.Conditions.Length == 0 ? "" : " WHERE " + string.Join(" AND ", scenario.Conditions.Select(c => c.TallySql));
        return $"SELECT COALESCE(SUM(n), 0) FROM (SELECT \"Count\" AS n FROM \"LeadTallies\"{where} " +
               $"UNION ALL SELECT \"Delta\" FROM \"LeadTallyChanges\"{where}) AS t";
    }

    /// <summary>The page (by last activity: its first part) as LeadInbox asks for it on PostgreSQL.</summary>
    public static string PageSql(Scenario scenario) => Part(scenario, first: true);

    /// <summary>
    /// By last activity descending, leads with activity (first part) or without (second); any other sort is one part,
    /// after the first page through its ids.
    /// </summary>
    private static string Part(Scenario scenario, bool first) =>
        scenario.OrderBy != ByActivity ? scenario.Query.Page > 0 ? scenario.DeepPageSql : scenario.PageSql(InboxTerms.None)
        : first ? scenario.PartPageSql(Active, ByActivity)
        : scenario.PartPageSql("\"LastActivityAt\" IS NULL", "\"Id\" DESC");

    private const string Active = "\"LastActivityAt\" IS NOT NULL";

    public InboxPage Run()
    {
        var total = Convert.ToInt32(_count.ExecuteScalar());
        var rows = Read(_page);
        if (rows.Count < _pageSize && _scenario.OrderBy == ByActivity)
        {
            // The page reaches the leads without activity: how many have some decides where in those the page starts.
            var skip = _pageNumber * _pageSize;
            using var active = RawInbox.Command(_connection, _scenario.PartCountSql(Active), _scenario.Parameters);
            var inFirst = rows.Count > 0 || skip == 0 ? skip + rows.Count : Convert.ToInt32(active.ExecuteScalar());
            using var rest = RawInbox.Command(_connection, Part(_scenario, first: false),
                [.. _scenario.Parameters, ("$take", _pageSize - rows.Count), ("$skip", Math.Max(0, skip - inFirst))]);
            rows.AddRange(Read(rest));
        }
        return new InboxPage(rows, total, _pageNumber, _pageSize);
    }

    private List<InboxRow> Read(DbCommand page)
    {
        var rows = new List<InboxRow>(_pageSize);
        using var reader = page.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new InboxRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                (LifecycleStage)reader.GetInt32(6), (LeadStatus)reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12),
                reader.IsDBNull(13) ? null : reader.GetInt32(13), reader.GetDateTime(14), reader.IsDBNull(15) ? null : reader.GetDateTime(15),
                reader.IsDBNull(16) ? null : reader.GetDateTime(16)));
        }
        return rows;
    }

    public void Dispose()
    {
        _count.Dispose();
        _page.Dispose();
    }
}
