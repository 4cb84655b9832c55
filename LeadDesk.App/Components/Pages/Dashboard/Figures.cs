using System.Globalization;
using LeadDesk.App.Resources;
using Microsoft.Extensions.Localization;

namespace LeadDesk.App.Components.Pages.Dashboard;

/// <summary>
/// How the dashboard writes its numbers: in the user's culture on screen, invariant in CSV; an undefined figure (a rate
/// over nothing, a median of no values, a cost without spend) is "—" on screen and an empty field in CSV.
/// </summary>
public static class Figures
{
    public const string Undefined = "—";

    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Rate(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.CurrentCulture) : Undefined;

    public static string Money(decimal? amount) => amount is { } a ? a.ToString("N2", CultureInfo.CurrentCulture) : Undefined;

    /// <summary>Hours under two days as hours, longer as days: "5.5 h", "3.2 d".</summary>
    public static string Duration(double? hours, IStringLocalizer<DashboardText> text) => hours switch
    {
        null => Undefined,
        < 48 => text["Unit.Hours", hours.Value.ToString("N1", CultureInfo.CurrentCulture)],
        _ => text["Unit.Days", (hours.Value / 24).ToString("N1", CultureInfo.CurrentCulture)],
    };

    public static string? CsvRate(double? rate) => rate?.ToString("0.####", CultureInfo.InvariantCulture);

    public static string? CsvNumber(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);

    public static string? CsvMoney(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture);

    public static string CsvCount(int value) => value.ToString(CultureInfo.InvariantCulture);
}
