using System.Globalization;
using LeadDesk.App.Resources;
using LeadDesk.Domain.Scoring;
using Microsoft.Extensions.Localization;

namespace LeadDesk.App.Components.Pages.Scoring;

/// <summary>Says a <see cref="ModelProblem"/> in the user's language: <c>Problem.{Code}</c> in ScoringText with its arguments.</summary>
public static class ProblemText
{
    public static string For(ModelProblem problem, IStringLocalizer<ScoringText> text)
    {
        var template = text[$"Problem.{problem.Code}"];
        // A code added to the validator before its translation still reads, in the validator's English.
        if (template.ResourceNotFound) return problem.Message;
        var arguments = problem.Arguments.Select(a => a is int number ? number.ToString("N0", CultureInfo.CurrentCulture) : a).ToArray();
        return string.Format(CultureInfo.CurrentCulture, template.Value, arguments);
    }

    /// <summary>Problems about the MQL definition's fields, each shown beside its field rather than beside a rule.</summary>
    public static bool IsAbout(ModelProblem problem, MqlField field) => (problem.Code, field) switch
    {
        ("ThresholdOutOfRange", MqlField.Threshold) => true,
        ("MinimumFitOutOfRange", MqlField.MinimumFit) => true,
        ("UnknownRequiredRule", MqlField.RequiredRules) => true,
        _ => false,
    };

    /// <summary>Whether the problem is shown beside rule <paramref name="ruleId"/>.</summary>
    public static bool IsAbout(ModelProblem problem, string ruleId) =>
        problem.RuleId == ruleId && problem.Code != "UnknownRequiredRule";
}

public enum MqlField
{
    Threshold,
    MinimumFit,
    RequiredRules,
}
