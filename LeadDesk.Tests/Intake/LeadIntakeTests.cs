using LeadDesk.Domain.Intake;
using LeadDesk.Domain.Persistence;
using LeadDesk.Tests.Handoff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Intake;

/// <summary>Leads and events arriving from other systems, on a real SQLite database with the default scoring model.</summary>
public sealed class LeadIntakeTests : IAsyncLifetime
{
    private static readonly IntakeOrigin WebsiteForm = new(new Actor("api-key-1", "API: website form"), "API: website form");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private readonly RecordingNotifier _notifier = new();
    private TestDatabase _database = default!;
    private LeadIntake _intake = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_clock);
        _intake = new LeadIntake(_database.Contexts, new ScoringService(_database.Contexts, _clock), _notifier, _clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static LeadProfile Sparse(string email) => new() { Email = email, FirstName = "Ana" };

    private async Task<Lead> LoadAsync(int id)
    {
        await using var db = _database.NewContext();
        return await db.Leads.Include(l => l.Decisions).Include(l => l.Events).SingleAsync(l => l.Id == id);
    }

    [Fact]
    public async Task A_new_email_creates_a_scored_lead_that_remembers_where_it_came_from()
    {
        var result = await _intake.CaptureAsync(Leads.Profile("new@acme.com"), WebsiteForm);

        Assert.True(result.Created);
        var lead = await LoadAsync(result.LeadId);
        Assert.Equal("API: website form", lead.IntakeSource);
        Assert.True(lead.FitScore > 0);
        Assert.Equal(1, lead.ScoreModelVersion);
    }

    [Fact]
    public async Task The_same_email_in_other_case_merges_filling_gaps_and_keeping_what_differs()
    {
        var first = await _intake.CaptureAsync(Sparse("Ana.Silva@Acme.com") with { Company = "Acme", Phone = "+55 11 5555" }, WebsiteForm);

        var again = await _intake.CaptureAsync(new LeadProfile { Email = " ana.silva@acme.com ", LastName = "Silva", Company = "Acme Corp", Phone = "+55 11 5555", JobTitle = "CMO" }, WebsiteForm);

        Assert.Equal(first.LeadId, again.LeadId);
        Assert.NotNull(again.Merge);
        Assert.Equal(["LastName", "JobTitle"], again.Merge!.Filled);
        Assert.Equal([new FieldConflict("Company", "Acme", "Acme Corp")], again.Merge.Conflicts);
        var lead = await LoadAsync(first.LeadId);
        Assert.Equal(("Silva", "CMO", "Acme"), (lead.LastName, lead.JobTitle, lead.Company));
        var merge = Assert.Single(lead.Decisions, d => d.Verb == LifecycleVerb.Merge);
        Assert.Equal(lead.Stage, merge.FromStage);
        Assert.Equal(lead.Stage, merge.ToStage);
        Assert.Contains("Kept Company \"Acme\" (offered \"Acme Corp\")", merge.Note);
        await using var db = _database.NewContext();
        Assert.Equal(1, await db.Leads.CountAsync());
    }

    [Fact]
    public async Task A_disqualified_lead_that_arrives_again_is_flagged_until_it_leaves_disqualified()
    {
        int id;
        await using (var db = _database.NewContext())
        {
            var lead = Leads.New("back@acme.com");
            lead.Disqualify(Leads.Marketer, Leads.Now.AddDays(-10), ReasonCode.NotAFit, null);
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
            id = lead.Id;
        }

        var result = await _intake.CaptureAsync(Sparse("back@acme.com"), WebsiteForm);

        Assert.True(result.Merge!.ReturnedAfterDisqualification);
        var returned = await LoadAsync(id);
        Assert.Equal(LifecycleStage.Disqualified, returned.Stage);
        Assert.Equal(Leads.Now, returned.ReturnedAfterDisqualificationAt);

        returned.Recycle(Leads.Marketer, Leads.Now.AddHours(1), ReasonCode.BadTiming, null);
        Assert.Null(returned.ReturnedAfterDisqualificationAt);
    }

    [Fact]
    public async Task A_captured_lead_that_meets_the_MQL_definition_enters_the_queue_and_screens_are_told()
    {
        // A fitting manager, not yet engaged: fit 36 of the 60 points the MQL definition asks for.
        var profile = new LeadProfile { Email = "ready@acme.com", Seniority = Seniority.Manager, Department = "Marketing", Industry = "Software", Country = "BR" };
        var captured = await _intake.CaptureAsync(profile, WebsiteForm);
        Assert.False(captured.BecameMql);
        Assert.Empty(_notifier.Published);

        var results = await _intake.RecordEventsAsync(
        [
            new IncomingEvent(null, "READY@acme.com", EngagementEventType.DemoRequest, Leads.Now.AddHours(-1), "/demo"),
            new IncomingEvent(captured.LeadId, null, EngagementEventType.PricingPageVisit, Leads.Now.AddHours(-2), "/pricing"),
        ], WebsiteForm);

        Assert.Equal([new EventItemResult(0, EventItemStatus.Recorded, captured.LeadId, null), new EventItemResult(1, EventItemStatus.Recorded, captured.LeadId, null)], results);
        var lead = await LoadAsync(captured.LeadId);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(LifecycleVerb.Promote, Assert.Single(_notifier.Published).Verb);
    }

    [Fact]
    public async Task A_lead_that_fits_well_enough_on_arrival_enters_the_MQL_queue_at_once()
    {
        var captured = await _intake.CaptureAsync(Leads.Profile("vp@acme.com"), WebsiteForm);

        Assert.True(captured.BecameMql);
        Assert.Equal(LifecycleStage.MQL, (await LoadAsync(captured.LeadId)).Stage);
        Assert.Equal(LifecycleVerb.Promote, Assert.Single(_notifier.Published).Verb);
    }

    [Fact]
    public async Task A_batch_answers_each_item_and_writes_only_the_good_ones()
    {
        var known = await _intake.CaptureAsync(Sparse("known@acme.com"), WebsiteForm);

        var results = await _intake.RecordEventsAsync(
        [
            new IncomingEvent(known.LeadId, null, EngagementEventType.PageVisit, Leads.Now.AddDays(-1), "/pricing"),
            new IncomingEvent(null, "nobody@acme.com", EngagementEventType.EmailOpen, Leads.Now.AddDays(-1), null),
            new IncomingEvent(null, null, EngagementEventType.EmailOpen, Leads.Now.AddDays(-1), null),
            new IncomingEvent(null, "known@acme.com", EngagementEventType.EmailOpen, Leads.Now.AddDays(2), null),
            new IncomingEvent(999, null, EngagementEventType.EmailOpen, Leads.Now.AddDays(-1), null),
        ], WebsiteForm);

        Assert.Equal([EventItemStatus.Recorded, EventItemStatus.UnknownLead, EventItemStatus.Invalid, EventItemStatus.Invalid, EventItemStatus.UnknownLead],
            results.Select(r => r.Status));
        Assert.Contains("nobody@acme.com", results[1].Problem);
        Assert.Single((await LoadAsync(known.LeadId)).Events);
    }

    [Fact]
    public async Task An_invalid_profile_or_an_oversized_batch_is_refused_and_nothing_is_written()
    {
        var invalid = await Assert.ThrowsAsync<DomainException>(() => _intake.CaptureAsync(new LeadProfile { Email = "not-an-email" }, WebsiteForm));
        Assert.Equal("InvalidProfile", invalid.Code);

        var events = Enumerable.Range(0, LeadIntake.MaxEventBatch + 1).Select(_ => new IncomingEvent(1, null, EngagementEventType.PageVisit, Leads.Now, null)).ToList();
        var tooMany = await Assert.ThrowsAsync<DomainException>(() => _intake.RecordEventsAsync(events, WebsiteForm));
        Assert.Equal("BatchTooLarge", tooMany.Code);

        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Leads.CountAsync());
    }

    // ---- captures arriving together: they share write transactions, each is still whole or absent ---------------

    [Fact]
    public async Task Captures_arriving_together_are_all_written_once_each_and_the_same_email_twice_makes_one_lead_and_a_merge()
    {
        var emails = Enumerable.Range(0, 20).Select(i => $"together{i}@acme.com").ToList();

        var results = await Task.WhenAll(emails.Concat(emails).Select(email => Task.Run(() => _intake.CaptureAsync(Sparse(email), WebsiteForm))));

        Assert.Equal(20, results.Count(r => r.Created));
        Assert.Equal(20, results.Count(r => !r.Created));
        await using var db = _database.NewContext();
        Assert.Equal(20, await db.Leads.CountAsync());
        Assert.Equal(20, await db.Decisions.CountAsync(d => d.Verb == LifecycleVerb.Merge));
        Assert.Equal(results.Select(r => r.LeadId).Distinct().Order(), await db.Leads.Select(l => l.Id).OrderBy(id => id).ToListAsync());
    }

    [Fact]
    public async Task Captures_queued_behind_a_write_go_in_one_group_where_a_refused_one_spoils_nothing_and_a_cancelled_one_is_not_written()
    {
        var pause = new PauseBeforeSave();
        var commits = new CountingCommits();
        var intake = new LeadIntake(new InterceptedContexts(_database, pause, commits), new ScoringService(_database.Contexts, _clock), _notifier, _clock);
        var first = intake.CaptureAsync(Sparse("first@acme.com"), WebsiteForm);
        await pause.Reached.Task; // the first capture holds the writer, about to save

        var queued = new[] { "a@acme.com", "b@acme.com", "c@acme.com" }.Select(email => intake.CaptureAsync(Sparse(email), WebsiteForm)).ToList();
        var refused = intake.CaptureAsync(new LeadProfile { Email = "not-an-email" }, WebsiteForm);
        using var giveUp = new CancellationTokenSource();
        var cancelled = intake.CaptureAsync(Sparse("gave-up@acme.com"), WebsiteForm, giveUp.Token);
        await giveUp.CancelAsync();
        pause.Release.SetResult();

        Assert.True((await first).Created);
        Assert.All(await Task.WhenAll(queued), r => Assert.True(r.Created));
        Assert.Equal("InvalidProfile", (await Assert.ThrowsAsync<DomainException>(() => refused)).Code);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await using var db = _database.NewContext();
        Assert.Equal(["a@acme.com", "b@acme.com", "c@acme.com", "first@acme.com"], await db.Leads.Select(l => l.EmailNormalized).OrderBy(e => e).ToListAsync());
        Assert.All(await db.Leads.ToListAsync(), lead => Assert.Equal(1, lead.ScoreModelVersion));
        Assert.Equal(2, commits.Count); // the first capture alone, then those queued behind it together
    }

    [Fact]
    public async Task When_the_group_cannot_be_saved_together_each_capture_is_saved_alone_and_only_the_failing_one_is_refused()
    {
        var pause = new PauseBeforeSave();
        var intake = new LeadIntake(new InterceptedContexts(_database, pause, new RefuseToSave("poison@acme.com")),
            new ScoringService(_database.Contexts, _clock), _notifier, _clock);
        var first = intake.CaptureAsync(Sparse("first@acme.com"), WebsiteForm);
        await pause.Reached.Task;

        var before = intake.CaptureAsync(Sparse("before@acme.com"), WebsiteForm);
        var poison = intake.CaptureAsync(Sparse("poison@acme.com"), WebsiteForm);
        var after = intake.CaptureAsync(Sparse("after@acme.com") with { Company = "Acme" }, WebsiteForm);
        var afterAgain = intake.CaptureAsync(Sparse("after@acme.com") with { JobTitle = "CMO" }, WebsiteForm);
        pause.Release.SetResult();

        await first;
        Assert.True((await before).Created);
        await Assert.ThrowsAsync<DbUpdateException>(() => poison);
        Assert.True((await after).Created);
        Assert.Equal(["JobTitle"], (await afterAgain).Merge!.Filled);
        await using var db = _database.NewContext();
        Assert.Equal(["after@acme.com", "before@acme.com", "first@acme.com"], await db.Leads.Select(l => l.EmailNormalized).OrderBy(e => e).ToListAsync());
        var merged = await db.Leads.Where(l => l.EmailNormalized == "after@acme.com").Select(l => new { l.Company, l.JobTitle }).SingleAsync();
        Assert.Equal(("Acme", "CMO"), (merged.Company, merged.JobTitle));
    }

    /// <summary>A save that holds a lead with this email fails, as a database refusal would.</summary>
    private sealed class RefuseToSave(string email) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<Lead>().Any(e => e.Entity.EmailNormalized == email)
                ? throw new DbUpdateException($"The database refused {email}.")
                : ValueTask.FromResult(result);
    }

    [Fact]
    public async Task A_group_whose_commit_fails_answers_every_capture_with_the_failure_and_leaves_nothing()
    {
        var failing = new FailingCommit();
        var intake = new LeadIntake(new InterceptedContexts(_database, failing), new ScoringService(_database.Contexts, _clock), _notifier, _clock);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => intake.CaptureAsync(Sparse("lost@acme.com"), WebsiteForm));

        Assert.Equal("The disk is gone.", error.Message);
        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Leads.CountAsync());
        Assert.Empty(_notifier.Published);
    }

    private sealed class CountingCommits : DbTransactionInterceptor
    {
        private int _count;

        public int Count => _count;

        public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingCommit : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The disk is gone.");
    }

    private sealed class InterceptedContexts(TestDatabase database, params IInterceptor[] interceptors) : IDbContextFactory<LeadDeskDbContext>
    {
        private readonly DbContextOptions<LeadDeskDbContext> _options =
            database.Configure(new DbContextOptionsBuilder<LeadDeskDbContext>()).AddInterceptors(interceptors).Options;

        public LeadDeskDbContext CreateDbContext() => new(_options);
    }
}
