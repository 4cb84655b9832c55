using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Scoring;

/// <summary>What scoring needs of one lead, and what it has stored now.</summary>
internal sealed record LeadToScore(
    int Id, string FirstName, string LastName, LeadProfile Profile, LifecycleStage Stage,
    int FitScore, int EngagementScore, int? ScoreModelVersion, IReadOnlyList<ScoreLine> Explanation, List<EventOccurrence> Events)
{
    public string Name => string.IsNullOrWhiteSpace($"{FirstName}{LastName}") ? Profile.Email : $"{FirstName} {LastName}".Trim();
    public int TotalScore => FitScore + EngagementScore;
}

/// <summary>
/// Every lead with its events, in batches by ascending id: two range queries per batch (leads, then their events by
/// the (LeadId, OccurredAt) index), so scoring a million leads holds one batch in memory at a time.
/// </summary>
internal static class ScoringInput
{
    public const int BatchSize = 2000;

    public static async IAsyncEnumerable<IReadOnlyList<LeadToScore>> BatchesAsync(LeadDeskDbContext db, int afterId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken, int batchSize = BatchSize)
    {
        while (true)
        {
            var leads = await db.Leads.AsNoTracking()
                .Where(l => l.Id > afterId)
                .OrderBy(l => l.Id)
                .Take(batchSize)
                .Select(l => new
                {
                    l.Id, l.FirstName, l.LastName, l.Stage, l.FitScore, l.EngagementScore, l.ScoreModelVersion, l.ScoreExplanation,
                    Profile = new LeadProfile
                    {
                        FirstName = l.FirstName, LastName = l.LastName, Email = l.Email, JobTitle = l.JobTitle, Seniority = l.Seniority,
                        Department = l.Department, Company = l.Company, CompanySize = l.CompanySize, Industry = l.Industry,
                        Country = l.Country, AnnualRevenue = l.AnnualRevenue, Source = l.Source,
                    },
                })
                .ToListAsync(cancellationToken);
            if (leads.Count == 0) yield break;

            var (first, last) = (leads[0].Id, leads[^1].Id);
            var events = (await db.EngagementEvents.AsNoTracking()
                    .Where(e => e.LeadId >= first && e.LeadId <= last)
                    .Select(e => new { e.LeadId, e.Type, e.OccurredAt })
                    .ToListAsync(cancellationToken))
                .GroupBy(e => e.LeadId)
                .ToDictionary(g => g.Key, g => g.Select(e => new EventOccurrence(e.Type, e.OccurredAt)).ToList());

            yield return leads.Select(l => new LeadToScore(l.Id, l.FirstName, l.LastName, l.Profile, l.Stage, l.FitScore, l.EngagementScore,
                l.ScoreModelVersion, l.ScoreExplanation, events.GetValueOrDefault(l.Id) ?? [])).ToList();
            afterId = last;
        }
    }
}
