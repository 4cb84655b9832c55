using LeadDesk.App.Resources;
using Microsoft.Extensions.Localization;

namespace LeadDesk.App.Components.Shared;

/// <summary>How the queues say business time: hours and minutes only, since a business day is as long as the team says.</summary>
public static class OverdueText
{
    /// <summary>
    /// "45 min", "3 h 20 min", and from ten hours on whole hours only ("27 h"): minutes stop mattering by then. At least a
    /// minute, so a row that just fell due does not say "0 min".
    /// </summary>
    public static string Duration(TimeSpan span, IStringLocalizer<TeamRulesText> text)
    {
        var minutes = Math.Max(1, (long)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero));
        var (hours, rest) = (minutes / 60, minutes % 60);
        return hours == 0 ? text["Duration.Minutes", rest]
            : rest == 0 || hours >= 10 ? text["Duration.Hours", hours]
            : text["Duration.HoursMinutes", hours, rest];
    }

    /// <summary>"Overdue by 3 h".</summary>
    public static string OverdueBy(TimeSpan span, IStringLocalizer<TeamRulesText> text) => text["Overdue.By", Duration(span, text)];
}
