using System.Text.Json;
using LeadDesk.Domain.Leads;
using LeadDesk.Domain.Scoring;

namespace LeadDesk.App.Components.Pages.Scoring;

/// <summary>A fit rule as the editor's row holds it: values as the comma-separated text the user types.</summary>
public sealed class FitRuleDraft
{
    public required string Id { get; init; }
    public string Label { get; set; } = "";
    public LeadAttribute Attribute { get; set; } = LeadAttribute.Industry;
    public RuleOperator Operator { get; set; } = RuleOperator.InList;
    public string ValuesText { get; set; } = "";
    public double? Min { get; set; }
    public double? Max { get; set; }
    public int Points { get; set; } = 5;
}

/// <summary>An engagement rule as the editor's row holds it.</summary>
public sealed class EngagementRuleDraft
{
    public required string Id { get; init; }
    public string Label { get; set; } = "";
    public EngagementEventType EventType { get; set; }
    public int Points { get; set; } = 5;
    public double? HalfLifeDays { get; set; } = 30;
    public int? Cap { get; set; } = 20;
}

/// <summary>
/// The model being edited on /scoring: mutable rows bound to the form, turned into the immutable
/// <see cref="ScoringModelDefinition"/> the domain validates, previews and saves.
/// </summary>
public sealed class ScoringDraft
{
    public int Threshold { get; set; }
    public int MinimumFit { get; set; }
    public List<string> RequiredRuleIds { get; set; } = [];
    public List<FitRuleDraft> FitRules { get; } = [];
    public List<EngagementRuleDraft> EngagementRules { get; } = [];

    public static ScoringDraft From(ScoringModelDefinition model)
    {
        var draft = new ScoringDraft
        {
            Threshold = model.Mql.Threshold,
            MinimumFit = model.Mql.MinimumFit,
            RequiredRuleIds = [.. model.Mql.RequiredRuleIds],
        };
        draft.FitRules.AddRange(model.FitRules.Select(r => new FitRuleDraft
        {
            Id = r.Id, Label = r.Label, Attribute = r.Attribute, Operator = r.Operator,
            ValuesText = string.Join(", ", r.Values), Min = r.Min, Max = r.Max, Points = r.Points,
        }));
        draft.EngagementRules.AddRange(model.EngagementRules.Select(r => new EngagementRuleDraft
        {
            Id = r.Id, Label = r.Label, EventType = r.EventType, Points = r.Points, HalfLifeDays = r.HalfLifeDays, Cap = r.Cap,
        }));
        return draft;
    }

    public ScoringModelDefinition ToDefinition() => new()
    {
        FitRules = FitRules.Select(r => new FitRule
        {
            Id = r.Id,
            Label = r.Label.Trim(),
            Attribute = r.Attribute,
            Operator = r.Operator,
            // A range compares numbers, the others compare text: the fields of the other kind are left out, not kept hidden.
            Values = r.Operator == RuleOperator.Range ? [] : SplitValues(r.ValuesText),
            Min = r.Operator == RuleOperator.Range ? r.Min : null,
            Max = r.Operator == RuleOperator.Range ? r.Max : null,
            Points = r.Points,
        }).ToList(),
        EngagementRules = EngagementRules.Select(r => new EngagementRule
        {
            Id = r.Id, Label = r.Label.Trim(), EventType = r.EventType, Points = r.Points, HalfLifeDays = r.HalfLifeDays, Cap = r.Cap,
        }).ToList(),
        Mql = new MqlDefinition { Threshold = Threshold, MinimumFit = MinimumFit, RequiredRuleIds = [.. RequiredRuleIds] },
    };

    /// <summary>Every rule as (id, label), fit rules first: what the MQL definition may require.</summary>
    public IEnumerable<(string Id, string Label)> AllRules =>
        FitRules.Select(r => (r.Id, r.Label)).Concat(EngagementRules.Select(r => (r.Id, r.Label)));

    public FitRuleDraft AddFitRule()
    {
        var rule = new FitRuleDraft { Id = NewId("fit") };
        FitRules.Add(rule);
        return rule;
    }

    /// <summary>Adds an engagement rule for the first event type no rule counts yet (two rules for one type are refused).</summary>
    public EngagementRuleDraft AddEngagementRule()
    {
        var used = EngagementRules.Select(r => r.EventType).ToHashSet();
        var rule = new EngagementRuleDraft
        {
            Id = NewId("eng"),
            EventType = Enum.GetValues<EngagementEventType>().FirstOrDefault(t => !used.Contains(t)),
        };
        EngagementRules.Add(rule);
        return rule;
    }

    /// <summary>Removes a rule, and with it any requirement on it (a requirement on a missing rule could never be met).</summary>
    public void Remove(string ruleId)
    {
        FitRules.RemoveAll(r => r.Id == ruleId);
        EngagementRules.RemoveAll(r => r.Id == ruleId);
        RequiredRuleIds.Remove(ruleId);
    }

    /// <summary>Whether the draft says the same as <paramref name="model"/>, once both are written the way the editor writes them.</summary>
    public bool SameAs(ScoringModelDefinition model) =>
        JsonSerializer.Serialize(ToDefinition()) == JsonSerializer.Serialize(From(model).ToDefinition());

    public static IReadOnlyList<string> SplitValues(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"fit-" or "eng-" and eight hex digits: unique enough within one model, short enough to read in the data.</summary>
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
