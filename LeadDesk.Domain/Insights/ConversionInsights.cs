using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Insights;

/// <summary>
/// Closed-loop scoring: learns from the company's won and lost leads which fit and engagement signals predict a sale,
/// measures that on held-out leads beside the active rules, explains each prediction, and suggests rule points.
/// Training runs in the background (the insights trainer); this service queues runs and reads their results.
/// Marketing and Managers train and read; anyone who can open a lead reads its prediction; every call checks the caller.
/// The definitions (label, cut-off, fields, split) are in docs/decisions/closed-loop-scoring.md.
/// </summary>
public sealed class ConversionInsights(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, InsightsSignal signal)
{
    /// <summary>Fewer closed leads than this and a model would learn noise: training is refused.</summary>
    public const int MinimumClosedLeads = 200;

    /// <summary>Fewer leads than this of either outcome and the held-out figures would rest on a handful of leads.</summary>
    public const int MinimumPerOutcome = 40;

    /// <summary>
    /// Queues a training run (Marketing, Manager) and wakes the trainer; returns the run's id. A run already queued or
    /// running is returned instead of queuing a second one. <paramref name="seed"/> fixes the held-out split (a random
    /// one is drawn and shown when null). Too little data is not refused here but by the run, which records the shortfall.
    /// </summary>
    public Task<int> StartTrainingAsync(Caller caller, int? seed = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>How many closed leads there are and whether that is enough to train (Marketing, Manager).</summary>
    public Task<TrainingDataCheck> CheckDataAsync(Caller caller, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The newest run with its progress, and the newest completed result; null before the first run (Marketing, Manager).</summary>
    public Task<InsightsReport?> GetLatestAsync(Caller caller, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// The lead's probability of being won by the newest completed model, with the signals that pushed it up or down
    /// (any role). Null when no model has been trained yet. Refused with <see cref="LeadNotFoundException"/> for an unknown lead.
    /// </summary>
    public Task<LeadPrediction?> PredictAsync(Caller caller, int leadId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// The suggested rules of completed run <paramref name="runId"/> as a draft for <see cref="ScoringEditor.PreviewAsync"/>
    /// and <see cref="ScoringEditor.SaveAsync"/> (Marketing, Manager; only Marketing can then save it). Refused
    /// ("NoSuchTrainingRun") for a run that is not there or did not complete.
    /// </summary>
    public Task<RuleDraft> DraftFromSuggestionAsync(Caller caller, int runId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}

/// <summary>Wakes the insights trainer as soon as a run is queued, instead of at its next poll.</summary>
public sealed class InsightsSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
