using LeadDesk.Domain.Analytics;

namespace LeadDesk.App.Components.Pages.Dashboard;

public enum PeriodPreset
{
    Last7Days,
    Last30Days,
    Last90Days,
    Quarter,
    Year,
    Custom,
}

/// <summary>The period picker's state: a preset, or a custom range of whole days (inclusive), turned into a report period.</summary>
public sealed record PeriodChoice(PeriodPreset Preset, DateOnly? CustomFrom = null, DateOnly? CustomTo = null)
{
    public static readonly PeriodChoice Default = new(PeriodPreset.Last30Days);

    /// <summary>Custom ranges beyond this are refused: the dashboard is about recent handoffs, not all history at once.</summary>
    public const int MaxCustomDays = 3 * 366;

    /// <summary>The period for <paramref name="now"/> (UTC); null when a custom range is incomplete or invalid.</summary>
    public ReportPeriod? ToPeriod(DateTime now) => Preset switch
    {
        PeriodPreset.Last7Days => ReportPeriod.LastDays(7, now),
        PeriodPreset.Last30Days => ReportPeriod.LastDays(30, now),
        PeriodPreset.Last90Days => ReportPeriod.LastDays(90, now),
        PeriodPreset.Quarter => ReportPeriod.Quarter(now),
        PeriodPreset.Year => ReportPeriod.Year(now),
        _ when CustomProblem is null => new ReportPeriod(
            CustomFrom!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            CustomTo!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        _ => null,
    };

    /// <summary>The resource key of what is wrong with a custom range, or null when it is usable (or not custom).</summary>
    public string? CustomProblem => Preset != PeriodPreset.Custom ? null
        : CustomFrom is null || CustomTo is null ? "Period.CustomIncomplete"
        : CustomTo < CustomFrom ? "Period.CustomReversed"
        : CustomTo.Value.DayNumber - CustomFrom.Value.DayNumber + 1 > MaxCustomDays ? "Period.CustomTooLong"
        : null;
}
