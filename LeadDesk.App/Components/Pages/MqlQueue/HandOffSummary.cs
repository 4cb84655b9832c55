using LeadDesk.App.Components.Shared;
using LeadDesk.App.Resources;
using LeadDesk.Domain.Handoff;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LeadDesk.App.Components.Pages.MqlQueue;

/// <summary>
/// One line about a bulk handoff: who received how many, and which leads failed and why
/// ("3 handed off: Sam Sales ×2, Sofia Sales ×1; 1 failed: Ana Silva (…)").
/// </summary>
public static class HandOffSummary
{
    public static (string Text, Severity Severity) Of(IReadOnlyList<HandOffResult> results, IReadOnlyDictionary<int, string> names,
        IStringLocalizer<MqlText> text, IStringLocalizer<SharedText> shared)
    {
        var parts = new List<string>();
        var handedOff = results.Where(r => r.Succeeded).ToList();
        if (handedOff.Count > 0)
        {
            var reps = handedOff.GroupBy(r => r.RepName ?? "—").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.CurrentCulture)
                .Select(g => text["Bulk.RepCount", g.Key, g.Count()].Value);
            parts.Add(text["Bulk.Done", handedOff.Count, string.Join(", ", reps)]);
        }
        var failed = results.Where(r => r.Error is not null).ToList();
        if (failed.Count > 0)
        {
            var why = failed.Select(r => text["Bulk.FailedLead", names.GetValueOrDefault(r.LeadId, $"#{r.LeadId}"), ErrorText.For(r.Error!, shared)].Value);
            parts.Add(text["Bulk.Failed", failed.Count, string.Join(", ", why)]);
        }
        var severity = failed.Count == 0 ? Severity.Success : handedOff.Count == 0 ? Severity.Error : Severity.Warning;
        return (string.Join("; ", parts), severity);
    }
}
