using System.Text.Json.Serialization;

namespace LeadDesk.Domain.Insights;

/// <summary>Where a training run stands.</summary>
public enum TrainingStatus
{
    /// <summary>Asked for; waiting for the background trainer.</summary>
    Queued = 0,
    Running = 1,
    /// <summary>Trained and measured: <see cref="InsightsReport.Result"/> holds its figures.</summary>
    Completed = 2,
    /// <summary>Too few closed leads to learn from; <see cref="TrainingRunView.Refusal"/> says how many more are needed.</summary>
    Refused = 3,
    /// <summary>Stopped by an error; see <see cref="TrainingRunView.Error"/>.</summary>
    Failed = 4,
}

/// <summary>What a running training is doing; <see cref="TrainingProgress.Done"/> of <see cref="TrainingProgress.Total"/> counts within the step.</summary>
public enum TrainingStep
{
    Waiting = 0,
    /// <summary>Reading closed leads and their history up to the cut-off (counts leads).</summary>
    ReadingLeads = 1,
    /// <summary>Fitting the models (counts rounds: each fits both learners; the trial rounds, then the final one).</summary>
    Training = 2,
    /// <summary>Scoring the held-out leads with each model and with the active rules (counts predictors).</summary>
    Evaluating = 3,
    /// <summary>Turning the readable model's weights into rule points and measuring them.</summary>
    Suggesting = 4,
    Done = 5,
}

public sealed record TrainingProgress(TrainingStep Step, int Done, int Total);

/// <summary>
/// Too few closed leads to train on: fewer than <see cref="ConversionInsights.MinimumClosedLeads"/> in all, or fewer than
/// <see cref="ConversionInsights.MinimumPerOutcome"/> of either outcome. The "More…" figures say how many more are needed
/// (0 when that condition is met).
/// </summary>
public sealed record TooLittleData(int ClosedLeads, int Won, int Lost, int MoreClosedNeeded, int MoreWonNeeded, int MoreLostNeeded);

/// <summary>How many closed leads there are now, and whether that is enough to train (<see cref="Shortfall"/> null).</summary>
public sealed record TrainingDataCheck(int ClosedLeads, int Won, int Lost, TooLittleData? Shortfall)
{
    public bool Enough => Shortfall is null;
}

/// <summary>One training run as the insights page follows it.</summary>
/// <param name="Seed">The seed of the random held-out split: the same data and seed give the same split and figures.</param>
public sealed record TrainingRunView(
    int Id,
    TrainingStatus Status,
    TrainingProgress Progress,
    int Seed,
    string RequestedByName,
    DateTime QueuedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    TooLittleData? Refusal,
    string? Error)
{
    public bool IsFinished => Status is TrainingStatus.Completed or TrainingStatus.Refused or TrainingStatus.Failed;
}

/// <summary>The closed leads a model learned from and how they were split.</summary>
/// <param name="HeldOutFraction">The share of closed leads kept aside, chosen at random with <see cref="Seed"/>.</param>
/// <param name="RulesModelVersion">The active scoring model version the figures compare with.</param>
public sealed record TrainingData(
    int ClosedLeads,
    int Won,
    int Lost,
    int TrainingLeads,
    int HeldOutLeads,
    int HeldOutWon,
    double HeldOutFraction,
    int Seed,
    DateTime FirstOutcomeAt,
    DateTime LastOutcomeAt,
    int RulesModelVersion);

/// <summary>Which side of scoring a field belongs to: who the lead is, or what the lead did.</summary>
public enum FeatureGroup
{
    Fit = 0,
    Engagement = 1,
}

/// <summary>
/// A field the models read. <paramref name="Key"/> is stable ("Fit.Country", "Engagement.PricingPageVisit") and
/// names the resource a screen shows; <paramref name="Attribute"/> or <paramref name="EventType"/> says which it is.
/// </summary>
public sealed record InsightField(string Key, FeatureGroup Group, LeadAttribute? Attribute, EngagementEventType? EventType);

/// <summary>Why a field is not used.</summary>
public enum ExclusionReason
{
    /// <summary>Written by sales after contact (stage, status, owner, BANT, opportunity, reasons): it would learn the outcome.</summary>
    WrittenBySales = 0,
    /// <summary>Happened after the lead's handoff or outcome (later events, later decisions).</summary>
    AfterCutOff = 1,
    /// <summary>The same for every closed lead (nothing to learn), or never filled.</summary>
    NoVariation = 2,
    /// <summary>Identifies the person (name, email, phone, company name): it cannot generalise to new leads.</summary>
    Identifying = 3,
    /// <summary>No scoring rule can read it (the UTM fields), so no suggestion could give it points.</summary>
    RulesCannotReadIt = 4,
}

/// <summary>A lead field left out of training, and why. <paramref name="Key"/> as for <see cref="InsightField"/> ("Sales.Stage", "Fit.Industry" …).</summary>
public sealed record ExcludedField(string Key, ExclusionReason Reason);

/// <summary>What produced a score: one of the two fitted models, or a rule-based scoring model.</summary>
public enum PredictorKind
{
    /// <summary>Logistic regression: one readable weight per field value.</summary>
    LogisticRegression = 0,
    /// <summary>Gradient-boosted trees (FastTree).</summary>
    BoostedTrees = 1,
    /// <summary>The active scoring model's total score.</summary>
    CurrentRules = 2,
    /// <summary>The total score of the suggested rules (<see cref="RuleSuggestion"/>).</summary>
    SuggestedRules = 3,
}

/// <summary>
/// Held-out leads in one band of predicted probability (fitted models: <paramref name="MeanPredicted"/> is the mean
/// probability) or of score (rules: From/To are points, <paramref name="MeanPredicted"/> is null), and how many were won.
/// </summary>
public sealed record CalibrationBin(double From, double To, int Leads, int Won, double? MeanPredicted)
{
    public double WonRate => Leads == 0 ? 0 : (double)Won / Leads;
}

/// <summary>One point of a ROC curve.</summary>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate);

/// <summary>
/// How one predictor did on the held-out leads. <paramref name="Threshold"/> is a probability for fitted models (chosen on
/// the training leads for the best accuracy; a lead at or over it is predicted won) and points for rules (the model's
/// MQL threshold; a lead that meets the whole MQL definition is predicted won). Accuracy, precision and recall count
/// those predictions against the outcomes.
/// </summary>
public sealed record PredictorFigures(
    PredictorKind Kind,
    double RocAuc,
    double Threshold,
    double Accuracy,
    double Precision,
    double Recall,
    IReadOnlyList<CalibrationBin> Calibration,
    IReadOnlyList<RocPoint> Roc);

/// <summary>One weight of the logistic regression, in log-odds per unit of the field (per event for engagement: see the decision note).</summary>
/// <param name="Value">The attribute value or band ("IN", "50–999"); null for an engagement count.</param>
public sealed record FeatureWeight(InsightField Field, string? Value, double Weight);

/// <summary>A suggested rule beside the current rule that tests the same thing (null when the current model has none).</summary>
public sealed record SuggestedRule(FeatureGroup Group, string RuleId, string Label, int Points, string? CurrentRuleId, int? CurrentPoints);

/// <summary>
/// The logistic regression turned into the rule types of <see cref="ScoringModelDefinition"/>: fit points per attribute
/// value, engagement points per event with a cap. <paramref name="PointsPerLogOdds"/> is the scale used;
/// <paramref name="Definition"/> is a complete, valid model (MQL threshold included) that the scoring editor can preview and save.
/// <paramref name="CurrentMql"/> is the MQL definition of model <paramref name="BasedOnModelVersion"/>, to show beside the
/// suggested one (null in runs saved before it was kept).
/// </summary>
public sealed record RuleSuggestion(
    ScoringModelDefinition Definition,
    IReadOnlyList<SuggestedRule> Rules,
    double PointsPerLogOdds,
    int BasedOnModelVersion,
    MqlDefinition? CurrentMql = null)
{
    /// <summary>
    /// Whether the suggested minimum fit turns no lead away (it is the lowest fit the rules can give): the model weighs fit
    /// and engagement together, so only the threshold on the total decides.
    /// </summary>
    [JsonIgnore]
    public bool HasNoFitMinimum => Definition.Mql.MinimumFit <= Definition.FitRules.Where(r => r.Points < 0).Sum(r => r.Points);
}

/// <summary>What a completed run learned and how well it predicts leads it did not see.</summary>
/// <param name="Chosen">
/// The fitted model that predicted better on training leads it had not seen (the trees only if strictly better; the
/// held-out leads take no part in the choice): the one <see cref="ConversionInsights.PredictAsync"/> uses.
/// </param>
/// <param name="Figures">One entry per <see cref="PredictorKind"/>, on the same held-out leads.</param>
/// <param name="Weights">The logistic regression's weights, largest effect first.</param>
public sealed record TrainingResult(
    int RunId,
    DateTime TrainedAt,
    TrainingData Data,
    IReadOnlyList<InsightField> FieldsUsed,
    IReadOnlyList<ExcludedField> FieldsExcluded,
    PredictorKind Chosen,
    IReadOnlyList<PredictorFigures> Figures,
    IReadOnlyList<FeatureWeight> Weights,
    RuleSuggestion Suggestion)
{
    public PredictorFigures For(PredictorKind kind) => Figures.Single(f => f.Kind == kind);
}

/// <summary>The newest run (whatever its state) and the result of the newest completed run (null before the first).</summary>
public sealed record InsightsReport(TrainingRunView LatestRun, TrainingResult? Result);

/// <summary>
/// One field's push on a lead's prediction, in log-odds against the average closed lead the model learned from:
/// positive pushes toward won. <paramref name="Value"/> is the lead's own value of the field (its country, its company
/// size, or for engagement its number of events up to the cut-off; null when it has none). <paramref name="LeadHasValue"/>
/// is false when the lead's value is not one the model weighs (empty, or too rare to learn from): the push then comes
/// from lacking the values that weigh (not being in country IN, say, where most leads are).
/// </summary>
public sealed record Signal(InsightField Field, string? Value, double Contribution, bool LeadHasValue = true);

/// <summary>A lead's probability of being won, by the chosen model of run <paramref name="RunId"/>, and the readable model's reasons.</summary>
/// <param name="Up">Signals that raised it, strongest first.</param>
/// <param name="Down">Signals that lowered it, strongest first.</param>
/// <param name="CutOff">The history read: events up to this time (the lead's first handoff or outcome, or now).</param>
public sealed record LeadPrediction(
    int LeadId,
    double Probability,
    PredictorKind Model,
    int RunId,
    DateTime TrainedAt,
    IReadOnlyList<Signal> Up,
    IReadOnlyList<Signal> Down,
    DateTime CutOff);

/// <summary>A suggested rule set as a draft for the scoring editor: preview it, then save it as a new version.</summary>
public sealed record RuleDraft(ScoringModelDefinition Definition, string Note, int RunId);
