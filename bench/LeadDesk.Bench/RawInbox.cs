using System.Data.Common;
using System.Text.RegularExpressions;
using LeadDesk.Domain.Inbox;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LeadDesk.Bench;

/// <summary>A scenario written by hand for one engine, taking the same steps as <see cref="LeadInbox"/> takes on it.</summary>
internal interface IRawInbox : IDisposable
{
    InboxPage Run();

    /// <summary>Where the last run's count came from and, on SQLite, which conditions its page query marked likely().</summary>
    string Plan { get; }
}

/// <summary>The hand-written baseline on SQLite: a scenario's COUNT and page as prepared commands on one open connection.</summary>
internal sealed partial class RawInbox : IRawInbox
{
    private readonly SqliteConnection _connection;
    private readonly Scenario _scenario;
    private readonly SqliteCommand _count;
    private readonly SqliteCommand _all;
    private readonly Dictionary<InboxTerms, SqliteCommand> _tallyByTerm = [];
    private readonly Dictionary<InboxTerms, SqliteCommand> _pages = [];
    private readonly (string, object)[] _paging;
    private readonly int _pageSize;
    private readonly int _pageNumber;

    /// <summary>The same steps as LeadInbox: the count (tallies or COUNT(*)), the tally sums that pick the plan, the page.</summary>
    public RawInbox(SqliteConnection connection, Scenario scenario)
    {
        _connection = connection;
        _scenario = scenario;
        _pageSize = scenario.Query.PageSize;
        _pageNumber = scenario.Query.Page;
        _count = Command(connection, scenario.CountSql, scenario.Parameters);
        _all = Command(connection, Scenario.AllLeadsSql, []);
        foreach (var group in scenario.Conditions.Where(c => c.TallySql is not null).GroupBy(c => c.Term))
            _tallyByTerm[group.Key] = Command(connection, Scenario.TallySql(group), scenario.Parameters);
        _paging = [.. scenario.Parameters, ("$take", _pageSize), ("$skip", _pageNumber * _pageSize)];
    }

    /// <summary>The hand-written baseline for the engine <paramref name="connection"/> is on.</summary>
    public static IRawInbox For(DbConnection connection, Scenario scenario) => connection switch
    {
        SqliteConnection sqlite => new RawInbox(sqlite, scenario),
        NpgsqlConnection postgres => new PostgreSqlRawInbox(postgres, scenario),
        _ => throw new ArgumentException($"No hand-written inbox for {connection.GetType().Name}."),
    };

    /// <summary>The conditions the last run marked likely().</summary>
    public InboxTerms LastLikely { get; private set; }

    public string Plan => (_scenario.CountOverride is not null ? "4 index ranges" : _scenario.CountsFromTallies ? "tallies" : "COUNT(*)") +
                          (LastLikely == InboxTerms.None ? "" : $", likely({LastLikely})");

    public InboxPage Run()
    {
        var total = Convert.ToInt32(_count.ExecuteScalar());
        LastLikely = ChooseLikely(total, (_pageNumber + 1) * _pageSize);
        if (!_pages.TryGetValue(LastLikely, out var page))
            _pages[LastLikely] = page = Command(_connection, _scenario.PageSql(LastLikely), _paging);
        var rows = new List<InboxRow>(_pageSize);
        using var reader = page.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new InboxRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                (LifecycleStage)reader.GetInt32(6), (LeadStatus)reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt32(10), reader.GetInt32(11), reader.GetInt32(12),
                reader.IsDBNull(13) ? null : reader.GetInt32(13), Utc(reader.GetDateTime(14)), reader.IsDBNull(15) ? null : Utc(reader.GetDateTime(15)),
                reader.IsDBNull(16) ? null : Utc(reader.GetDateTime(16))));
        }
        return new InboxPage(rows, total, _pageNumber, _pageSize);
    }

    private InboxTerms ChooseLikely(int matching, int skipPlusTake)
    {
        var terms = _scenario.Conditions.Aggregate(InboxTerms.None, (all, c) => all | c.Term);
        if (terms == InboxTerms.None) return InboxTerms.None;
        if (matching > skipPlusTake && LeadInbox.PreferSortOrderScan(matching, Convert.ToInt64(_all.ExecuteScalar()), skipPlusTake)) return terms;
        if (_tallyByTerm.Count < 2) return InboxTerms.None;
        var narrowest = LeadInbox.TalliedTerms.Where(_tallyByTerm.ContainsKey).MinBy(t => Convert.ToInt64(_tallyByTerm[t].ExecuteScalar()));
        return _tallyByTerm.Keys.Aggregate(InboxTerms.None, (all, t) => t == narrowest ? all : all | t);
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static SqliteCommand Command(SqliteConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.Prepare();
        return command;
    }

    /// <summary>
    /// A prepared command on either engine. The scenarios write parameters SQLite's way (<c>$name</c>); Npgsql takes
    /// <c>@name</c>, so they are renamed for it. EF's captured parameters (<c>@__p_0</c>) pass through unchanged.
    /// </summary>
    public static DbCommand Command(DbConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        if (connection is SqliteConnection sqlite) return Command(sqlite, sql, parameters);
        var command = (NpgsqlCommand)connection.CreateCommand();
        command.CommandText = SqliteParameter().Replace(sql, "@$1");
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name.StartsWith('$') ? "@" + name[1..] : name, value);
        command.Prepare();
        return command;
    }

    [GeneratedRegex(@"\$(\w+)")]
    private static partial Regex SqliteParameter();

    public void Dispose()
    {
        _count.Dispose();
        _all.Dispose();
        foreach (var command in _tallyByTerm.Values.Concat(_pages.Values)) command.Dispose();
    }
}
