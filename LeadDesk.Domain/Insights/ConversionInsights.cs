using LeadDesk.Domain.Background;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Insights;

/// <summary>
/// Closed-loop scoring: learns from the company's won and lost leads which fit and engagement signals predict a sale,
/// measures that on held-out leads beside the active rules, explains each prediction, and suggests rule points.
/// Training runs in the background (<see cref="InsightsTrainer"/>); this service queues runs and reads their results.
/// Marketing and Managers train and read; anyone who can open a lead reads its prediction; every call checks the caller.
/// The definitions (label, cut-off, fields, split) are in docs/decisions/closed-loop-scoring.md.
/// </summary>
public sealed class ConversionInsights(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, InsightsSignal signal)
{
    /// <summary>Fewer closed leads than this and a model would learn noise: training is refused.</summary>
    public const int MinimumClosedLeads = 200;

    /// <summary>Fewer leads than this of either outcome and the held-out figures would rest on a handful of leads.</summary>
    public const int MinimumPerOutcome = 40;

    private const string ReadAction = "read conversion insights";

    /// <summary>The newest completed run's model, loaded once and kept until a newer run completes.</summary>
    private volatile ConversionModel? _model;
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>
    /// Queues a training run (Marketing, Manager) and wakes the trainer; returns the run's id. A run already queued or
    /// running is returned instead of queuing a second one. <paramref name="seed"/> fixes the held-out split (a random
    /// one is drawn and shown when null). Too little data is not refused here but by the run, which records the shortfall.
    /// </summary>
    public async Task<int> StartTrainingAsync(Caller caller, int? seed = null, CancellationToken cancellationToken = default)
    {
        caller.Require("train the conversion model", Roles.Marketing, Roles.Manager);
        if (seed is < 0) throw new DomainException("The seed must be zero or more.", "NegativeSeed");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await db.TrainingRuns.Where(r => r.Status == TrainingStatus.Queued || r.Status == TrainingStatus.Running)
            .OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (active is { } id) return id;
        var run = new TrainingRun(seed ?? Random.Shared.Next(1, 1_000_000), caller.Actor, clock.GetUtcNow().UtcDateTime);
        db.TrainingRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return run.Id;
    }

    /// <summary>How many closed leads there are and whether that is enough to train (Marketing, Manager).</summary>
    public async Task<TrainingDataCheck> CheckDataAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.Require(ReadAction, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var closed = await TrainingSet.ClosedLeadsAsync(db, cancellationToken);
        var won = closed.Count(c => c.Outcome.Won);
        return new TrainingDataCheck(closed.Count, won, closed.Count - won, TrainingGuard.Check(closed.Count, won, closed.Count - won));
    }

    /// <summary>The newest run with its progress, and the newest completed result; null before the first run (Marketing, Manager).</summary>
    public async Task<InsightsReport?> GetLatestAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.Require(ReadAction, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Read without the model bytes: the page needs the run's state and the result's figures only.
        var latest = await db.TrainingRuns.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Status, r.Step, r.StepDone, r.StepTotal, r.Seed, r.RequestedByName, r.QueuedAt, r.StartedAt, r.FinishedAt,
                r.ClosedLeads, r.WonLeads, r.LostLeads, r.Error })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null) return null;
        var refusal = latest.Status == TrainingStatus.Refused ? TrainingGuard.Check(latest.ClosedLeads, latest.WonLeads, latest.LostLeads) : null;
        var view = new TrainingRunView(latest.Id, latest.Status, new TrainingProgress(latest.Step, latest.StepDone, latest.StepTotal), latest.Seed,
            latest.RequestedByName, latest.QueuedAt, latest.StartedAt, latest.FinishedAt, refusal, latest.Error);
        var json = await db.TrainingRuns.AsNoTracking().Where(r => r.Status == TrainingStatus.Completed).OrderByDescending(r => r.Id)
            .Select(r => r.ResultJson).FirstOrDefaultAsync(cancellationToken);
        return new InsightsReport(view, json is null ? null : JsonColumn.Deserialize<TrainingResult>(json));
    }

    /// <summary>
    /// The lead's probability of being won by the newest completed model, with the signals that pushed it up or down
    /// (any role). Null when no model has been trained yet. Refused with <see cref="LeadNotFoundException"/> for an unknown lead.
    /// </summary>
    public async Task<LeadPrediction?> PredictAsync(Caller caller, int leadId, CancellationToken cancellationToken = default)
    {
        caller.Require("read a lead's conversion probability", Roles.Marketing, Roles.Sales, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var history = await TrainingSet.LeadAsync(db, leadId, clock.GetUtcNow().UtcDateTime, cancellationToken)
                      ?? throw new LeadNotFoundException(leadId);
        var model = await ModelAsync(db, cancellationToken);
        if (model is null) return null;
        var (profile, cutOff, events) = history;
        var features = model.Space.Vector(profile, events, cutOff);
        var (up, down) = model.Signals(features, profile, events);
        return new LeadPrediction(leadId, model.Predict(features), model.Readable.Chosen, model.RunId, model.TrainedAt, up, down, cutOff);
    }

    /// <summary>
    /// The suggested rules of completed run <paramref name="runId"/> as a draft for <see cref="ScoringEditor.PreviewAsync"/>
    /// and <see cref="ScoringEditor.SaveAsync"/> (Marketing, Manager; only Marketing can then save it). Refused
    /// ("NoSuchTrainingRun") for a run that is not there or did not complete.
    /// </summary>
    public async Task<RuleDraft> DraftFromSuggestionAsync(Caller caller, int runId, CancellationToken cancellationToken = default)
    {
        caller.Require(ReadAction, Roles.Marketing, Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.TrainingRuns.AsNoTracking().Where(r => r.Id == runId && r.Status == TrainingStatus.Completed)
            .Select(r => r.ResultJson).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException($"There is no completed training run {runId}.", "NoSuchTrainingRun", runId);
        var result = JsonColumn.Deserialize<TrainingResult>(json);
        var auc = result.For(PredictorKind.SuggestedRules).RocAuc;
        var note = FormattableString.Invariant(
            $"Suggested by closed-loop scoring run {runId} ({result.Data.ClosedLeads} closed leads, seed {result.Data.Seed}): held-out ROC AUC {auc:0.000}, model v{result.Suggestion.BasedOnModelVersion} {result.For(PredictorKind.CurrentRules).RocAuc:0.000}.");
        return new RuleDraft(result.Suggestion.Definition, note, runId);
    }

    /// <summary>The newest completed run's model, loaded when a newer one has completed since the last call.</summary>
    private async Task<ConversionModel?> ModelAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        var newest = await db.TrainingRuns.AsNoTracking().Where(r => r.Status == TrainingStatus.Completed && r.ModelBytes != null)
            .OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (newest is null) return null;
        if (_model?.RunId == newest) return _model;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_model?.RunId == newest) return _model;
            var stored = await db.TrainingRuns.AsNoTracking().Where(r => r.Id == newest)
                .Select(r => new { r.FinishedAt, r.ReadableModelJson, r.ModelBytes }).SingleOrDefaultAsync(cancellationToken);
            // A newer run completed between the two reads and took the bytes: the next call loads that one.
            if (stored?.ModelBytes is null || stored.ReadableModelJson is null) return _model;
            _model = new ConversionModel(newest.Value, stored.FinishedAt ?? default, JsonColumn.Deserialize<ReadableModel>(stored.ReadableModelJson), stored.ModelBytes);
            return _model;
        }
        finally
        {
            _loading.Release();
        }
    }
}

/// <summary>Wakes the <see cref="InsightsTrainer"/> as soon as a run is queued, instead of at its next poll.</summary>
public sealed class InsightsSignal : WakeSignal;
