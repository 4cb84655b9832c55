using System.Data.Common;
using LeadDesk.Domain.Inbox;
using Npgsql;

namespace LeadDesk.Bench;

/// <summary>
/// The hand-written baseline on PostgreSQL, taking the steps <see cref="LeadInbox"/> takes there: the count (a search
/// alone as the same four disjoint index ranges, anything else <c>COUNT(*)</c> with the filters), then the page with
/// the same WHERE, ORDER BY (leads without activity last when descending, as on SQLite), LIMIT and OFFSET. No likely()
/// marks: PostgreSQL's planner has per-value statistics and chooses by itself. Prepared Npgsql commands on one open
/// connection, materialising the same <see cref="InboxRow"/>s.
/// </summary>
internal sealed class PostgreSqlRawInbox : IRawInbox
{
    private readonly Scenario _scenario;
    private readonly DbCommand _count;
    private readonly DbCommand _page;
    private readonly int _pageSize;
    private readonly int _pageNumber;

    public PostgreSqlRawInbox(NpgsqlConnection connection, Scenario scenario)
    {
        _scenario = scenario;
        _pageSize = scenario.Query.PageSize;
        _pageNumber = scenario.Query.Page;
        _count = RawInbox.Command(connection, CountSql(scenario), scenario.Parameters);
        _page = RawInbox.Command(connection, PageSql(scenario),
            [.. scenario.Parameters, ("$take", _pageSize), ("$skip", _pageNumber * _pageSize)]);
    }

    public string Plan => _scenario.CountOverride is not null ? "4 index ranges" : "COUNT(*)";

    /// <summary>The count as LeadInbox makes it on PostgreSQL.</summary>
    public static string CountSql(Scenario scenario) => scenario.CountOverride ?? scenario.PlainCountSql;

    /// <summary>The page as LeadInbox asks for it on PostgreSQL (see <c>LeadInbox.Sort</c>, <c>orderNulls</c>).</summary>
    public static string PageSql(Scenario scenario) =>
        (scenario with { OrderBy = scenario.OrderBy.Replace("\"LastActivityAt\" DESC", "\"LastActivityAt\" IS NOT NULL DESC, \"LastActivityAt\" DESC") })
        .PageSql(InboxTerms.None);

    public InboxPage Run()
    {
        var total = Convert.ToInt32(_count.ExecuteScalar());
        var rows = new List<InboxRow>(_pageSize);
        using var reader = _page.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new InboxRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                (LifecycleStage)reader.GetInt32(6), (LeadStatus)reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12),
                reader.IsDBNull(13) ? null : reader.GetInt32(13), reader.GetDateTime(14), reader.IsDBNull(15) ? null : reader.GetDateTime(15),
                reader.IsDBNull(16) ? null : reader.GetDateTime(16)));
        }
        return new InboxPage(rows, total, _pageNumber, _pageSize);
    }

    public void Dispose()
    {
        _count.Dispose();
        _page.Dispose();
    }
}
