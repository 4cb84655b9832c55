using LeadDesk.Domain.Insights;

namespace LeadDesk.App.Components.Pages.Insights;

/// <summary>
/// A field value and how strongly it pushes toward won (positive) or lost, in log-odds: a weight of the readable model
/// on the insights page, a signal of one lead's prediction on the lead page. Both draw as a <see cref="WeightList"/>.
/// <paramref name="Value"/> is the attribute value or band, or for a lead's engagement the number of events it had;
/// <paramref name="Lacks"/> says the push comes from the lead <em>not</em> having the value.
/// </summary>
public sealed record Push(InsightField Field, string? Value, double Amount, bool Lacks = false)
{
    public static Push From(FeatureWeight weight) => new(weight.Field, weight.Value, weight.Weight);

    public static Push From(Signal signal) => new(signal.Field, signal.Value, signal.Contribution, !signal.LeadHasValue);
}
