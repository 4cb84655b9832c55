using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Persistence;

/// <summary>The schema, constraints, mapping and concurrency of <see cref="LeadDeskDbContext"/> on a real SQLite file.</summary>
[Trait("Category", "SqliteOnly")]
public sealed class PersistenceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Leads.Now)));

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T));
    }

    private async Task<int> SaveAsync(Lead lead)
    {
        await using var context = _db.NewContext();
        context.Leads.Add(lead);
        await context.SaveChangesAsync();
        return lead.Id;
    }

    // ---- migrations -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Migrations_create_every_table_on_an_empty_database()
    {
        foreach (var table in new[] { "Leads", "Decisions", "EngagementEvents", "ScoringModels", "DataProtectionKeys", "AspNetUsers", "AspNetRoles", "AspNetUserRoles" })
            Assert.Equal(1L, await ScalarAsync<long>($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));

        await using var context = _db.NewContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(context.Database.GetMigrations(), await context.Database.GetAppliedMigrationsAsync());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE MigrationId LIKE '%_Initial'"));
    }

    [Fact]
    public async Task The_unique_email_index_exists_in_the_schema()
    {
        var sql = await ScalarAsync<string>("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'IX_Leads_EmailNormalized'");

        Assert.Contains("UNIQUE", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_database_file_runs_in_WAL_mode()
    {
        Assert.Equal("wal", await ScalarAsync<string>("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task The_default_scoring_model_is_seeded_as_version_one()
    {
        await using var context = _db.NewContext();

        var model = Assert.Single(await context.ScoringModels.ToListAsync());

        Assert.Equal(1, model.Version);
        Assert.Equal(Actor.System.UserId, model.CreatedById);
        Assert.Equal(Leads.Now, model.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, model.CreatedAt.Kind);
        var shipped = DefaultScoringModel.Definition;
        Assert.Equal(shipped.FitRules, model.Definition.FitRules, FitRuleComparer.Instance);
        Assert.Equal(shipped.EngagementRules, model.Definition.EngagementRules);
        Assert.Equal(shipped.Mql.Threshold, model.Definition.Mql.Threshold);
        Assert.Equal(shipped.Mql.MinimumFit, model.Definition.Mql.MinimumFit);
        Assert.Equal(shipped.Mql.RequiredRuleIds, model.Definition.Mql.RequiredRuleIds);
    }

    [Fact]
    public async Task Initialising_again_applies_nothing_and_seeds_no_second_model()
    {
        await new DatabaseInitializer(_db.Contexts, _db.Clock, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();

        await using var context = _db.NewContext();
        Assert.Equal(1, await context.ScoringModels.CountAsync());
        Assert.Equal((long)context.Database.GetMigrations().Count(), await ScalarAsync<long>("SELECT count(*) FROM \"__EFMigrationsHistory\""));
    }

    // ---- email uniqueness -------------------------------------------------------------------------------------

    [Fact]
    public async Task A_second_lead_with_the_same_email_in_other_case_and_spacing_is_refused_and_nothing_is_written()
    {
        await SaveAsync(Leads.New("ana.silva@acme.com"));

        await using (var context = _db.NewContext())
        {
            var duplicate = Lead.Create(Leads.Profile(" ANA.Silva@ACME.com "), Leads.Now);
            duplicate.Promote(Leads.Marketer, Leads.Now, "hand");
            duplicate.RecordEvent(EngagementEventType.PageVisit, Leads.Now, "/pricing");
            context.Leads.Add(duplicate);

            Assert.Equal("ana.silva@acme.com", duplicate.EmailNormalized);
            await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        }

        await using var check = _db.NewContext();
        Assert.Equal(1, await check.Leads.CountAsync());
        Assert.Equal(0, await check.Decisions.CountAsync());
        Assert.Equal(0, await check.EngagementEvents.CountAsync());
        Assert.Equal("ana.silva@acme.com", (await check.Leads.SingleAsync()).Email);
    }

    [Fact]
    public async Task Different_emails_are_both_saved()
    {
        await SaveAsync(Leads.New("ana.silva@acme.com"));
        await SaveAsync(Leads.New("ana.silva@acme.co"));

        await using var check = _db.NewContext();
        Assert.Equal(2, await check.Leads.CountAsync());
    }

    // ---- round trip -------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_lead_with_its_decisions_events_and_score_round_trips()
    {
        var lead = Leads.New();
        lead.RecordEvent(EngagementEventType.PricingPageVisit, Leads.Now.AddDays(-3).AddMilliseconds(123), "/pricing");
        lead.RecordEvent(EngagementEventType.DemoRequest, Leads.Now.AddDays(-1), null);
        var score = LeadScorer.Score(lead.Profile, lead.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), DefaultScoringModel.Definition, Leads.Now);
        lead.ApplyScore(score, 1, Leads.Now);
        Journeys.MoveTo(lead, LifecycleStage.Opportunity, Leads.Rep, Leads.Now.AddDays(-2));
        var id = await SaveAsync(lead);

        await using var context = _db.NewContext();
        var loaded = await context.Leads.Include(l => l.Decisions).Include(l => l.Events).SingleAsync(l => l.Id == id);

        Assert.Equal(lead.Profile, loaded.Profile);
        Assert.Equal(LifecycleStage.Opportunity, loaded.Stage);
        Assert.Equal(Leads.Rep.UserId, loaded.OwnerId);
        Assert.Equal(12_000m, loaded.OpportunityAmount);
        Assert.Equal(new DateOnly(2027, 1, 31), loaded.ExpectedCloseDate);
        Assert.Equal(lead.ConcurrencyToken, loaded.ConcurrencyToken);

        AssertUtc(lead.CreatedAt, loaded.CreatedAt);
        AssertUtc(lead.StageEnteredAt, loaded.StageEnteredAt);
        AssertUtc(lead.LastActivityAt!.Value, loaded.LastActivityAt!.Value);
        AssertUtc(lead.ScoredAt!.Value, loaded.ScoredAt!.Value);

        Assert.Equal(score.Fit, loaded.FitScore);
        Assert.Equal(score.Engagement, loaded.EngagementScore);
        Assert.Equal(score.Total, loaded.TotalScore);
        Assert.Equal(1, loaded.ScoreModelVersion);
        Assert.NotEmpty(loaded.ScoreExplanation);
        Assert.Equal(score.Lines, loaded.ScoreExplanation);

        var decisions = loaded.Decisions.OrderBy(d => d.Id).ToList();
        Assert.Equal(lead.Decisions.Count, decisions.Count);
        foreach (var (expected, actual) in lead.Decisions.Zip(decisions))
        {
            Assert.Equal(expected.Verb, actual.Verb);
            Assert.Equal(expected.FromStage, actual.FromStage);
            Assert.Equal(expected.ToStage, actual.ToStage);
            Assert.Equal(expected.ActorId, actual.ActorId);
            Assert.Equal(expected.ActorName, actual.ActorName);
            Assert.Equal(expected.Reason, actual.Reason);
            Assert.Equal(expected.Note, actual.Note);
            Assert.Equal(expected.ScoreAtDecision, actual.ScoreAtDecision);
            AssertUtc(expected.At, actual.At);
        }

        var events = loaded.Events.OrderBy(e => e.OccurredAt).ToList();
        Assert.Equal([EngagementEventType.PricingPageVisit, EngagementEventType.DemoRequest], events.Select(e => e.Type));
        Assert.Equal(["/pricing", null], events.Select(e => e.Detail));
        AssertUtc(Leads.Now.AddDays(-3).AddMilliseconds(123), events[0].OccurredAt);
    }

    [Fact]
    public async Task A_reason_is_stored_by_name()
    {
        var lead = Journeys.MoveTo(Leads.New(), LifecycleStage.Nurture);
        var id = await SaveAsync(lead);

        Assert.Equal("BadTiming", await ScalarAsync<string>($"SELECT Reason FROM Decisions WHERE LeadId = {id}"));
    }

    [Fact]
    public async Task Local_times_are_stored_as_UTC()
    {
        var local = new DateTime(2026, 6, 1, 9, 30, 0, DateTimeKind.Local);
        var lead = Leads.New();
        lead.RecordEvent(EngagementEventType.EmailOpen, local, null);
        var id = await SaveAsync(lead);

        await using var context = _db.NewContext();
        var stored = await context.EngagementEvents.SingleAsync(e => e.LeadId == id);
        AssertUtc(local.ToUniversalTime(), stored.OccurredAt);
    }

    // ---- racing writers ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task When_two_writers_race_the_first_wins_and_the_second_gets_a_concurrency_error(bool acceptFirst)
    {
        var id = await SaveAsync(Journeys.MoveTo(Leads.New(), LifecycleStage.MQL, Leads.Rep, pendingHandoff: true));
        int decisionsBefore;
        await using (var count = _db.NewContext()) decisionsBefore = await count.Decisions.CountAsync(d => d.LeadId == id);

        await using var accepting = _db.NewContext();
        await using var rejecting = _db.NewContext();
        var a = await accepting.Leads.SingleAsync(l => l.Id == id);
        var r = await rejecting.Leads.SingleAsync(l => l.Id == id);
        a.Accept(Leads.Rep, Leads.Now, "Took it");
        r.Reject(Leads.Rep, Leads.Now, ReasonCode.NotAFit, "Not for us", disqualify: false);

        var (first, second) = acceptFirst ? (accepting, rejecting) : (rejecting, accepting);
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = _db.NewContext();
        var stored = await check.Leads.Include(l => l.Decisions).SingleAsync(l => l.Id == id);
        var expectedStage = acceptFirst ? LifecycleStage.SAL : LifecycleStage.Nurture;
        var expectedVerb = acceptFirst ? LifecycleVerb.Accept : LifecycleVerb.Reject;
        Assert.Equal(expectedStage, stored.Stage);
        Assert.Equal(decisionsBefore + 1, stored.Decisions.Count);
        var newest = stored.Decisions.OrderBy(d => d.Id).Last();
        Assert.Equal(expectedVerb, newest.Verb);
        Assert.Equal(expectedStage, newest.ToStage);
        Assert.Equal(acceptFirst ? Leads.Rep.UserId : null, stored.OwnerId);
        Assert.False(stored.HasPendingHandoff);
    }

    [Fact]
    public async Task The_loser_of_a_race_reloads_and_finds_the_handoff_already_answered()
    {
        var id = await SaveAsync(Journeys.MoveTo(Leads.New(), LifecycleStage.MQL, Leads.Rep, pendingHandoff: true));
        await using var winner = _db.NewContext();
        await using var loser = _db.NewContext();
        (await winner.Leads.SingleAsync(l => l.Id == id)).Accept(Leads.Rep, Leads.Now, null);
        (await loser.Leads.SingleAsync(l => l.Id == id)).Reject(Leads.Rep, Leads.Now, ReasonCode.Duplicate, null, disqualify: true);
        await winner.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => loser.SaveChangesAsync());

        await using var retry = _db.NewContext();
        var fresh = await retry.Leads.SingleAsync(l => l.Id == id);

        Assert.Equal(LifecycleStage.SAL, fresh.Stage);
        Assert.Throws<IllegalTransitionException>(() => fresh.Reject(Leads.Rep, Leads.Now, ReasonCode.Duplicate, null, disqualify: true));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void AssertUtc(DateTime expected, DateTime actual)
    {
        Assert.Equal(DateTimeKind.Utc, actual.Kind);
        Assert.Equal(expected.ToUniversalTime(), actual);
    }

    /// <summary>Fit rules hold their values in a list, which record equality compares by reference.</summary>
    private sealed class FitRuleComparer : IEqualityComparer<FitRule>
    {
        public static readonly FitRuleComparer Instance = new();
        private static readonly string[] NoValues = [];
        public bool Equals(FitRule? x, FitRule? y) =>
            x is not null && y is not null && x with { Values = NoValues } == y with { Values = NoValues } && x.Values.SequenceEqual(y.Values);
        public int GetHashCode(FitRule obj) => obj.Id.GetHashCode();
    }
}
