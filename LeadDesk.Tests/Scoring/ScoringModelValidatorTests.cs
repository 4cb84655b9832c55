namespace LeadDesk.Tests.Scoring;

public sealed class ScoringModelValidatorTests
{
    private static ScoringModelDefinition Default => DefaultScoringModel.Definition;

    private static string[] Codes(ScoringModelDefinition model) => ScoringModelValidator.Validate(model).Select(p => p.Code).ToArray();

    [Fact]
    public void The_default_model_is_valid() => Assert.Empty(ScoringModelValidator.Validate(Default));

    [Fact]
    public void Empty_labels_zero_points_and_missing_values_are_named_per_rule()
    {
        var model = Default with
        {
            FitRules =
            [
                new FitRule { Id = "a", Label = " ", Attribute = LeadAttribute.Industry, Operator = RuleOperator.InList, Values = ["Software"], Points = 5 },
                new FitRule { Id = "b", Label = "No values", Attribute = LeadAttribute.Industry, Operator = RuleOperator.Contains, Values = [" "], Points = 5 },
                new FitRule { Id = "c", Label = "Nothing", Attribute = LeadAttribute.Country, Operator = RuleOperator.Equals, Values = ["BR"], Points = 0 },
                new FitRule { Id = "d", Label = "Backwards", Attribute = LeadAttribute.CompanySize, Operator = RuleOperator.Range, Min = 500, Max = 50, Points = 5 },
                new FitRule { Id = "e", Label = "Text range", Attribute = LeadAttribute.Industry, Operator = RuleOperator.Range, Min = 1, Points = 5 },
            ],
            Mql = new MqlDefinition { Threshold = 10, MinimumFit = 0 },
        };

        var problems = ScoringModelValidator.Validate(model);

        Assert.Contains(problems, p => p is { Code: "LabelRequired", RuleId: "a" });
        Assert.Contains(problems, p => p is { Code: "ValuesRequired", RuleId: "b" });
        Assert.Contains(problems, p => p is { Code: "ZeroPoints", RuleId: "c" });
        Assert.Contains(problems, p => p is { Code: "RangeReversed", RuleId: "d" });
        Assert.Contains(problems, p => p is { Code: "RangeNeedsNumber", RuleId: "e" });
    }

    [Fact]
    public void The_same_condition_twice_is_a_duplicate_however_its_values_are_ordered_or_cased()
    {
        var rule = new FitRule { Id = "x", Label = "Target", Attribute = LeadAttribute.Country, Operator = RuleOperator.InList, Values = ["BR", "US"], Points = 5 };
        var model = Default with { FitRules = [.. Default.FitRules, rule, rule with { Id = "y", Label = "Again", Values = ["us", "br"] }] };

        Assert.Contains("DuplicateRule", Codes(model));
        Assert.Contains("DuplicateRuleId", Codes(Default with { FitRules = [.. Default.FitRules, Default.FitRules[0] with { Label = "Renamed", Points = 3, Values = ["Other"] }] }));
        Assert.Contains("DuplicateRule", Codes(Default with { EngagementRules = [.. Default.EngagementRules, Default.EngagementRules[0] with { Id = "again" }] }));
    }

    [Fact]
    public void The_threshold_must_lie_within_the_scores_the_model_can_give()
    {
        var (lowest, highest) = ScoringModelValidator.PossibleTotals(Default);

        Assert.Contains("ThresholdOutOfRange", Codes(Default with { Mql = Default.Mql with { Threshold = highest!.Value + 1 } }));
        Assert.Contains("ThresholdOutOfRange", Codes(Default with { Mql = Default.Mql with { Threshold = lowest } }));
        Assert.DoesNotContain("ThresholdOutOfRange", Codes(Default with { Mql = Default.Mql with { Threshold = highest.Value } }));
        // An uncapped positive engagement rule has no ceiling.
        var uncapped = Default with { EngagementRules = [.. Default.EngagementRules.Select(r => r.Id == "eng-page" ? r with { Cap = null } : r)], Mql = Default.Mql with { Threshold = 100_000 } };
        Assert.Null(ScoringModelValidator.PossibleTotals(uncapped).Highest);
        Assert.DoesNotContain("ThresholdOutOfRange", Codes(uncapped));
    }

    [Fact]
    public void Minimum_fit_and_required_rules_must_be_reachable()
    {
        Assert.Contains("MinimumFitOutOfRange", Codes(Default with { Mql = Default.Mql with { MinimumFit = 1000 } }));
        Assert.Contains("UnknownRequiredRule", Codes(Default with { Mql = Default.Mql with { RequiredRuleIds = ["no-such-rule"] } }));
        Assert.Empty(Codes(Default with { Mql = Default.Mql with { RequiredRuleIds = ["eng-demo"] } }));
    }
}
