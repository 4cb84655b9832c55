using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Scoring;

/// <summary>Reads the active scoring model and applies it to leads.</summary>
public sealed class ScoringService(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock)
{
    /// <summary>The newest model version: the one that scores.</summary>
    public async Task<ScoringModel> GetActiveModelAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await GetActiveModelAsync(db, cancellationToken);
    }

    internal static async Task<ScoringModel> GetActiveModelAsync(LeadDeskDbContext db, CancellationToken cancellationToken) =>
        await db.ScoringModels.AsNoTracking().OrderByDescending(m => m.Version).FirstOrDefaultAsync(cancellationToken)
        ?? throw new DomainException("No scoring model exists yet.", "NoScoringModel");

    /// <summary>
    /// Rescores a tracked lead from its loaded events. A Lead or Nurture lead that now meets the MQL definition is
    /// promoted by the system, with the score that made it so in the note.
    /// </summary>
    public ScoreResult Rescore(Lead lead, ScoringModel model)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var score = LeadScorer.Score(lead.Profile, lead.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), model.Definition, now);
        lead.ApplyScore(score, model.Version, now);
        var mql = LeadScorer.CheckMql(score, model.Definition.Mql);
        if (mql.Meets && lead.Stage is LifecycleStage.Lead or LifecycleStage.Nurture)
            lead.Promote(Actor.System, now,
                $"Score {score.Total} (fit {score.Fit}) met the MQL definition of model v{model.Version}: total ≥ {model.Definition.Mql.Threshold}, fit ≥ {model.Definition.Mql.MinimumFit}.");
        return score;
    }
}
