using LeadDesk.Domain.Inbox;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Persistence;

/// <summary>
/// On SQLite one index serves the score sort (LeadConfiguration.SqliteScoreIndexes). The inbox either walks it, with
/// the filters kept off their own indexes, or gathers the matches through the narrowest filter and sorts them with the
/// score index kept out. Either way of writing the query must find the same leads in the same order.
/// </summary>
public sealed class InboxScorePlanTests(InboxLeadsFixture fixture) : IClassFixture<InboxLeadsFixture>
{
    private const InboxTerms Tallied = InboxTerms.Stage | InboxTerms.Status | InboxTerms.Owner | InboxTerms.Source;

    public static TheoryData<InboxQuery, string> Queries() => new()
    {
        { new InboxQuery { Stages = [LifecycleStage.MQL] }, "+ 0" },
        { new InboxQuery { Stages = [LifecycleStage.SAL, LifecycleStage.SQL] }, "+ 0" },
        { new InboxQuery { Statuses = [LeadStatus.AttemptingContact] }, "+ 0" },
        { new InboxQuery { Statuses = [LeadStatus.New, LeadStatus.Connected] }, "+ 0" },
        { new InboxQuery { OwnerId = Leads.Rep.UserId }, "COALESCE" },
        { new InboxQuery { OwnerId = InboxQuery.Unowned }, "COALESCE" },
        { new InboxQuery { Source = " Paid search " }, "COALESCE" },
        { new InboxQuery { Stages = [LifecycleStage.Lead], Statuses = [LeadStatus.AttemptingContact], Source = "Paid search" }, "+ 0" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    [Trait("Category", "SqliteOnly")]
    public async Task Filters_kept_off_their_indexes_match_the_same_leads(InboxQuery query, string offIndexSql)
    {
        await using var db = fixture.Database.NewContext();
        var plain = LeadInbox.Filter(db.Leads.AsNoTracking(), query);
        var offIndex = LeadInbox.Filter(db.Leads.AsNoTracking(), query, offIndex: Tallied);

        var expected = await plain.Select(l => l.Id).OrderBy(id => id).ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await offIndex.Select(l => l.Id).OrderBy(id => id).ToListAsync());
        Assert.Contains(offIndexSql, offIndex.ToQueryString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(offIndexSql, plain.ToQueryString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_range_that_steers_gathering_to_the_stage_index_holds_every_lead()
    {
        await using var db = fixture.Database.NewContext();

        var all = await db.Leads.AsNoTracking().Select(l => l.Id).OrderBy(id => id).ToListAsync();
        var inRange = await db.Leads.AsNoTracking().Where(l => l.CreatedAt >= DateTime.MinValue).Select(l => l.Id).OrderBy(id => id).ToListAsync();

        Assert.Equal(fixture.Saved.Count, all.Count);
        Assert.Equal(all, inRange);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Gathering_then_sorting_by_score_gives_the_order_of_the_score_index(bool descending)
    {
        await using var db = fixture.Database.NewContext();
        var leads = db.Leads.AsNoTracking();

        var walked = await LeadInbox.Sort(leads, InboxSort.Score, descending).Select(l => l.Id).ToListAsync();
        var gathered = LeadInbox.SortByScoreOffIndex(leads, descending);

        Assert.Equal(walked, await gathered.Select(l => l.Id).ToListAsync());
        Assert.Contains("+ 0", gathered.ToQueryString(), StringComparison.Ordinal);
    }

    [Theory]
    // Stage MQL and one source at a million leads, page 20: 4,061 of them, 35,664 MQLs. Walking reads ~123,000 entries;
    // gathering through the stage × creation index would read 35,664 entries and 4,061 rows, about as much.
    [InlineData(4_061, 1_000_000, 500, 35_664, true, true)]
    // One channel of nine, first page: the walk stops after about 225 entries.
    [InlineData(111_406, 1_000_000, 25, 111_406, false, true)]
    // Stage Lead and a rep with no leads in it: the walk would read the whole index, the rep's index has the stage.
    [InlineData(0, 1_000_000, 25, 27_360, true, false)]
    // A few hundred of a rep's leads: the rep's index and the rows of the matches cost less than ~83,000 entries walked.
    [InlineData(300, 1_000_000, 25, 27_360, true, false)]
    // A handful of MQLs of one status and source: the stage index holds both, so only the handful's rows are read.
    [InlineData(5, 1_000_000, 25, 35_664, true, false)]
    // A handful of leads of one source and status: through the source's index SQLite reads every lead's row.
    [InlineData(5, 1_000_000, 25, 111_406, false, true)]
    public void The_score_sort_walks_the_index_unless_gathering_reads_less(long matching, long all, long skipPlusTake, long fewest,
        bool checkedInIndex, bool walk)
    {
        Assert.Equal(walk, LeadInbox.PreferScoreWalk(matching, all, skipPlusTake, fewest, checkedInIndex));
    }
}
