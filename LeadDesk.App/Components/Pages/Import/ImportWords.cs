using System.Globalization;
using LeadDesk.App.Resources;
using LeadDesk.Domain.Import;
using Microsoft.Extensions.Localization;

namespace LeadDesk.App.Components.Pages.Import;

/// <summary>The import's domain words in the user's language: field and preset names, row problems.</summary>
public static class ImportWords
{
    public static string Field(ImportField field, IStringLocalizer<ImportText> text) => text[$"Field.{field}"];

    public static string Preset(ImportPreset preset, IStringLocalizer<ImportText> text) => text[$"Preset.{preset}"];

    /// <summary>A row problem as a sentence; <see cref="ImportProblems.Describe"/> is the English fallback.</summary>
    public static string Problem(RowProblem problem, IStringLocalizer<ImportText> text)
    {
        var template = text[$"Problem.{problem.Code}"];
        if (template.ResourceNotFound) return ImportProblems.Describe(problem);
        object?[] arguments = problem.Code == ImportProblems.FieldCount && problem.Value?.Split('/') is [var found, var expected]
            ? [found, expected]
            : [problem.Value];
        return string.Format(CultureInfo.CurrentCulture, template.Value, arguments);
    }

    /// <summary>"Email: 'x' is not a valid email address." — or the sentence alone for a problem of the whole row.</summary>
    public static string ProblemWithColumn(RowProblem problem, IStringLocalizer<ImportText> text) =>
        problem.Column.Length == 0 ? Problem(problem, text) : $"{problem.Column}: {Problem(problem, text)}";
}
