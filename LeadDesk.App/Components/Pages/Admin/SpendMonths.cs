using System.Globalization;

namespace LeadDesk.App.Components.Pages.Admin;

/// <summary>Month names and amounts as the spend screen shows them, in the current culture.</summary>
public static class SpendMonths
{
    /// <summary>"Nov", "Ene", "Jan": Spanish and Portuguese month names are lower case; a column header starts upper case.</summary>
    public static string Short(int month) => Capitalized(CultureInfo.CurrentCulture.DateTimeFormat.GetAbbreviatedMonthName(month));

    /// <summary>"November 2026", "Noviembre de 2026", "Novembro de 2026".</summary>
    public static string Long(int year, int month) =>
        Capitalized(new DateOnly(year, month, 1).ToString("Y", CultureInfo.CurrentCulture));

    /// <summary>An amount with two decimals in the culture's separators and no currency symbol: LeadDesk stores amounts without one.</summary>
    public static string Amount(decimal amount) => amount.ToString("N2", CultureInfo.CurrentCulture);

    private static string Capitalized(string name) =>
        name.Length == 0 ? name : CultureInfo.CurrentCulture.TextInfo.ToUpper(name[0]) + name[1..];
}
