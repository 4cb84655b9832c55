using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace LeadDesk.Domain.Insights;

/// <summary>
/// What explains a prediction, kept with a completed run: the features, the logistic regression's weights in log-odds
/// (so that bias + Σ weight × feature is the log-odds of won), the features' means over the training leads (the
/// "average lead" a signal is measured against), and which model predicts.
/// </summary>
public sealed record ReadableModel(IReadOnlyList<Feature> Features, double[] Weights, double Bias, double[] Means, PredictorKind Chosen, double Threshold);

/// <summary>One lead's features and outcome as ML.NET reads them.</summary>
internal sealed class ModelInput
{
    public bool Label { get; set; }
    public float[] Features { get; set; } = [];
}

internal sealed class ModelOutput
{
    public float Probability { get; set; }
}

/// <summary>
/// The two learners (ML.NET 5): an L-BFGS logistic regression, whose weights are read back as log-odds per feature, and
/// FastTree gradient-boosted trees. Both run on one thread so that a seed gives the same model every time; at the
/// sizes LeadDesk trains on (thousands to tens of thousands of closed leads, ~100 features) one thread is fast enough.
/// </summary>
internal static class Learners
{
    public static MLContext Context(int seed) => new(seed);

    public static SchemaDefinition Schema(int features)
    {
        var schema = SchemaDefinition.Create(typeof(ModelInput));
        schema[nameof(ModelInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    public static IDataView Data(MLContext ml, IEnumerable<ModelInput> rows, int features) =>
        ml.Data.LoadFromEnumerable(rows, Schema(features));

    public static ITransformer FitLogistic(MLContext ml, IDataView data) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            NumberOfThreads = 1,
            L1Regularization = 1f,
            L2Regularization = 1f,
        }).Fit(data);

    public static ITransformer FitBoosted(MLContext ml, IDataView data) =>
        ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfThreads = 1,
            NumberOfTrees = 100,
            NumberOfLeaves = 16,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.2,
        }).Fit(data);

    /// <summary>The model's probability of won for each row of <paramref name="data"/>, in order.</summary>
    public static double[] Probabilities(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var column = scored.Schema["Probability"];
        var probabilities = new List<double>();
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        float value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            probabilities.Add(value);
        }
        return [.. probabilities];
    }

    /// <summary>
    /// The logistic regression's weights and bias in log-odds: ML.NET's linear score goes through a Platt calibrator
    /// p = 1 / (1 + exp(slope × score + offset)), so the log-odds are −slope × score − offset.
    /// </summary>
    public static (double[] Weights, double Bias) LogisticWeights(ITransformer model)
    {
        var linear = (BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>)model;
        var slope = linear.Model.Calibrator.Slope;
        var offset = linear.Model.Calibrator.Offset;
        var weights = linear.Model.SubModel.Weights.Select(w => -slope * w).ToArray();
        return (weights, -slope * linear.Model.SubModel.Bias - offset);
    }

    public static byte[] Save(MLContext ml, ITransformer model, int features)
    {
        using var stream = new MemoryStream();
        var schema = Data(ml, [], features).Schema;
        ml.Model.Save(model, schema, stream);
        return stream.ToArray();
    }
}

/// <summary>
/// A completed run's model, loaded for predictions: the chosen model predicts, the readable one explains. Safe to share
/// between threads (one prediction engine, used under a lock; a batch goes through its own pipeline).
/// </summary>
public sealed class ConversionModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _chosen;
    private readonly PredictionEngine<ModelInput, ModelOutput> _engine;
    private readonly Lock _engineLock = new();

    public ConversionModel(int runId, DateTime trainedAt, ReadableModel readable, byte[] modelBytes)
    {
        RunId = runId;
        TrainedAt = trainedAt;
        Readable = readable;
        Space = new FeatureSpace(readable.Features);
        _ml = new MLContext(0);
        using var stream = new MemoryStream(modelBytes);
        _chosen = _ml.Model.Load(stream, out _);
        _engine = _ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(_chosen, inputSchemaDefinition: Learners.Schema(Space.Count));
    }

    public int RunId { get; }
    public DateTime TrainedAt { get; }
    public ReadableModel Readable { get; }
    public FeatureSpace Space { get; }

    /// <summary>The signals shown per lead: the strongest few each way.</summary>
    public const int SignalsEachWay = 5;

    /// <summary>A push smaller than this (in log-odds, about a 1% change in odds) is not a signal worth showing.</summary>
    public const double SmallestSignal = 0.01;

    /// <summary>The probability of won for one lead's features.</summary>
    public double Predict(float[] features)
    {
        lock (_engineLock)
            return _engine.Predict(new ModelInput { Features = features }).Probability;
    }

    /// <summary>
    /// The probability of won for many leads: their features computed and streamed through the model in one pass per
    /// core, each over its own contiguous share of the leads (a benchmark scores a million).
    /// </summary>
    public double[] PredictMany<T>(IReadOnlyList<T> leads, Func<T, float[]> features)
    {
        var probabilities = new double[leads.Count];
        var parts = Math.Max(1, Math.Min(Environment.ProcessorCount, leads.Count / 10_000));
        var views = Enumerable.Range(0, parts).Select(p =>
        {
            var (from, to) = ((int)((long)leads.Count * p / parts), (int)((long)leads.Count * (p + 1) / parts));
            return (From: from, View: Learners.Data(_ml, Enumerable.Range(from, to - from).Select(i => new ModelInput { Features = features(leads[i]) }), Space.Count));
        }).ToList();
        Parallel.ForEach(views, part => Learners.Probabilities(_chosen, part.View).CopyTo(probabilities, part.From));
        return probabilities;
    }

    /// <summary>
    /// What pushed a lead up or down against the average training lead, per field, from the readable model: the sum over
    /// the field's features of weight × (the lead's value − the mean). A field's values are one fact ("Seniority:
    /// Director" is also "not an individual contributor"), so they count once. Fields whose push is below
    /// <see cref="SmallestSignal"/> are left out.
    /// </summary>
    public (IReadOnlyList<Signal> Up, IReadOnlyList<Signal> Down) Signals(float[] features, LeadProfile profile, IReadOnlyList<EventOccurrence> events)
    {
        var signals = new List<Signal>();
        foreach (var field in Enumerable.Range(0, features.Length).GroupBy(i => Space.Features[i].Field.Key))
        {
            var contribution = field.Sum(i => Readable.Weights[i] * (features[i] - Readable.Means[i]));
            if (Math.Abs(contribution) < SmallestSignal) continue;
            var feature = Space.Features[field.First()];
            var weighed = field.Any(i => features[i] > 0);
            signals.Add(feature.Kind == FeatureKind.Events
                ? new Signal(feature.Field, events.Count(e => e.Type == feature.EventType).ToString(CultureInfo.InvariantCulture), contribution, weighed)
                : new Signal(feature.Field, ValueOf(feature.Attribute!.Value, profile), contribution, weighed));
        }
        return (signals.Where(s => s.Contribution > 0).OrderByDescending(s => s.Contribution).Take(SignalsEachWay).ToList(),
            signals.Where(s => s.Contribution < 0).OrderBy(s => s.Contribution).Take(SignalsEachWay).ToList());
    }

    /// <summary>The lead's own value of an attribute, as the lead page would show it; null when it has none.</summary>
    private static string? ValueOf(LeadAttribute attribute, LeadProfile profile) =>
        FitRuleMatcher.NumericValue(attribute, profile) is { } number && attribute != LeadAttribute.Seniority
            ? number.ToString("#,0", CultureInfo.InvariantCulture)
            : FitRuleMatcher.TextValue(attribute, profile) is { Length: > 0 } text ? text : null;
}
