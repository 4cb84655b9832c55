using LeadDesk.Domain.Insights;

namespace LeadDesk.App.Components.Pages.Insights;

/// <summary>
/// A field value and how strongly it pushes toward won (positive) or lost, in log-odds: a weight of the readable model
/// on the insights page, a signal of one lead's prediction on the lead page. Both draw as a <see cref="WeightList"/>.
/// </summary>
public sealed record Push(InsightField Field, string? Value, double Amount)
{
    public static Push From(FeatureWeight weight) => new(weight.Field, weight.Value, weight.Weight);

    public static Push From(Signal signal) => new(signal.Field, signal.Value, signal.Contribution);
}
