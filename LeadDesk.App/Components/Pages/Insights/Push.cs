using LeadDesk.Domain.Insights;

namespace LeadDesk.App.Components.Pages.Insights;

/// <summary>
/// A field value and how strongly it pushes toward won (positive) or lost, in log-odds: a weight of the readable model
/// on the insights page, a signal of one lead's prediction on the lead page. Both draw as a <see cref="WeightList"/>.
/// <paramref name="Value"/> is the value or band a weight is for, or for a lead's signal its own value (for engagement the
/// number of events it had; null when it has none). <paramref name="Lacks"/> says the lead's value is not one the model
/// weighs (empty, or too rare to learn from): the push comes from not having the values that weigh.
/// </summary>
public sealed record Push(InsightField Field, string? Value, double Amount, bool Lacks = false)
{
    public static Push From(FeatureWeight weight) => new(weight.Field, weight.Value, weight.Weight);

    public static Push From(Signal signal) => new(signal.Field, signal.Value, signal.Contribution, !signal.LeadHasValue);
}
