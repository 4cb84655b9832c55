using LeadDesk.App.Resources;
using LeadDesk.Domain.Leads;
using Microsoft.Extensions.Localization;

namespace LeadDesk.App.Components.Shared;

/// <summary>Says a domain refusal in the user's language: <c>Error.{Code}</c> in SharedText, arguments localized too.</summary>
public static class ErrorText
{
    public static string For(DomainException error, IStringLocalizer<SharedText> text)
    {
        if (string.IsNullOrEmpty(error.Code)) return error.Message;
        // "X acted first: Accepted by sales" reads with the past-tense verb names; the rules read with the actions.
        var verbPrefix = error.Code == "ChangedBy" ? "Verb" : "Action";
        var template = text[$"Error.{error.Code}"];
        if (template.ResourceNotFound) return error.Message;
        var arguments = error.Arguments.Select(a => a switch
        {
            LifecycleStage stage => text[$"Stage.{stage}"].Value,
            LifecycleVerb verb => text[$"{verbPrefix}.{verb}"].Value,
            ReasonCode reason => text[$"Reason.{reason}"].Value,
            DateTime at => at.ToString("g", System.Globalization.CultureInfo.CurrentCulture),
            null => "—",
            _ => a,
        }).ToArray();
        return string.Format(System.Globalization.CultureInfo.CurrentCulture, template.Value, arguments);
    }
}
