using LeadDesk.App.Resources;
using Microsoft.Extensions.Localization;

namespace LeadDesk.App.Components.Pages.MqlQueue;

/// <summary>How long something has waited, said the short way ("3 d 4 h"), in the user's language.</summary>
public static class QueueAge
{
    /// <summary>Two units, for how long an MQL has waited: "3 d 4 h", "5 h 12 min", "8 min".</summary>
    public static string Waited(TimeSpan age, IStringLocalizer<MqlText> text)
    {
        if (age < TimeSpan.FromMinutes(1)) return text["Age.JustNow"];
        if (age.TotalDays >= 1) return text["Age.DaysHours", (int)age.TotalDays, age.Hours];
        if (age.TotalHours >= 1) return text["Age.HoursMinutes", age.Hours, age.Minutes];
        return text["Age.Minutes", age.Minutes];
    }

    /// <summary>One unit, for when an event happened: "3 d ago", "5 h ago", "just now".</summary>
    public static string Ago(TimeSpan age, IStringLocalizer<MqlText> text)
    {
        if (age < TimeSpan.FromMinutes(1)) return text["Age.JustNow"];
        var amount = age.TotalDays >= 1 ? text["Age.Days", (int)age.TotalDays]
            : age.TotalHours >= 1 ? text["Age.Hours", (int)age.TotalHours]
            : text["Age.Minutes", (int)age.TotalMinutes];
        return text["Row.Ago", amount];
    }
}
