using CsCheck;
using LeadDesk.Domain.Persistence;
using LeadDesk.Tests.Analytics;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Persistence;

/// <summary>
/// The migration DashboardFacts fills, for rows written before it, the columns that the lifecycle verbs and scoring now
/// write as they go: for random histories (created or imported leads walking the lifecycle, scored with random rules),
/// its SQL computes exactly what the verbs wrote, on the engine the run uses.
/// </summary>
public sealed class DashboardFactsBackfillTests
{
    private const long Iterations = 25;

    private static readonly Actor Importer = new("importer-1", "Ivo Import");

    /// <summary>Rules to score with: labels with accents (outside ASCII, inside the Basic Multilingual Plane) and a rule with two lines.</summary>
    private static readonly (string Id, string Label)[] Rules =
    [
        ("fit-title", "Job title: VP or director"), ("fit-size", "Größe 50–999"), ("fit-country", "País objetivo"),
        ("eng-pricing", "Visited pricing"), ("eng-demo", "Asked for a demo"), ("eng-webinar", "Webinar"),
    ];

    /// <summary>One lead: its plan, the stage it was imported into (null: created by hand), and which rules score it.</summary>
    private sealed record Case(FunnelPropertyTests.LeadPlan Plan, LifecycleStage? ImportedAs, int RuleMask);

    private static readonly Gen<Case> OneLead = Gen.Select(
        FunnelPropertyTests.Plan,
        Gen.Int[-3, 8].Select(i => i < 0 ? null : (LifecycleStage?)i),
        Gen.Int[0, (1 << Rules.Length) - 1],
        (plan, imported, mask) => new Case(plan, imported, mask));

    private static Lead Build(int index, Case c)
    {
        var created = FunnelPropertyTests.Origin.AddSeconds(c.Plan.CreatedSeconds);
        var profile = Leads.Profile($"lead{index}@example.com");
        var lead = c.ImportedAs is { } stage
            ? Lead.Import(profile, created, stage, Importer, created.AddHours(1), "Import: leads.csv")
            : Lead.Create(profile, created);
        var lines = Rules.Where((_, i) => (c.RuleMask & (1 << i)) != 0)
            .SelectMany(r => r.Id == "eng-pricing"
                ? new[] { new ScoreLine(r.Id, r.Label, ScoreComponent.Engagement, 5, 2, false), new ScoreLine(r.Id, r.Label, ScoreComponent.Engagement, 3, 1, true) }
                : [new ScoreLine(r.Id, r.Label, ScoreComponent.Fit, 10, 1, false)])
            .ToList();
        lead.ApplyScore(new ScoreResult(lines.Sum(l => l.Points), 0, lines), 1, created);
        FunnelPropertyTests.Walk(lead, created.AddHours(2), c.Plan.Steps);
        return lead;
    }

    [Fact]
    public async Task The_backfill_computes_what_the_verbs_and_scoring_write()
    {
        await OneLead.Array[1, 20].SampleAsync(async cases =>
        {
            var leads = cases.Select((c, i) => Build(i, c)).ToList();
            await using var db = await TestDatabase.CreateAsync();
            await AnalyticsHistory.SaveAsync(db, [.. leads]);
            var written = await ReadAsync(db);

            await using (var context = db.NewContext())
            {
                await context.Decisions.ExecuteUpdateAsync(d => d
                    .SetProperty(x => x.LeadCreatedAt, DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc))
                    .SetProperty(x => x.HandedOffAt, (DateTime?)null)
                    .SetProperty(x => x.StepDuration, (TimeSpan?)null));
                await context.Leads.ExecuteUpdateAsync(l => l
                    .SetProperty(x => x.ReachedMqlAt, (DateTime?)null).SetProperty(x => x.ReachedSalAt, (DateTime?)null)
                    .SetProperty(x => x.ReachedSqlAt, (DateTime?)null).SetProperty(x => x.ReachedOpportunityAt, (DateTime?)null)
                    .SetProperty(x => x.ReachedWonAt, (DateTime?)null).SetProperty(x => x.LastPromotedAt, (DateTime?)null)
                    .SetProperty(x => x.LastAcceptedAt, (DateTime?)null).SetProperty(x => x.LastQualifiedAt, (DateTime?)null)
                    .SetProperty(x => x.ScoreRulesKey, 0L));
                // One connection for all of it, as in the migration: the SQL keeps a temporary table between statements.
                await context.Database.OpenConnectionAsync();
                foreach (var sql in TestDatabase.IsPostgreSql ? DashboardFactsSql.PostgreSql : DashboardFactsSql.Sqlite)
                    await context.Database.ExecuteSqlRawAsync(sql);
            }

            var backfilled = await ReadAsync(db);
            Assert.Equal(written.Leads, backfilled.Leads);
            Assert.Equal(written.Decisions, backfilled.Decisions);
        }, iter: Iterations, print: cases => string.Join(Environment.NewLine, cases.Select(c => c.ToString())));
    }

    private sealed record LeadFacts(int Id, DateTime? Mql, DateTime? Sal, DateTime? Sql, DateTime? Opportunity, DateTime? Won,
        DateTime? Promoted, DateTime? Accepted, DateTime? Qualified, long RulesKey);

    private sealed record DecisionFacts(long Id, LifecycleVerb Verb, DateTime LeadCreatedAt, DateTime? HandedOffAt, TimeSpan? StepDuration);

    private static async Task<(List<LeadFacts> Leads, List<DecisionFacts> Decisions)> ReadAsync(TestDatabase db)
    {
        await using var context = db.NewContext();
        var leads = await context.Leads.AsNoTracking().OrderBy(l => l.Id)
            .Select(l => new LeadFacts(l.Id, l.ReachedMqlAt, l.ReachedSalAt, l.ReachedSqlAt, l.ReachedOpportunityAt, l.ReachedWonAt,
                l.LastPromotedAt, l.LastAcceptedAt, l.LastQualifiedAt, l.ScoreRulesKey))
            .ToListAsync();
        var decisions = await context.Decisions.AsNoTracking().OrderBy(d => d.Id)
            .Select(d => new DecisionFacts(d.Id, d.Verb, d.LeadCreatedAt, d.HandedOffAt, d.StepDuration))
            .ToListAsync();
        return (leads, decisions);
    }
}
