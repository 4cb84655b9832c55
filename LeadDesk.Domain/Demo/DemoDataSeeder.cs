using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Demo;

/// <summary>
/// Fills a new database with about 2,000 leads over the last 180 days whose histories reach every stage, written
/// through the same verbs the app uses, so every screen has real data to show. Same seed, same data.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const int DefaultSeed = 20261123;

    /// <summary>Typical monthly budgets of the paid channels; organic search, social and direct cost nothing to count.</summary>
    private static readonly (string Channel, decimal Budget)[] PaidChannels =
        [("Paid search", 5000m), ("Paid social", 3000m), ("Webinar", 1500m), ("Events", 3500m), ("Email", 600m), ("Referral", 900m)];

    private static readonly Actor SpendEnteredBy = new("demo-data", "Demo data");

    public async Task<int> SeedAsync(DemoCast cast, int leadCount = 2000, int seed = DefaultSeed, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Leads.AnyAsync(cancellationToken)) return 0;

        var model = await ScoringService.GetActiveModelAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var factory = new DemoLeadFactory(seed);
        var random = factory.Random;
        var leads = new List<Lead>(leadCount);
        for (var i = 0; i < leadCount; i++)
        {
            var createdAt = now.AddDays(-random.Double(0, 180)).AddSeconds(-random.Int(0, 3600));
            var lead = Lead.Create(factory.NextProfile(), createdAt);
            foreach (var (type, at, detail) in factory.NextEvents(createdAt, now, random.Double(0.1, 1.6)))
                lead.RecordEvent(type, at, detail);
            var score = LeadScorer.Score(lead.Profile, lead.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), model.Definition, now);
            lead.ApplyScore(score, model.Version, now);
            new DemoHistory(lead, cast, random, now, LeadScorer.CheckMql(score, model.Definition.Mql).Meets).Play();
            leads.Add(lead);
        }

        db.Leads.AddRange(leads);
        db.ChannelSpends.AddRange(MonthlySpend(random, now));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} demo leads", leads.Count);
        return leads.Count;
    }

    /// <summary>A spend per paid channel for each month the demo history covers, within ±20 % of its budget.</summary>
    private static IEnumerable<Analytics.ChannelSpend> MonthlySpend(Bogus.Randomizer random, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        for (var month = Analytics.ChannelSpend.MonthOf(today.AddDays(-180)); month <= today; month = month.AddMonths(1))
            foreach (var (channel, budget) in PaidChannels)
                yield return new Analytics.ChannelSpend(channel, month, Math.Round(budget * (decimal)random.Double(0.8, 1.2), 2), SpendEnteredBy, now);
    }
}
