using LeadDesk.Domain.Inbox;

namespace LeadDesk.Bench;

/// <summary>One filter condition, in SQL over Leads and, for stage, status, owner and source, over LeadTallies.</summary>
internal sealed record Condition(InboxTerms Term, string Sql, string? TallySql = null)
{
    private static readonly string[] SearchColumns = ["SearchLastName", "SearchFirstName", "SearchCompany", "EmailNormalized"];

    /// <summary>As LeadInbox writes it when it marks the condition likely(): wrapped, and a search kept off its indexes.</summary>
    public string LikelySql => Term == InboxTerms.Search
        ? $"likely({SearchColumns.Aggregate(Sql, (c, column) => c.Replace($"\"{column}\" ", $"\"{column}\" || '' "))})"
        : $"likely({Sql})";
}

/// <summary>
/// One inbox request as a user makes it, and the same request written by hand in SQL: the same WHERE, ORDER BY,
/// LIMIT/OFFSET and count, with the same parameters, following the same plan choices as LeadInbox.
/// </summary>
internal sealed record Scenario(string Name, InboxQuery Query, Condition[] Conditions, string OrderBy, IReadOnlyList<(string Name, object Value)> Parameters,
    string? CountOverride = null)
{
    public const string Columns =
        "\"Id\", \"FirstName\", \"LastName\", \"Email\", \"Company\", \"JobTitle\", \"Stage\", \"Status\", \"OwnerName\", \"Source\", " +
        "\"FitScore\", \"EngagementScore\", \"TotalScore\", \"ScoreModelVersion\", \"CreatedAt\", \"LastActivityAt\", \"ReturnedAfterDisqualificationAt\"";

    public bool CountsFromTallies => Conditions.All(c => c.TallySql is not null);

    /// <summary>The count as LeadInbox makes it: summed from the tallies when the filters allow, else COUNT(*).</summary>
    public string CountSql => CountOverride ?? (CountsFromTallies ? TallySql(Conditions) : PlainCountSql);
    /// <summary>COUNT(*) over the leads, for comparison with the tallies.</summary>
    public string PlainCountSql => $"SELECT COUNT(*) FROM \"Leads\"{Where(InboxTerms.None)}";
    public const string AllLeadsSql = "SELECT COALESCE(SUM(\"Count\"), 0) FROM \"LeadTallies\"";

    public static string TallySql(IEnumerable<Condition> conditions) =>
        AllLeadsSql + (conditions.Any() ? " WHERE " + string.Join(" AND ", conditions.Select(c => c.TallySql)) : "");

    public string PageSql(InboxTerms likely) => $"SELECT {Columns} FROM \"Leads\"{Where(likely)} ORDER BY {OrderBy} LIMIT $take OFFSET $skip";

    /// <summary>PostgreSQL's page after the first (see LeadInbox): the page's ids from the sort index, then their rows.</summary>
    public string DeepPageSql =>
        $"SELECT {Columns} FROM \"Leads\" WHERE \"Id\" IN (SELECT \"Id\" FROM \"Leads\"{Where(InboxTerms.None)} ORDER BY {OrderBy} " +
        $"LIMIT $take OFFSET $skip) ORDER BY {OrderBy}";

    /// <summary>
    /// PostgreSQL's page by last activity comes in two parts (see LeadInbox): the filters and <paramref name="condition"/>
    /// (activity or none) in <paramref name="orderBy"/>; <see cref="PartCountSql"/> counts such a part.
    /// </summary>
    public string PartPageSql(string condition, string orderBy) =>
        $"SELECT {Columns} FROM \"Leads\" WHERE {PartWhere(condition)} ORDER BY {orderBy} LIMIT $take OFFSET $skip";

    public string PartCountSql(string condition) => $"SELECT COUNT(*) FROM \"Leads\" WHERE {PartWhere(condition)}";

    private string PartWhere(string condition) => string.Join(" AND ", Conditions.Select(c => $"({c.Sql})").Append(condition));

    private string Where(InboxTerms likely) => Conditions.Length == 0 ? "" :
        " WHERE " + string.Join(" AND ", Conditions.Select(c => likely.HasFlag(c.Term) ? c.LikelySql : $"({c.Sql})"));

    public const string Owner = "bench-rep-0003";
    public const string Source = "Paid search";

    private const string ByScore = "\"TotalScore\" DESC, \"Id\" DESC";
    private const string ByCreated = "\"CreatedAt\" DESC, \"Id\" DESC";
    private const string ByActivity = "\"LastActivityAt\" DESC, \"Id\" DESC";

    private static Condition StageIs(string p) => new(InboxTerms.Stage, $"\"Stage\" = {p}", $"\"Stage\" = {p}");
    private static Condition StatusIs(string p) => new(InboxTerms.Status, $"\"Status\" = {p}", $"\"Status\" = {p}");
    private static readonly Condition OwnerIs = new(InboxTerms.Owner, "\"OwnerId\" = $owner", "\"OwnerId\" = $owner");
    private static readonly Condition SourceIs = new(InboxTerms.Source, "\"Source\" = $source", "\"Source\" = $source");

    /// <summary>A search alone, counted as LeadInbox does: |A| + |B − A| + |C − A − B| + |D − A − B − C|.</summary>
    private const string SearchCountSql =
        "SELECT (SELECT COUNT(*) FROM \"Leads\" WHERE \"SearchLastName\" >= $s AND \"SearchLastName\" < $u)" +
        " + (SELECT COUNT(*) FROM \"Leads\" WHERE \"SearchFirstName\" >= $s AND \"SearchFirstName\" < $u" +
        " AND NOT (\"SearchLastName\" >= $s AND \"SearchLastName\" < $u))" +
        " + (SELECT COUNT(*) FROM \"Leads\" WHERE \"SearchCompany\" >= $s AND \"SearchCompany\" < $u" +
        " AND NOT (\"SearchLastName\" >= $s AND \"SearchLastName\" < $u) AND NOT (\"SearchFirstName\" >= $s AND \"SearchFirstName\" < $u))" +
        " + (SELECT COUNT(*) FROM \"Leads\" WHERE \"EmailNormalized\" >= $s AND \"EmailNormalized\" < $u" +
        " AND NOT (\"SearchLastName\" >= $s AND \"SearchLastName\" < $u) AND NOT (\"SearchFirstName\" >= $s AND \"SearchFirstName\" < $u)" +
        " AND NOT (\"SearchCompany\" >= $s AND \"SearchCompany\" < $u))";

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("All leads, score ↓", new InboxQuery(), [], ByScore, []),
        new("All leads, created ↓", new InboxQuery { SortBy = InboxSort.Created }, [], ByCreated, []),
        new("Stage MQL, score ↓", new InboxQuery { Stages = [LifecycleStage.MQL] }, [StageIs("$stage")], ByScore,
            [("$stage", (int)LifecycleStage.MQL)]),
        new("Stage Lead, created ↓", new InboxQuery { Stages = [LifecycleStage.Lead], SortBy = InboxSort.Created }, [StageIs("$stage")],
            ByCreated, [("$stage", (int)LifecycleStage.Lead)]),
        new("Stages SAL+SQL+Opportunity, last activity ↓",
            new InboxQuery { Stages = [LifecycleStage.SAL, LifecycleStage.SQL, LifecycleStage.Opportunity], SortBy = InboxSort.LastActivity },
            [new(InboxTerms.Stage, "\"Stage\" IN (2, 3, 4)", "\"Stage\" IN (2, 3, 4)")], ByActivity, []),
        new("Owner (one rep), last activity ↓", new InboxQuery { OwnerId = Owner, SortBy = InboxSort.LastActivity }, [OwnerIs],
            ByActivity, [("$owner", Owner)]),
        new("Unowned, created ↓", new InboxQuery { OwnerId = InboxQuery.Unowned, SortBy = InboxSort.Created },
            [new(InboxTerms.Owner, "\"OwnerId\" IS NULL", "\"OwnerId\" = ''")], ByCreated, []),
        new("Source Paid search, score ↓", new InboxQuery { Source = Source }, [SourceIs], ByScore, [("$source", Source)]),
        new("Score 60–100, score ↓", new InboxQuery { MinScore = 60, MaxScore = 100 },
            [new(InboxTerms.Score, "\"TotalScore\" >= $min"), new(InboxTerms.Score, "\"TotalScore\" <= $max")], ByScore, [("$min", 60), ("$max", 100)]),
        new("Search \"mar\", score ↓", new InboxQuery { Search = "mar" },
            [new(InboxTerms.Search,
                "(\"SearchLastName\" >= $s AND \"SearchLastName\" < $u) OR (\"SearchFirstName\" >= $s AND \"SearchFirstName\" < $u) OR " +
                "(\"SearchCompany\" >= $s AND \"SearchCompany\" < $u) OR (\"EmailNormalized\" >= $s AND \"EmailNormalized\" < $u)")],
            ByScore, [("$s", "mar"), ("$u", "mar\uffff")], SearchCountSql),
        new("Status Attempting contact, score ↓", new InboxQuery { Statuses = [LeadStatus.AttemptingContact] }, [StatusIs("$status")],
            ByScore, [("$status", (int)LeadStatus.AttemptingContact)]),
        new("Status New, last activity ↓", new InboxQuery { Statuses = [LeadStatus.New], SortBy = InboxSort.LastActivity }, [StatusIs("$status")],
            ByActivity, [("$status", (int)LeadStatus.New)]),
        new("All leads, name ↑", new InboxQuery { SortBy = InboxSort.Name, Descending = false }, [],
            "\"SearchLastName\", \"SearchFirstName\", \"Id\"", []),
        new("All leads, company ↑", new InboxQuery { SortBy = InboxSort.Company, Descending = false }, [], "\"SearchCompany\", \"Id\"", []),
        new("Stage Lead, company ↑", new InboxQuery { Stages = [LifecycleStage.Lead], SortBy = InboxSort.Company, Descending = false },
            [StageIs("$stage")], "\"SearchCompany\", \"Id\"", [("$stage", (int)LifecycleStage.Lead)]),
        new("All leads, score ↓, page 200", new InboxQuery { Page = 200 }, [], ByScore, []),
        new("Stage MQL + source, score ↓, page 20", new InboxQuery { Stages = [LifecycleStage.MQL], Source = Source, Page = 20 },
            [StageIs("$stage"), SourceIs], ByScore, [("$stage", (int)LifecycleStage.MQL), ("$source", Source)]),
        new("Stage Lead + owner (none match), created ↓",
            new InboxQuery { Stages = [LifecycleStage.Lead], OwnerId = Owner, SortBy = InboxSort.Created },
            [StageIs("$stage"), OwnerIs], ByCreated, [("$stage", (int)LifecycleStage.Lead), ("$owner", Owner)]),
    ];
}
