using LeadDesk.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Scoring;

/// <summary>
/// What the rescorer and the preview read of every lead, on each engine: on SQLite each event comes as one number SQLite
/// computes from the stored time, which must give back the time exactly, to the tick.
/// </summary>
public sealed class ScoringInputTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Each_lead_comes_with_its_events_at_their_exact_times_and_types()
    {
        var at = new DateTime(2026, 3, 14, 15, 9, 26, DateTimeKind.Utc);
        var times = new[]
        {
            at, at.AddTicks(5_000_000), at.AddTicks(1_234_567), at.AddTicks(1), at.AddTicks(9_999_999), at.AddDays(-400).AddTicks(100),
            new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_000_000),
        };
        var types = Enum.GetValues<EngagementEventType>();
        var withEvents = Leads.New("events@acme.com");
        for (var i = 0; i < times.Length; i++) withEvents.RecordEvent(types[i % types.Length], times[i], null);
        var without = Leads.New("quiet@acme.com");
        await using (var db = _db.NewContext())
        {
            db.Leads.AddRange(withEvents, without);
            await db.SaveChangesAsync();
        }

        var read = new List<LeadToScore>();
        await using (var db = _db.NewContext())
        {
            await foreach (var batch in ScoringInput.BatchesAsync(db, 0, CancellationToken.None)) read.AddRange(batch);
        }

        // As the engine keeps them (PostgreSQL to the microsecond, SQLite to the tick), and as EF reads them back.
        await using var check = _db.NewContext();
        var stored = await check.Leads.Include(l => l.Events).SingleAsync(l => l.Id == withEvents.Id);
        var expected = stored.Events.Select(e => (e.Type, e.OccurredAt)).OrderBy(e => e.OccurredAt).ToList();
        if (check.Database.IsSqlite()) Assert.Equal(withEvents.Events.Select(e => e.OccurredAt).Order(), expected.Select(e => e.OccurredAt));
        var lead = Assert.Single(read, l => l.Id == withEvents.Id);
        Assert.Equal(expected, lead.Events.Select(e => (e.Type, e.OccurredAt)).ToList());
        Assert.All(lead.Events, e => Assert.Equal(DateTimeKind.Utc, e.OccurredAt.Kind));
        Assert.Empty(Assert.Single(read, l => l.Id == without.Id).Events);
    }

    [Fact]
    public void Every_event_type_fits_in_the_number_SQLite_reads_an_event_as()
    {
        Assert.All(Enum.GetValues<EngagementEventType>(), type => Assert.InRange((int)type, 0, ScoringInput.EventTypes - 1));
    }

    [Fact]
    public async Task The_stored_explanation_and_scores_come_as_they_are_stored()
    {
        var lead = Leads.New();
        var score = LeadScorer.Score(lead.Profile, [], DefaultScoringModel.Definition, Leads.Now);
        lead.ApplyScore(score, 1, Leads.Now);
        await using (var db = _db.NewContext())
        {
            db.Leads.Add(lead);
            await db.SaveChangesAsync();
        }

        await using var reader = _db.NewContext();
        var read = new List<LeadToScore>();
        await foreach (var batch in ScoringInput.BatchesAsync(reader, 0, CancellationToken.None)) read.AddRange(batch);

        var row = Assert.Single(read);
        Assert.Equal((score.Fit, score.Engagement), (row.FitScore, row.EngagementScore));
        Assert.Equal(new ExplanationJson().Write(score.Lines).ToArray(), row.ExplanationUtf8);
        Assert.Equal(lead.ConcurrencyToken.ToString(), row.ConcurrencyToken.ToString(), ignoreCase: true);
    }
}
