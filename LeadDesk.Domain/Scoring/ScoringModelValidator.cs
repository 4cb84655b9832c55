namespace LeadDesk.Domain.Scoring;

/// <summary>
/// One thing wrong with a draft model. <paramref name="RuleId"/> names the rule (null for the MQL definition or the
/// model as a whole); <paramref name="Code"/> and <paramref name="Arguments"/> let a screen say it in the user's language.
/// </summary>
public sealed record ModelProblem(string Code, string? RuleId, string Message, params object[] Arguments);

/// <summary>What makes a draft scoring model unsavable, each with a message that says what to fix.</summary>
public static class ScoringModelValidator
{
    public const int MaxRules = 200;
    public const int MaxPoints = 1000;
    public const int LabelMaxLength = 100;

    public static IReadOnlyList<ModelProblem> Validate(ScoringModelDefinition model)
    {
        var problems = new List<ModelProblem>();
        void Fail(string code, string? rule, string message, params object[] arguments) => problems.Add(new ModelProblem(code, rule, message, arguments));

        var rules = model.FitRules.Select(r => (r.Id, r.Label, r.Points)).Concat(model.EngagementRules.Select(r => (r.Id, r.Label, r.Points))).ToList();
        if (rules.Count == 0) Fail("NoRules", null, "A model needs at least one rule.");
        if (rules.Count > MaxRules) Fail("TooManyRules", null, $"A model holds at most {MaxRules} rules.", MaxRules);
        foreach (var id in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            Fail("DuplicateRuleId", id, $"Two rules share the id '{id}'.", id);
        foreach (var (id, label, points) in rules)
        {
            if (string.IsNullOrWhiteSpace(id)) Fail("RuleIdRequired", id, "Every rule needs an id.");
            if (string.IsNullOrWhiteSpace(label)) Fail("LabelRequired", id, "Give the rule a name that explains it.");
            else if (label.Length > LabelMaxLength) Fail("LabelTooLong", id, $"A rule's name must be at most {LabelMaxLength} characters.", LabelMaxLength);
            if (points == 0) Fail("ZeroPoints", id, $"'{label}' gives 0 points: give it points or remove it.", label);
            else if (Math.Abs(points) > MaxPoints) Fail("PointsOutOfRange", id, $"Points must lie between -{MaxPoints} and {MaxPoints}.", MaxPoints);
        }

        foreach (var rule in model.FitRules) ValidateFit(rule, Fail);
        foreach (var rule in model.EngagementRules)
        {
            if (!Enum.IsDefined(rule.EventType)) Fail("UnknownEventType", rule.Id, "Choose the event type the rule counts.");
            if (rule.HalfLifeDays is <= 0) Fail("HalfLifeNotPositive", rule.Id, $"'{rule.Label}': a half-life must be more than 0 days (or empty for no decay).", rule.Label);
            if (rule.Cap is <= 0) Fail("CapNotPositive", rule.Id, $"'{rule.Label}': a cap must be more than 0 points (or empty for no cap).", rule.Label);
        }
        // The same condition twice would count the same thing twice.
        foreach (var twin in model.FitRules.GroupBy(FitKey).Where(g => g.Count() > 1))
            Fail("DuplicateRule", twin.Last().Id, $"'{twin.Last().Label}' tests the same as '{twin.First().Label}'.", twin.Last().Label, twin.First().Label);
        foreach (var twin in model.EngagementRules.GroupBy(r => r.EventType).Where(g => g.Count() > 1))
            Fail("DuplicateRule", twin.Last().Id, $"'{twin.Last().Label}' counts the same events as '{twin.First().Label}'.", twin.Last().Label, twin.First().Label);

        var (lowest, highest) = PossibleTotals(model);
        var mql = model.Mql;
        if (mql.Threshold <= lowest || (highest is { } max && mql.Threshold > max))
            Fail("ThresholdOutOfRange", null,
                highest is { } top
                    ? $"The MQL threshold must lie above {lowest} and at most {top}, the scores this model can give."
                    : $"The MQL threshold must lie above {lowest}, the lowest score this model can give.",
                lowest, highest?.ToString() ?? "∞");
        var highestFit = model.FitRules.Where(r => r.Points > 0).Sum(r => r.Points);
        if (mql.MinimumFit > highestFit)
            Fail("MinimumFitOutOfRange", null, $"The minimum fit must be at most {highestFit}, the most fit this model can give.", highestFit);
        var known = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var required in mql.RequiredRuleIds.Where(id => !known.Contains(id)))
            Fail("UnknownRequiredRule", required, $"The MQL definition requires a rule that is not in the model ('{required}').", required);
        return problems;
    }

    /// <summary>
    /// The lowest and highest total the model can give: every negative rule firing at its cap, or every positive one.
    /// An uncapped positive engagement rule has no highest total (null).
    /// </summary>
    public static (int Lowest, int? Highest) PossibleTotals(ScoringModelDefinition model)
    {
        var lowest = model.FitRules.Where(r => r.Points < 0).Sum(r => r.Points)
                     - model.EngagementRules.Where(r => r.Points < 0).Sum(r => r.Cap ?? Math.Abs(r.Points));
        int? highest = model.EngagementRules.Any(r => r.Points > 0 && r.Cap is null) ? null
            : model.FitRules.Where(r => r.Points > 0).Sum(r => r.Points) + model.EngagementRules.Where(r => r.Points > 0).Sum(r => r.Cap!.Value);
        return (lowest, highest);
    }

    private static void ValidateFit(FitRule rule, Action<string, string?, string, object[]> fail)
    {
        if (!Enum.IsDefined(rule.Attribute)) fail("UnknownAttribute", rule.Id, "Choose the attribute the rule tests.", []);
        var values = rule.Values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        switch (rule.Operator)
        {
            case RuleOperator.Range:
                if (rule.Attribute is not (LeadAttribute.CompanySize or LeadAttribute.AnnualRevenue or LeadAttribute.Seniority))
                    fail("RangeNeedsNumber", rule.Id, $"'{rule.Label}': a range needs a numeric attribute (company size, annual revenue, seniority).", [rule.Label]);
                if (rule.Min is null && rule.Max is null)
                    fail("RangeNeedsBound", rule.Id, $"'{rule.Label}': give the range a lower bound, an upper bound or both.", [rule.Label]);
                else if (rule.Min >= rule.Max)
                    fail("RangeReversed", rule.Id, $"'{rule.Label}': the lower bound must be below the upper bound.", [rule.Label]);
                break;
            case RuleOperator.EmailDomainIn when rule.Attribute != LeadAttribute.EmailDomain:
                fail("DomainNeedsEmail", rule.Id, $"'{rule.Label}': email domain rules test the email domain attribute.", [rule.Label]);
                break;
            case RuleOperator.Equals or RuleOperator.InList or RuleOperator.Contains or RuleOperator.EmailDomainIn when values.Count == 0:
                fail("ValuesRequired", rule.Id, $"'{rule.Label}': give at least one value to compare with.", [rule.Label]);
                break;
            case RuleOperator.Equals when values.Count > 1:
                fail("EqualsOneValue", rule.Id, $"'{rule.Label}': 'equals' compares with one value; use 'in list' for several.", [rule.Label]);
                break;
            case not (RuleOperator.Equals or RuleOperator.InList or RuleOperator.Contains or RuleOperator.EmailDomainIn or RuleOperator.Range):
                fail("UnknownOperator", rule.Id, "Choose how the rule compares.", []);
                break;
        }
    }

    private static string FitKey(FitRule rule) =>
        $"{rule.Attribute}|{rule.Operator}|{rule.Min}|{rule.Max}|{string.Join('\u001f', rule.Values.Select(v => v.Trim().ToLowerInvariant()).Order(StringComparer.Ordinal))}";
}
