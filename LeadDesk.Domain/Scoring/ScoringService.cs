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
        Apply(lead, model, score, now);
        return score;
    }

    /// <summary>
    /// Gives a tracked lead the <paramref name="score"/> the model gave it at <paramref name="scoredAt"/>, computed from
    /// the lead as it is, and promotes it as <see cref="Rescore"/> does: for a caller that scored it already and knows
    /// it has not changed since (the rescorer, by its concurrency token), so its events need not be loaded again.
    /// </summary>
    internal static void Apply(Lead lead, ScoringModel model, ScoreResult score, DateTime scoredAt)
    {
        lead.ApplyScore(score, model.Version, scoredAt);
        if (LeadScorer.MeetsMql(score, model.Definition.Mql) && lead.Stage is LifecycleStage.Lead or LifecycleStage.Nurture)
            lead.Promote(Actor.System, scoredAt,
                $"Score {score.Total} (fit {score.Fit}) met the MQL definition of model v{model.Version}: total ≥ {model.Definition.Mql.Threshold}, fit ≥ {model.Definition.Mql.MinimumFit}.");
    }
}
