using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using LeadDesk.Tests.Handoff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Scoring;

/// <summary>
/// A rescore on PostgreSQL while someone else changes a lead: the new score of a lead is written only if the lead is still
/// as it was read; otherwise it is scored again from what it is now. (On SQLite nobody else can write during a batch.)
/// </summary>
[Trait("Category", "PostgreSqlOnly")]
public sealed class RescoreConcurrencyTests : IAsyncLifetime
{
    private static readonly Caller Marketer = new(Leads.Marketer.UserId, Leads.Marketer.Name, new HashSet<string> { Roles.Marketing });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(_clock);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_lead_changed_while_its_batch_is_written_is_scored_from_what_it_is_now()
    {
        var scoring = new ScoringService(_database.Contexts, _clock);
        var model = await scoring.GetActiveModelAsync();
        await using (var db = _database.NewContext())
        {
            for (var i = 0; i < 3; i++)
            {
                var lead = Lead.Create(Leads.Profile($"lead{i}@acme.com") with { Seniority = Seniority.Manager }, Leads.Now.AddDays(-10));
                scoring.Rescore(lead, model);
                db.Leads.Add(lead);
            }
            await db.SaveChangesAsync();
        }
        var draft = model.Definition with
        {
            FitRules = [.. model.Definition.FitRules.Select(r => r.Id == "fit-country" ? r with { Points = 25 } : r)],
            Mql = model.Definition.Mql with { Threshold = 200 },   // nobody is promoted: every new score goes through the UPDATE
        };
        await new ScoringEditor(_database.Contexts, _clock, new RescoreSignal()).SaveAsync(Marketer, draft, "Brazil matters more");

        // Another user promotes the middle lead's contact to executive and has not committed yet: the lead's row is locked.
        await using var other = _database.NewContext();
        await using var otherTransaction = await other.Database.BeginTransactionAsync();
        var changed = await other.Leads.OrderBy(l => l.Id).Skip(1).FirstAsync();
        changed.UpdateProfile(changed.Profile with { Seniority = Seniority.Executive });
        await other.SaveChangesAsync();

        var rescorer = new Rescorer(_database.Contexts, scoring, new RecordingNotifier(), new JobLeases(_database.Contexts, _clock), _clock,
            NullLogger<Rescorer>.Instance);
        var run = rescorer.RunPendingAsync(CancellationToken.None);
        // The rescore read the lead as it was committed, scored it, and now waits for the row to write its score.
        await WaitForALockWaitAsync(run);
        await otherTransaction.CommitAsync();
        Assert.True(await run);

        await using var check = _database.NewContext();
        var leads = await check.Leads.Include(l => l.Events).OrderBy(l => l.Id).ToListAsync();
        Assert.All(leads, l => Assert.Equal(2, l.ScoreModelVersion));
        foreach (var lead in leads)
        {
            var expected = LeadScorer.Score(lead.Profile, lead.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), draft, Leads.Now);
            Assert.Equal((expected.Fit, expected.Engagement), (lead.FitScore, lead.EngagementScore));
        }
        Assert.Equal(Seniority.Executive, leads[1].Seniority);
        var done = await check.RescoreRuns.SingleAsync();
        Assert.Equal((RescoreStatus.Completed, 3, 3), (done.Status, done.DoneLeads, done.ChangedLeads));
    }

    private async Task WaitForALockWaitAsync(Task run)
    {
        await using var db = _database.NewContext();
        for (var i = 0; i < 200 && !run.IsCompleted; i++)
        {
            var waiting = await db.Database.SqlQueryRaw<int>("""
                SELECT COUNT(*)::int AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """).ToListAsync();
            if (waiting.Single() > 0) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("The rescore never waited for the locked lead.");
    }
}
