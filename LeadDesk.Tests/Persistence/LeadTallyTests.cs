using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Tests.Persistence;

/// <summary>
/// The inbox counts stage, status, owner and source filters from the lead tallies: every way of writing leads must keep
/// them equal to counting the leads themselves, on either engine (on PostgreSQL through recorded changes and folding).
/// </summary>
public sealed class LeadTallyTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    private static readonly InboxQuery[] Queries =
    [
        new(),
        new() { Stages = [LifecycleStage.Lead] },
        new() { Stages = [LifecycleStage.MQL] },
        new() { Stages = [LifecycleStage.SAL, LifecycleStage.SQL] },
        new() { Statuses = [LeadStatus.New] },
        new() { Statuses = [LeadStatus.Connected, LeadStatus.BadTiming] },
        new() { OwnerId = Leads.Rep.UserId },
        new() { OwnerId = InboxQuery.Unowned },
        new() { Source = "Paid search" },
        new() { Source = "Webinar" },
        new() { Stages = [LifecycleStage.Lead], Source = "Paid search" },
        new() { Stages = [LifecycleStage.SAL], OwnerId = Leads.OtherRep.UserId, Statuses = [LeadStatus.New] },
    ];

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.NewContext();
        db.Leads.AddRange(
            Make("a@x.com", LifecycleStage.Lead, null, "Paid search"),
            Make("b@x.com", LifecycleStage.Lead, null, "Paid search"),
            Make("c@x.com", LifecycleStage.Lead, null, null),
            Make("d@x.com", LifecycleStage.MQL, null, "Webinar"),
            Make("e@x.com", LifecycleStage.SAL, Leads.Rep, "Webinar"),
            Make("f@x.com", LifecycleStage.SAL, Leads.OtherRep, "Paid search"),
            Make("g@x.com", LifecycleStage.SQL, Leads.Rep, null));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static Lead Make(string email, LifecycleStage stage, Actor? owner, string? source)
    {
        var lead = Lead.Create(Leads.Profile(email) with { Source = source }, Leads.Now.AddDays(-10));
        return Journeys.MoveTo(lead, stage, owner);
    }

    [Fact]
    public async Task Counts_match_the_leads_after_inserts()
    {
        await AssertExactAsync();
    }

    [Fact]
    public async Task Counts_follow_tracked_updates_that_move_a_lead_to_another_combination()
    {
        await using (var db = _db.NewContext())
        {
            var leads = await db.Leads.Where(l => l.Stage == LifecycleStage.Lead).OrderBy(l => l.Id).ToListAsync();
            leads[0].ChangeStatus(LeadStatus.Connected);
            leads[1].Promote(Leads.Marketer, Leads.Now, "Good fit");
            leads[2].UpdateProfile(leads[2].Profile with { Source = "Webinar" });
            await db.SaveChangesAsync();
        }

        await AssertExactAsync();
    }

    [Fact]
    public async Task Counts_follow_set_based_updates_and_deletes()
    {
        await using (var db = _db.NewContext())
        {
            await db.Leads.Where(l => l.Source == "Paid search").ExecuteUpdateAsync(s => s.SetProperty(l => l.Source, "Referral"));
            await db.Leads.Where(l => l.Stage == LifecycleStage.SAL).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LeadStatus.BadTiming));
            // Scores are not tallied: an update of them alone leaves the tallies as they are.
            await db.Leads.ExecuteUpdateAsync(s => s.SetProperty(l => l.TotalScore, 99));
            var gone = await db.Leads.Where(l => l.Stage == LifecycleStage.Lead).Select(l => l.Id).ToListAsync();
            await db.Decisions.Where(d => gone.Contains(d.LeadId)).ExecuteDeleteAsync();
            await db.Leads.Where(l => gone.Contains(l.Id)).ExecuteDeleteAsync();
        }

        await AssertExactAsync();
    }

    [Fact]
    public async Task Counts_follow_a_bulk_insert_of_many_rows_in_one_statement()
    {
        await using (var db = _db.NewContext())
        {
            // Every lead copied with a new email: one statement writing seven rows.
            var entity = db.Model.FindEntityType(typeof(Lead))!;
            var table = StoreObjectIdentifier.Table("Leads");
            var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => p.GetColumnName(table)!).ToList();
            string Quote(string c) => $"\"{c}\"";
            var values = columns.Select(c => c is "Email" or "EmailNormalized" ? $"'copy.' || {Quote(c)}" : Quote(c));
            var copyLeads = $"INSERT INTO \"Leads\" ({string.Join(", ", columns.Select(Quote))}) SELECT {string.Join(", ", values)} FROM \"Leads\"";
            await db.Database.ExecuteSqlRawAsync(copyLeads);
            Assert.Equal(14, await db.Leads.CountAsync());
        }

        await AssertExactAsync();
    }

    [Fact]
    public async Task Missing_triggers_are_put_back_at_start_up_and_the_leads_recounted()
    {
        await using (var db = _db.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgreSql
                ? """DROP TRIGGER "TR_Leads_Tally_Insert" ON "Leads" """
                : """DROP TRIGGER "TR_Leads_Tally_Insert" """);
            db.Leads.Add(Make("h@x.com", LifecycleStage.Lead, null, "Webinar"));
            await db.SaveChangesAsync();   // not counted: no trigger
        }

        await new DatabaseInitializer(_db.Contexts, _db.Clock, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();

        await AssertExactAsync();
        await using (var db = _db.NewContext())
        {
            db.Leads.Add(Make("i@x.com", LifecycleStage.Lead, null, "Webinar"));
            await db.SaveChangesAsync();   // counted again
        }
        await AssertExactAsync();
    }

    [Fact]
    [Trait("Category", "PostgreSqlOnly")]
    public async Task Folding_moves_the_recorded_changes_into_the_tallies_without_changing_any_count()
    {
        await using (var db = _db.NewContext())
        {
            db.Leads.Add(Make("h@x.com", LifecycleStage.MQL, null, "Webinar"));
            await db.SaveChangesAsync();
            await db.Leads.Where(l => l.Stage == LifecycleStage.Lead).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LeadStatus.Connected));
            Assert.NotEmpty(await db.LeadTallyChanges.ToListAsync());
        }
        await AssertExactAsync();

        await using (var db = _db.NewContext())
        {
            Assert.True(await LeadTallyTriggers.FoldAsync(db, CancellationToken.None) > 0);
            Assert.Empty(await db.LeadTallyChanges.ToListAsync());
        }

        await AssertExactAsync();
        Assert.Equal(await GroupedLeadsAsync(), await TalliesAsync(withChanges: false));
    }

    [Fact]
    [Trait("Category", "PostgreSqlOnly")]
    public async Task Two_transactions_adding_leads_of_the_same_kind_do_not_wait_for_each_other()
    {
        await using var first = _db.NewContext();
        await using var second = _db.NewContext();
        await using var firstTransaction = await first.Database.BeginTransactionAsync();
        first.Leads.Add(Make("h@x.com", LifecycleStage.Lead, null, "Paid search"));
        await first.SaveChangesAsync();

        await using (var secondTransaction = await second.Database.BeginTransactionAsync())
        {
            // Were the tally row updated in place, this insert would wait for the first transaction's row lock.
            await second.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '2s'");
            second.Leads.Add(Make("i@x.com", LifecycleStage.Lead, null, "Paid search"));
            await second.SaveChangesAsync();
            await secondTransaction.CommitAsync();
        }
        await firstTransaction.CommitAsync();

        await AssertExactAsync();
    }

    [Fact]
    [Trait("Category", "PostgreSqlOnly")]
    public async Task Truncating_the_leads_empties_the_tallies()
    {
        await using (var db = _db.NewContext())
            await db.Database.ExecuteSqlRawAsync("""TRUNCATE "Leads" CASCADE""");

        await AssertExactAsync();
        Assert.Empty(await TalliesAsync(withChanges: true));
    }

    /// <summary>Every query's inbox count equals COUNT(*) over the leads, and the tallies equal the leads grouped.</summary>
    private async Task AssertExactAsync()
    {
        var inbox = new LeadInbox(_db.Contexts);
        await using var db = _db.NewContext();
        foreach (var query in Queries)
        {
            var expected = await LeadInbox.Filter(db.Leads, query).CountAsync();
            Assert.Equal(expected, (await inbox.GetPageAsync(query with { PageSize = 1 })).TotalCount);
        }
        Assert.Equal(await GroupedLeadsAsync(), await TalliesAsync(withChanges: true));
    }

    private async Task<Dictionary<(LifecycleStage, LeadStatus, string, string), int>> GroupedLeadsAsync()
    {
        await using var db = _db.NewContext();
        return (await db.Leads.Select(l => new { l.Stage, l.Status, l.OwnerId, l.Source }).ToListAsync())
            .GroupBy(l => (l.Stage, l.Status, l.OwnerId ?? "", l.Source ?? ""))
            .ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The tallies (plus, on PostgreSQL, the changes not yet folded), leaving out combinations that count zero.</summary>
    private async Task<Dictionary<(LifecycleStage, LeadStatus, string, string), int>> TalliesAsync(bool withChanges)
    {
        await using var db = _db.NewContext();
        var rows = (await db.LeadTallies.Select(t => new { t.Stage, t.Status, t.OwnerId, t.Source, Count = t.Count }).ToListAsync()).ToList();
        if (withChanges && TestDatabase.IsPostgreSql)
            rows.AddRange(await db.LeadTallyChanges.Select(c => new { c.Stage, c.Status, c.OwnerId, c.Source, Count = c.Delta }).ToListAsync());
        return rows.GroupBy(r => (r.Stage, r.Status, r.OwnerId, r.Source))
            .Select(g => (g.Key, Count: g.Sum(r => r.Count)))
            .Where(g => g.Count != 0)
            .ToDictionary(g => g.Key, g => g.Count);
    }
}
