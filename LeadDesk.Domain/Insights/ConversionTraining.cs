using Microsoft.ML;

namespace LeadDesk.Domain.Insights;

/// <summary>What a training produced: the figures the page shows, the readable model and the chosen model's bytes.</summary>
public sealed record TrainedModels(TrainingResult Result, ReadableModel Readable, byte[] ModelBytes);

/// <summary>
/// Trains and measures on closed leads already read (<see cref="TrainingSet"/>): split, features, both models, the
/// held-out figures of both and of the active rules, and the suggested rules with their own figures. Deterministic: the
/// same leads (in the same order) and seed give the same split, models and figures.
/// </summary>
public static class ConversionTraining
{
    /// <summary>The share of closed leads held out to measure on.</summary>
    public const double HeldOutFraction = 0.25;

    /// <summary>The share of the training leads set aside to choose between the models and the threshold.</summary>
    public const double ValidationFraction = 0.2;

    /// <param name="examples">Every closed lead, with enough of each outcome (<see cref="TrainingGuard"/>).</param>
    /// <param name="rules">The active scoring model: the rules measured beside the models, whose decay the features use.</param>
    /// <param name="progress">Told as each model is fitted and each predictor measured.</param>
    public static TrainedModels Train(IReadOnlyList<TrainingExample> examples, ScoringModel rules, int seed, int runId, DateTime trainedAt,
        Action<TrainingStep, int, int>? progress = null)
    {
        var (heldOut, fitting, validation) = Split(examples, seed);
        var training = fitting.Concat(validation).ToList();
        var space = FeatureSpace.Learn(training, rules.Definition);
        if (space.Count == 0)
            throw new DomainException("No field varies among the closed leads, so there is nothing to learn from.", "NothingToLearn");

        // Each lead's features once; every fit below reads the same vectors.
        var vectors = examples.ToDictionary(e => e.LeadId, e => space.Vector(e.Profile, e.Events, e.CutOff));
        List<ModelInput> Rows(IEnumerable<TrainingExample> leads) => leads.Select(e => new ModelInput { Label = e.Won, Features = vectors[e.LeadId] }).ToList();
        var heldOutRows = Rows(heldOut);
        var heldOutWon = heldOut.Select(e => e.Won).ToList();

        // Choose between the models, and each one's threshold, on predictions for training leads the model did not see;
        // then refit both on every training lead. The held-out leads take no part in any choice.
        var folds = Folds(fitting, validation, seed);
        var (logisticProbe, boostedProbe, probeWon) = (new List<double>(), new List<double>(), new List<bool>());
        for (var f = 0; f < folds.Count; f++)
        {
            progress?.Invoke(TrainingStep.Training, f, folds.Count + 1);
            var (fit, check) = (Rows(folds[f].Fit), Rows(folds[f].Check));
            var (logisticFold, boostedFold) = FitBoth(fit, space.Count, seed);
            logisticProbe.AddRange(logisticFold.Probabilities(check));
            boostedProbe.AddRange(boostedFold.Probabilities(check));
            probeWon.AddRange(check.Select(r => r.Label));
        }
        // Gradient-boosted trees must predict better to be chosen: on a tie the readable model predicts.
        var chosen = Evaluation.RocAuc(boostedProbe, probeWon) > Evaluation.RocAuc(logisticProbe, probeWon)
            ? PredictorKind.BoostedTrees : PredictorKind.LogisticRegression;
        var logisticThreshold = Evaluation.BestThreshold(logisticProbe, probeWon);
        var boostedThreshold = Evaluation.BestThreshold(boostedProbe, probeWon);
        progress?.Invoke(TrainingStep.Training, folds.Count, folds.Count + 1);
        var (logistic, boosted) = FitBoth(Rows(training), space.Count, seed);
        progress?.Invoke(TrainingStep.Training, folds.Count + 1, folds.Count + 1);

        progress?.Invoke(TrainingStep.Evaluating, 0, 3);
        var figures = new List<PredictorFigures>
        {
            Evaluation.ForProbabilities(PredictorKind.LogisticRegression, logistic.Probabilities(heldOutRows), heldOutWon, logisticThreshold),
            Evaluation.ForProbabilities(PredictorKind.BoostedTrees, boosted.Probabilities(heldOutRows), heldOutWon, boostedThreshold),
        };
        progress?.Invoke(TrainingStep.Evaluating, 2, 3);
        figures.Add(RuleFigures(PredictorKind.CurrentRules, rules.Definition, heldOut));
        progress?.Invoke(TrainingStep.Evaluating, 3, 3);

        progress?.Invoke(TrainingStep.Suggesting, 0, 1);
        var (weights, bias) = Learners.LogisticWeights(logistic.Model);
        var means = Means(space, training);
        var readable = new ReadableModel(space.Features, weights, bias, means, chosen,
            chosen == PredictorKind.BoostedTrees ? boostedThreshold : logisticThreshold);
        // The rules follow the logistic regression, so their MQL threshold is its threshold.
        var suggestion = RuleSuggester.Suggest(readable with { Threshold = logisticThreshold }, rules);
        figures.Add(RuleFigures(PredictorKind.SuggestedRules, suggestion.Definition, heldOut));
        progress?.Invoke(TrainingStep.Suggesting, 1, 1);

        var data = new TrainingData(examples.Count, examples.Count(e => e.Won), examples.Count(e => !e.Won), training.Count, heldOut.Count,
            heldOut.Count(e => e.Won), HeldOutFraction, seed, examples.Min(e => e.OutcomeAt), examples.Max(e => e.OutcomeAt), rules.Version);
        var featureWeights = Enumerable.Range(0, space.Count).Where(i => weights[i] != 0)
            .Select(i => new FeatureWeight(space.Features[i].Field, space.Features[i].Display, weights[i]))
            .OrderByDescending(w => Math.Abs(w.Weight)).ToList();
        var result = new TrainingResult(runId, trainedAt, data, space.FieldsUsed, space.FieldsExcluded, chosen, figures, featureWeights, suggestion);
        var bytes = (chosen == PredictorKind.BoostedTrees ? boosted : logistic).Save();
        return new TrainedModels(result, readable, bytes);
    }

    /// <summary>
    /// The random split, stratified by outcome: each outcome's leads (by id) shuffled with the seed, the first quarter held
    /// out, the next fifth of the rest kept to validate, the others fitted on.
    /// </summary>
    public static (List<TrainingExample> HeldOut, List<TrainingExample> Fitting, List<TrainingExample> Validation) Split(
        IReadOnlyList<TrainingExample> examples, int seed)
    {
        var random = new Random(seed);
        var (heldOut, fitting, validation) = (new List<TrainingExample>(), new List<TrainingExample>(), new List<TrainingExample>());
        foreach (var outcome in new[] { true, false })
        {
            var leads = examples.Where(e => e.Won == outcome).OrderBy(e => e.LeadId).ToArray();
            random.Shuffle(leads);
            var held = (int)Math.Round(leads.Length * HeldOutFraction);
            var validate = (int)Math.Round((leads.Length - held) * ValidationFraction);
            heldOut.AddRange(leads.Take(held));
            validation.AddRange(leads.Skip(held).Take(validate));
            fitting.AddRange(leads.Skip(held + validate));
        }
        return (heldOut, fitting, validation);
    }

    /// <summary>
    /// Fits both learners on the same rows at once, one on each thread. Each has its own ML.NET context seeded alike, so
    /// that running them side by side changes nothing in what they learn.
    /// </summary>
    private static (Fitted Logistic, Fitted Boosted) FitBoth(List<ModelInput> rows, int features, int seed)
    {
        Fitted? logistic = null, boosted = null;
        Parallel.Invoke(
            () => logistic = Fitted.Fit(seed, rows, features, Learners.FitLogistic),
            () => boosted = Fitted.Fit(seed, rows, features, Learners.FitBoosted));
        return (logistic!, boosted!);
    }

    /// <summary>A fitted model with the context it was fitted in (which scores and saves it).</summary>
    private sealed record Fitted(MLContext Context, ITransformer Model, int Features)
    {
        public static Fitted Fit(int seed, List<ModelInput> rows, int features, Func<MLContext, IDataView, ITransformer> learner)
        {
            var ml = Learners.Context(seed);
            return new Fitted(ml, learner(ml, Learners.Data(ml, rows, features)), features);
        }

        public double[] Probabilities(List<ModelInput> rows) => Learners.Probabilities(Model, Learners.Data(Context, rows, Features));

        public byte[] Save() => Learners.Save(Context, Model, Features);
    }

    /// <summary>
    /// Where the models are tried before the choice: the validation leads alone when there are enough of them to tell
    /// the models apart; with fewer training leads than <see cref="CrossValidateBelow"/>, every training lead once, in
    /// <see cref="CrossValidationFolds"/> folds (a fifth of a few hundred leads would decide by chance).
    /// </summary>
    private static List<(List<TrainingExample> Fit, List<TrainingExample> Check)> Folds(List<TrainingExample> fitting, List<TrainingExample> validation, int seed)
    {
        var training = fitting.Count + validation.Count;
        if (training >= CrossValidateBelow) return [(fitting, validation)];
        var all = fitting.Concat(validation).OrderBy(e => e.LeadId).ToArray();
        new Random(seed).Shuffle(all);
        return Enumerable.Range(0, CrossValidationFolds)
            .Select(k => (all.Where((_, i) => i % CrossValidationFolds != k).ToList(), all.Where((_, i) => i % CrossValidationFolds == k).ToList()))
            .ToList();
    }

    /// <summary>Below this many training leads, the models are compared by cross-validation.</summary>
    public const int CrossValidateBelow = 3000;

    public const int CrossValidationFolds = 5;

    /// <summary>A rule model's figures: each held-out lead scored as the scorer would have scored it at its cut-off.</summary>
    private static PredictorFigures RuleFigures(PredictorKind kind, ScoringModelDefinition definition, IReadOnlyList<TrainingExample> heldOut)
    {
        var scores = new List<double>(heldOut.Count);
        var meets = new List<bool>(heldOut.Count);
        foreach (var lead in heldOut)
        {
            var score = LeadScorer.Score(lead.Profile, lead.Events, definition, lead.CutOff);
            scores.Add(score.Total);
            meets.Add(LeadScorer.CheckMql(score, definition.Mql).Meets);
        }
        return Evaluation.ForScores(kind, scores, meets, heldOut.Select(e => e.Won).ToList(), definition.Mql.Threshold);
    }

    private static double[] Means(FeatureSpace space, IReadOnlyList<TrainingExample> training)
    {
        var sums = new double[space.Count];
        var vector = new float[space.Count];
        foreach (var lead in training)
        {
            Array.Clear(vector);
            space.Fill(lead.Profile, lead.Events, lead.CutOff, vector);
            for (var i = 0; i < vector.Length; i++) sums[i] += vector[i];
        }
        return sums.Select(s => s / Math.Max(1, training.Count)).ToArray();
    }
}
