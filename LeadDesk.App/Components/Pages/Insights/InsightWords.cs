using System.Globalization;
using LeadDesk.App.Resources;
using LeadDesk.Domain.Insights;
using LeadDesk.Domain.Leads;
using LeadDesk.Domain.Scoring;
using Microsoft.Extensions.Localization;

namespace LeadDesk.App.Components.Pages.Insights;

/// <summary>
/// The insights' words in the user's language. Fields reuse the names the rest of the app already gives them: an
/// attribute as the scoring editor names it, an event as the lead's timeline does; only the fields the models never
/// read (stage, owner, name…) have names of their own in InsightsText.
/// </summary>
public sealed class InsightWords(IStringLocalizer<InsightsText> text, IStringLocalizer<ScoringText> scoring, IStringLocalizer<SharedText> shared)
{
    public const string Undefined = "—";

    /// <summary>"Country", "Pricing page visit", "Stage": the field a key such as "Fit.Country" names.</summary>
    public string Field(string key)
    {
        var dot = key.IndexOf('.');
        var (group, name) = dot < 0 ? ("", key) : (key[..dot], key[(dot + 1)..]);
        if (group == "Fit" && Enum.TryParse<LeadAttribute>(name, out var attribute)) return Attribute(attribute);
        if (group == "Engagement" && Enum.TryParse<EngagementEventType>(name, out var type)) return Event(type);
        var own = text[$"Field.{key}"];
        // A key the domain added after these names were written still reads as itself rather than as nothing.
        return own.ResourceNotFound ? key : own.Value;
    }

    public string Field(InsightField field) => field switch
    {
        { Attribute: { } attribute } => Attribute(attribute),
        { EventType: { } type } => Event(type),
        _ => Field(field.Key),
    };

    /// <summary>
    /// "Seniority: C-level executive", "Company size: 50–999", "Country: PT (uncommon)", "Industry: empty"; an engagement
    /// weight by its event's name, a lead's engagement with its count ("Pricing page visit × 3").
    /// </summary>
    public string Describe(Push push) => push switch
    {
        { Field.Group: FeatureGroup.Engagement, Value: { } count } => text["Signal.Events", Field(push.Field), count],
        { Value: null, Lacks: true } => text["Signal.Empty", Field(push.Field)],
        { Value: null } => Field(push.Field),
        { Lacks: true } => text["Signal.Uncommon", Field(push.Field), Value(push.Field, push.Value)],
        _ => $"{Field(push.Field)}: {Value(push.Field, push.Value)}",
    };

    /// <summary>
    /// An attribute value as a person reads it: seniorities by their names, numbers (a lead's company size or revenue) in
    /// the reader's format, bands and everything else as stored.
    /// </summary>
    public string Value(InsightField field, string value)
    {
        if (field.Attribute == LeadAttribute.Seniority && Enum.TryParse<Seniority>(value, ignoreCase: true, out var seniority))
            return shared[$"Seniority.{seniority}"];
        if (field.Attribute is LeadAttribute.CompanySize or LeadAttribute.AnnualRevenue
            && double.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            return number.ToString("N0", CultureInfo.CurrentCulture);
        return value;
    }

    public string Attribute(LeadAttribute attribute) => scoring[$"Attribute.{attribute}"];

    public string Event(EngagementEventType type) => shared[$"Event.{type}"];

    public string Group(FeatureGroup group) => shared[$"Score.{group}"];

    public string Reason(ExclusionReason reason) => text[$"Reason.{reason}"];

    public string ReasonHelp(ExclusionReason reason) => text[$"ReasonHelp.{reason}"];

    public string Predictor(PredictorKind kind) => text[$"Predictor.{kind}"];

    public string Step(TrainingProgress progress) =>
        text[$"Step.{progress.Step}", Count(progress.Done), Count(progress.Total)];

    /// <summary>A threshold as the predictor reads it: a probability for a fitted model, points for rules.</summary>
    public string Threshold(PredictorFigures figures) => IsRules(figures.Kind)
        ? text["Figures.Points", Count((int)Math.Round(figures.Threshold))]
        : Percent(figures.Threshold);

    public static bool IsRules(PredictorKind kind) => kind is PredictorKind.CurrentRules or PredictorKind.SuggestedRules;

    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Percent(double rate) => rate.ToString("P0", CultureInfo.CurrentCulture);

    public static string Percent1(double rate) => rate.ToString("P1", CultureInfo.CurrentCulture);

    /// <summary>ROC AUC with three decimals: the difference between two good models is often in the second.</summary>
    public static string Auc(double auc) => auc.ToString("0.000", CultureInfo.CurrentCulture);

    /// <summary>A log-odds weight or push, signed: "+0.84", "−1.20".</summary>
    public static string LogOdds(double value) => value.ToString("+0.00;−0.00;0.00", CultureInfo.CurrentCulture);
}
