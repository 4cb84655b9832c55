using LeadDesk.Domain.Inbox;

namespace LeadDesk.Tests.Persistence;

/// <summary>Thirty hand-made leads in a real SQLite file, saved once for every inbox test.</summary>
public sealed class InboxLeadsFixture : IAsyncLifetime
{
    public sealed record Seed(string First, string Last, string? Company, string Email, LifecycleStage Stage, Actor? Owner,
        string? Source, int Fit, int Engagement, int CreatedDaysAgo, double? ActivityDaysAgo, LeadStatus? Status = null);

    private static readonly Actor Rep = Leads.Rep;
    private static readonly Actor Other = Leads.OtherRep;

    // Owners exist only from SAL on (the rep who accepted). Ties on purpose: scores 80 and 50, creation days 28 and 20.
    public static readonly IReadOnlyList<Seed> Seeds =
    [
        new("Ana", "Silva", "Acme", "ana.silva@acme.com", LifecycleStage.Lead, null, "Paid search", 40, 10, 30, 2, LeadStatus.AttemptingContact),
        new("Bruno", "Souza", "Acme", "bruno@acme.com", LifecycleStage.MQL, null, "Paid search", 50, 30, 29, 1),
        new("Carla", "Santos", "Globex", "carla.santos@globex.com", LifecycleStage.SAL, Rep, "Webinar", 45, 35, 28, null),
        new("Diego", "Silveira", "Initech", "diego@initech.io", LifecycleStage.SQL, Rep, "Referral", 60, 20, 28, 5),
        new("Elena", "Garcia", "Umbrella", "elena.garcia@umbrella.es", LifecycleStage.Opportunity, Other, "Webinar", 55, 25, 27, 3),
        new("Fernando", "Alvarez", null, "fer@gmail.com", LifecycleStage.Lead, null, null, -10, 5, 26, null),
        new("Óscar", "Álvarez", "Hooli", "oscar@hooli.com", LifecycleStage.Nurture, null, "Referral", 20, 0, 25, 40),
        new("Gabriela", "Costa", "Soylent", "gabi@soylent.com", LifecycleStage.Disqualified, null, "Trade show", -30, 10, 24, null),
        new("Hugo", "Martins", "Acme Brasil", "hugo.martins@acme.com.br", LifecycleStage.Won, Rep, "Paid search", 70, 40, 23, 10),
        new("Isabel", "Lopes", "Stark", "isabel@stark.com", LifecycleStage.Lost, Other, "Webinar", 35, 15, 22, 12),
        new("Joao", "Pereira", "Wayne", "joao@wayne.com", LifecycleStage.MQL, null, "Paid search", 50, 30, 21, 1),
        new("Karen", "Smith", "Smithworks", "ksmith@smithworks.com", LifecycleStage.Lead, null, "Organic", 10, 0, 20, null, LeadStatus.Connected),
        new("Luis", "Silva", "Acme", "luis.silva@acme.com", LifecycleStage.SAL, Other, "Paid search", 40, 40, 20, 0.5),
        new("Maria", "Silva", null, "maria.silva@yahoo.com", LifecycleStage.Lead, null, "Organic", 0, 0, 19, null),
        new("Nuno", "Ramos", "Initech", "nuno@initech.io", LifecycleStage.SQL, Other, "Referral", 58, 22, 18, 6),
        new("Olivia", "Brown", "Brownstone", "olivia@brownstone.co.uk", LifecycleStage.Lead, null, "Webinar", 25, 5, 17, 9, LeadStatus.BadTiming),
        new("Paulo", "Ferreira", "Globex", "paulo@globex.com", LifecycleStage.Nurture, null, "Webinar", 30, 0, 16, 30),
        new("Quentin", "Dupont", "Vandelay", "q.dupont@vandelay.fr", LifecycleStage.Disqualified, null, "Trade show", -60, 0, 15, null),
        new("Rita", "Gomes", "Acme", "rita@acme.com", LifecycleStage.MQL, null, "Organic", 45, 20, 14, 2),
        new("Sara", "Nunes", "Stark", "sara.nunes@stark.com", LifecycleStage.Lead, null, null, 15, 15, 13, 4),
        new("Tiago", "Rocha", "Wayne", "tiago@wayne.com", LifecycleStage.SAL, Rep, "Referral", 50, 10, 12, 7),
        new("Ursula", "Klein", "Umbrella", "ursula@umbrella.de", LifecycleStage.Lead, null, "Paid search", 5, 0, 11, null),
        new("Victor", "Hugo", "Hooli", "victor@hooli.com", LifecycleStage.Opportunity, Rep, "Organic", 62, 18, 10, 1.5),
        new("Wanda", "Silva", "Silvatech", "wanda@silvatech.com", LifecycleStage.Lead, null, "Organic", 33, 7, 9, 8),
        new("Xavier", "Costa", "Soylent", "xavier@soylent.com", LifecycleStage.MQL, null, "Webinar", 40, 25, 8, 0.2),
        new("Yara", "Lima", "Acme", "yara.lima@acme.com", LifecycleStage.Lead, null, "Paid search", 20, 20, 7, 3, LeadStatus.AttemptingContact),
        new("Zeca", "Moura", null, "zeca@bol.com.br", LifecycleStage.Nurture, null, "Organic", -5, 0, 6, null),
        new("Alice", "Anders", "Anderson Ltd", "alice@anderson.com", LifecycleStage.Lead, null, "Referral", 12, 3, 5, 2.5),
        new("Bea", "Zimmer", "Zimmer AG", "bea@zimmer.de", LifecycleStage.Won, Other, "Trade show", 65, 35, 4, 0.1),
        new("Carlos", "Andrade", "Acme", "carlos@acme.com", LifecycleStage.Lead, null, "Paid search", 40, 10, 3, 2),
    ];

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>The saved leads, as they were written (ids assigned), in seed order.</summary>
    public IReadOnlyList<Lead> Saved { get; private set; } = [];

    public LeadInbox Inbox => new(Database.Contexts);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var leads = Seeds.Select(Build).ToList();
        await using var context = Database.NewContext();
        context.Leads.AddRange(leads);
        await context.SaveChangesAsync();
        Saved = leads;
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    public Lead ByFirstName(string first) => Saved.Single(l => l.FirstName == first);

    private static Lead Build(Seed seed)
    {
        var profile = Leads.Profile(seed.Email, seed.First, seed.Last) with { Company = seed.Company, Source = seed.Source };
        var lead = Lead.Create(profile, Leads.Now.AddDays(-seed.CreatedDaysAgo));
        Journeys.MoveTo(lead, seed.Stage, seed.Owner ?? Leads.Rep);
        if (seed.ActivityDaysAgo is { } days) lead.RecordEvent(EngagementEventType.PageVisit, Leads.Now.AddDays(-days), "/");
        lead.ApplyScore(new ScoreResult(seed.Fit, seed.Engagement, []), 1, Leads.Now);
        if (seed.Status is { } status) lead.ChangeStatus(status);
        return lead;
    }
}

/// <summary>Filters, sorts and paging of the lead inbox, each checked against leads whose values are known.</summary>
public sealed class LeadInboxTests(InboxLeadsFixture fixture) : IClassFixture<InboxLeadsFixture>
{
    private IReadOnlyList<Lead> All => fixture.Saved;

    private async Task<InboxPage> PageAsync(InboxQuery query) => await fixture.Inbox.GetPageAsync(query);

    /// <summary>Every matching row, on one page, by id ascending; and the total it reports.</summary>
    private async Task<(int[] Ids, int Total)> MatchingAsync(InboxQuery query)
    {
        var page = await PageAsync(query with { PageSize = InboxQuery.MaxPageSize, SortBy = InboxSort.Score });
        return (page.Rows.Select(r => r.Id).Order().ToArray(), page.TotalCount);
    }

    private int[] IdsOf(Func<Lead, bool> predicate) => All.Where(predicate).Select(l => l.Id).Order().ToArray();

    private int[] IdsOfFirstNames(params string[] firstNames) => firstNames.Select(n => fixture.ByFirstName(n).Id).Order().ToArray();

    [Fact]
    public void The_seed_has_thirty_leads_in_their_intended_stages()
    {
        Assert.Equal(30, All.Count);
        foreach (var (seed, lead) in InboxLeadsFixture.Seeds.Zip(All))
        {
            Assert.Equal(seed.Stage, lead.Stage);
            Assert.Equal(seed.Owner?.UserId, lead.OwnerId);
            Assert.Equal(seed.Fit + seed.Engagement, lead.TotalScore);
        }
    }

    // ---- filters ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task No_filter_returns_every_lead()
    {
        var (ids, total) = await MatchingAsync(new InboxQuery());

        Assert.Equal(30, total);
        Assert.Equal(IdsOf(_ => true), ids);
    }

    [Theory]
    [InlineData(new[] { LifecycleStage.MQL }, 4)]
    [InlineData(new[] { LifecycleStage.Lead }, 11)]
    [InlineData(new[] { LifecycleStage.SAL, LifecycleStage.SQL }, 5)]
    [InlineData(new[] { LifecycleStage.Won, LifecycleStage.Lost, LifecycleStage.Disqualified }, 5)]
    [InlineData(new[] { LifecycleStage.Nurture, LifecycleStage.Nurture }, 3)]
    public async Task Stage_filter_returns_the_leads_in_any_of_the_stages(LifecycleStage[] stages, int expectedCount)
    {
        var (ids, total) = await MatchingAsync(new InboxQuery { Stages = stages });

        Assert.Equal(expectedCount, total);
        Assert.Equal(IdsOf(l => stages.Contains(l.Stage)), ids);
    }

    [Fact]
    public async Task Status_filter_returns_the_leads_in_any_of_the_statuses()
    {
        var attempting = await MatchingAsync(new InboxQuery { Statuses = [LeadStatus.AttemptingContact] });
        Assert.Equal(IdsOfFirstNames("Ana", "Yara"), attempting.Ids);
        Assert.Equal(2, attempting.Total);

        // Accepting sets InProgress and disqualifying sets Unqualified.
        var working = await MatchingAsync(new InboxQuery { Statuses = [LeadStatus.InProgress, LeadStatus.Unqualified, LeadStatus.BadTiming] });
        Assert.Equal(IdsOf(l => l.Status is LeadStatus.InProgress or LeadStatus.Unqualified or LeadStatus.BadTiming), working.Ids);
        Assert.Equal(10 + 2 + 1, working.Total);
    }

    [Fact]
    public async Task Owner_filter_returns_the_leads_a_rep_owns()
    {
        var (ids, total) = await MatchingAsync(new InboxQuery { OwnerId = Leads.Rep.UserId });

        Assert.Equal(IdsOfFirstNames("Carla", "Diego", "Hugo", "Tiago", "Victor"), ids);
        Assert.Equal(5, total);
        var page = await PageAsync(new InboxQuery { OwnerId = Leads.Rep.UserId });
        Assert.All(page.Rows, r => Assert.Equal(Leads.Rep.Name, r.OwnerName));
    }

    [Fact]
    public async Task The_unowned_filter_returns_the_leads_nobody_owns()
    {
        var (ids, total) = await MatchingAsync(new InboxQuery { OwnerId = InboxQuery.Unowned });

        Assert.Equal(20, total);
        Assert.Equal(IdsOf(l => l.OwnerId is null), ids);
    }

    [Fact]
    public async Task An_unknown_owner_matches_nothing()
    {
        var (ids, total) = await MatchingAsync(new InboxQuery { OwnerId = "nobody" });

        Assert.Empty(ids);
        Assert.Equal(0, total);
    }

    [Theory]
    [InlineData("Paid search", 8)]
    [InlineData(" Webinar ", 6)]
    [InlineData("Trade show", 3)]
    [InlineData("Cold call", 0)]
    public async Task Source_filter_matches_the_trimmed_source(string source, int expectedCount)
    {
        var (ids, total) = await MatchingAsync(new InboxQuery { Source = source });

        Assert.Equal(expectedCount, total);
        Assert.Equal(IdsOf(l => l.Source == source.Trim()), ids);
    }

    [Theory]
    [InlineData(50, 80)]
    [InlineData(80, 80)]
    [InlineData(null, 0)]
    [InlineData(100, null)]
    [InlineData(81, 79)]
    public async Task Score_range_filter_includes_both_ends(int? min, int? max)
    {
        var (ids, total) = await MatchingAsync(new InboxQuery { MinScore = min, MaxScore = max });

        var expected = IdsOf(l => (min is null || l.TotalScore >= min) && (max is null || l.TotalScore <= max));
        Assert.Equal(expected, ids);
        Assert.Equal(expected.Length, total);
    }

    [Fact]
    public async Task Score_range_of_exactly_eighty_finds_the_tied_leads()
    {
        var (ids, _) = await MatchingAsync(new InboxQuery { MinScore = 80, MaxScore = 80 });

        Assert.Equal(IdsOfFirstNames("Bruno", "Carla", "Diego", "Elena", "Joao", "Luis", "Nuno", "Victor"), ids);
    }

    [Theory]
    [InlineData("silva", new[] { "Ana", "Luis", "Maria", "Wanda" })]            // last names and a company (Silvatech)
    [InlineData("SIL", new[] { "Ana", "Luis", "Maria", "Wanda", "Diego" })]     // case-insensitive, Silveira too
    [InlineData("acme", new[] { "Ana", "Bruno", "Luis", "Rita", "Yara", "Carlos", "Hugo" })] // company, incl. "Acme Brasil"
    [InlineData("q.dup", new[] { "Quentin" })]                                   // email
    [InlineData("  hugo ", new[] { "Hugo", "Victor" })]                          // first name and last name, trimmed
    [InlineData("ana", new[] { "Ana" })]                                         // first name and email, not "Anders"/"Andrade"
    [InlineData("ÁLV", new[] { "Óscar" })]                                       // accents are kept, case is not
    [InlineData("alv", new[] { "Fernando" })]
    [InlineData("ilva", new string[0])]                                          // a prefix search, not a substring search
    [InlineData("zimmer", new[] { "Bea" })]
    public async Task Search_matches_the_start_of_first_name_last_name_company_or_email(string search, string[] firstNames)
    {
        var (ids, total) = await MatchingAsync(new InboxQuery { Search = search });

        Assert.Equal(IdsOfFirstNames(firstNames), ids);
        Assert.Equal(firstNames.Length, total);
    }

    [Fact]
    public async Task Filters_combine()
    {
        var query = new InboxQuery
        {
            Stages = [LifecycleStage.Lead, LifecycleStage.MQL], Source = "Paid search", MinScore = 50, Search = "a",
        };

        var (ids, total) = await MatchingAsync(query);

        // Paid-search Lead/MQL leads scoring ≥ 50 whose name, company or email starts with "a": Ana (50), Bruno (Acme, 80), Carlos (Andrade, 50).
        Assert.Equal(IdsOfFirstNames("Ana", "Bruno", "Carlos"), ids);
        Assert.Equal(3, total);
    }

    // ---- sorting ----------------------------------------------------------------------------------------------

    public static TheoryData<InboxSort, bool> EverySort()
    {
        var data = new TheoryData<InboxSort, bool>();
        foreach (var sort in Enum.GetValues<InboxSort>())
        {
            data.Add(sort, false);
            data.Add(sort, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EverySort))]
    public async Task Every_sort_orders_both_ways_and_breaks_ties_by_id(InboxSort sort, bool descending)
    {
        var page = await PageAsync(new InboxQuery { SortBy = sort, Descending = descending, PageSize = InboxQuery.MaxPageSize });

        var ascending = sort switch
        {
            InboxSort.Score => All.OrderBy(l => l.TotalScore).ThenBy(l => l.Id),
            InboxSort.Created => All.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id),
            InboxSort.LastActivity => All.OrderBy(l => l.LastActivityAt).ThenBy(l => l.Id),
            InboxSort.Name => All.OrderBy(l => l.SearchLastName, StringComparer.Ordinal).ThenBy(l => l.SearchFirstName, StringComparer.Ordinal).ThenBy(l => l.Id),
            InboxSort.Company => All.OrderBy(l => l.SearchCompany, StringComparer.Ordinal).ThenBy(l => l.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
        var expected = ascending.Select(l => l.Id).ToList();
        if (descending) expected.Reverse();

        Assert.Equal(expected, page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Highest_score_comes_first_by_default_and_ties_go_to_the_newer_id()
    {
        var page = await PageAsync(new InboxQuery { PageSize = 10 });

        Assert.Equal("Hugo", page.Rows[0].FirstName);     // 110
        Assert.Equal("Bea", page.Rows[1].FirstName);      // 100
        var tied = page.Rows.Skip(2).TakeWhile(r => r.TotalScore == 80).Select(r => r.Id).ToList();
        Assert.Equal(8, tied.Count);
        Assert.Equal(tied.OrderDescending(), tied);
    }

    [Fact]
    public async Task Sorting_by_name_puts_last_names_in_order_then_first_names()
    {
        var page = await PageAsync(new InboxQuery { SortBy = InboxSort.Name, Descending = false, PageSize = 6 });

        Assert.Equal(["Alvarez", "Anders", "Andrade", "Brown", "Costa", "Costa"], page.Rows.Select(r => r.LastName));
        Assert.Equal(["Gabriela", "Xavier"], page.Rows.Skip(4).Select(r => r.FirstName));
    }

    [Fact]
    public async Task Leads_without_activity_sort_first_ascending_and_last_descending()
    {
        var withoutActivity = All.Count(l => l.LastActivityAt is null);

        var ascending = await PageAsync(new InboxQuery { SortBy = InboxSort.LastActivity, Descending = false, PageSize = InboxQuery.MaxPageSize });
        var descending = await PageAsync(new InboxQuery { SortBy = InboxSort.LastActivity, Descending = true, PageSize = InboxQuery.MaxPageSize });

        Assert.All(ascending.Rows.Take(withoutActivity), r => Assert.Null(r.LastActivityAt));
        Assert.All(descending.Rows.TakeLast(withoutActivity), r => Assert.Null(r.LastActivityAt));
        Assert.Equal("Bea", descending.Rows[0].FirstName);
    }

    // ---- paging -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(InboxSort.Score, true)]
    [InlineData(InboxSort.Created, false)]
    [InlineData(InboxSort.Company, true)]
    // Nine of the thirty leads have no activity: on PostgreSQL these pages are read in two parts, and a page falls on either
    // side of the boundary, across it, and wholly past it.
    [InlineData(InboxSort.LastActivity, true)]
    [InlineData(InboxSort.LastActivity, false)]
    public async Task Pages_cover_the_sorted_list_without_gaps_or_repeats(InboxSort sort, bool descending)
    {
        var whole = await PageAsync(new InboxQuery { SortBy = sort, Descending = descending, PageSize = InboxQuery.MaxPageSize });
        var pages = new List<InboxPage>();
        for (var p = 0; p < 5; p++)
            pages.Add(await PageAsync(new InboxQuery { SortBy = sort, Descending = descending, PageSize = 7, Page = p }));

        Assert.Equal(whole.Rows.Select(r => r.Id), pages.SelectMany(p => p.Rows).Select(r => r.Id));
        Assert.All(pages, p => Assert.Equal(30, p.TotalCount));
        Assert.All(pages, p => Assert.Equal(7, p.PageSize));
        Assert.Equal([7, 7, 7, 7, 2], pages.Select(p => p.Rows.Count));
        Assert.Equal([0, 1, 2, 3, 4], pages.Select(p => p.Page));
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_but_keeps_the_total()
    {
        var page = await PageAsync(new InboxQuery { PageSize = 10, Page = 3 });

        Assert.Empty(page.Rows);
        Assert.Equal(30, page.TotalCount);
    }

    [Fact]
    public async Task The_total_counts_the_filtered_leads_not_the_page()
    {
        var page = await PageAsync(new InboxQuery { Stages = [LifecycleStage.Lead], PageSize = 4, Page = 1 });

        Assert.Equal(11, page.TotalCount);
        Assert.Equal(4, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.Equal(LifecycleStage.Lead, r.Stage));
    }

    [Fact]
    public async Task Page_size_and_number_are_kept_in_bounds()
    {
        var tiny = await PageAsync(new InboxQuery { PageSize = 0, Page = -2 });
        Assert.Equal(1, tiny.PageSize);
        Assert.Equal(0, tiny.Page);
        Assert.Single(tiny.Rows);

        var huge = await PageAsync(new InboxQuery { PageSize = 10_000 });
        Assert.Equal(InboxQuery.MaxPageSize, huge.PageSize);
        Assert.Equal(30, huge.Rows.Count);
    }

    [Fact]
    public async Task Rows_carry_the_lead_values()
    {
        var hugo = fixture.ByFirstName("Hugo");

        var row = Assert.Single((await PageAsync(new InboxQuery { Search = "hugo.martins" })).Rows);

        Assert.Equal(hugo.Id, row.Id);
        Assert.Equal("Hugo Martins", row.Name);
        Assert.Equal("hugo.martins@acme.com.br", row.Email);
        Assert.Equal("Acme Brasil", row.Company);
        Assert.Equal(LifecycleStage.Won, row.Stage);
        Assert.Equal(LeadStatus.InProgress, row.Status);
        Assert.Equal(Leads.Rep.Name, row.OwnerName);
        Assert.Equal("Paid search", row.Source);
        Assert.Equal((70, 40, 110), (row.FitScore, row.EngagementScore, row.TotalScore));
        Assert.Equal(1, row.ScoreModelVersion);
        Assert.Equal(hugo.CreatedAt, row.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, row.CreatedAt.Kind);
        Assert.Equal(hugo.LastActivityAt, row.LastActivityAt);
    }
}
