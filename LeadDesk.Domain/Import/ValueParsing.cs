using System.Globalization;
using System.Text.RegularExpressions;

namespace LeadDesk.Domain.Import;

/// <summary>Numbers and dates as exports write them, read without guessing where a guess could be wrong.</summary>
internal static partial class ValueParsing
{
    private static readonly string[] MonthFirst =
        ["M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy h:mm tt", "M/d/yyyy h:mm:ss tt", "M/d/yy", "M/d/yy H:mm", "M/d/yy h:mm tt"];

    private static readonly string[] DayFirst =
        ["d/M/yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d/M/yy", "d/M/yy H:mm"];

    private static readonly string[] Dotted = ["d.M.yyyy", "d.M.yyyy H:mm", "d.M.yyyy H:mm:ss", "d.M.yy"];

    /// <summary>
    /// A date and time as UTC. ISO 8601 ("2024-03-15", "2024-03-15 10:23", "2024-03-15T10:23:45.000Z", with or without an
    /// offset) always; dotted dates day first ("15.03.2024"); slashed dates month first in comma-separated files and day
    /// first in semicolon-separated ones, as the spreadsheets that write each kind do. A time without an offset is UTC.
    /// </summary>
    public static bool TryDate(string text, bool dayFirst, out DateTime utc)
    {
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        var value = text.Trim();
        var parsed = value.Length >= 10 && char.IsAsciiDigit(value[0]) && value[4] == '-'
            ? DateTime.TryParse(value, CultureInfo.InvariantCulture, styles, out utc)
            : DateTime.TryParseExact(value, value.Contains('.') ? Dotted : dayFirst ? DayFirst : MonthFirst, CultureInfo.InvariantCulture, styles, out utc);
        if (parsed) utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return parsed;
    }

    /// <summary>
    /// A whole number from "1200000", "1,200,000", "1.200.000", "1 200 000,50", "$1.2M", "12k", "BRL 5000" or a range
    /// ("51-200", "10,001+": its lower bound). A single separator followed by exactly three digits groups thousands;
    /// otherwise the last separator is the decimal one. Fractions are rounded.
    /// </summary>
    public static bool TryWholeNumber(string text, out long value)
    {
        value = 0;
        var s = text.Trim();
        if (Range().Match(s) is { Success: true } range) s = range.Groups["low"].Value;
        var match = Amount().Match(s);
        if (!match.Success) return false;

        var number = match.Groups["number"].Value.Replace(" ", "").Replace("\u00A0", "").Replace("'", "");
        var lastDot = number.LastIndexOf('.');
        var lastComma = number.LastIndexOf(',');
        var decimalAt = lastDot >= 0 && lastComma >= 0 ? Math.Max(lastDot, lastComma) : -1;
        // With both separators, the decimal one comes once, last: "1,234,567.89" but not "1.2.3,4,5".
        if (decimalAt >= 0 && number.IndexOf(number[decimalAt]) != decimalAt) return false;
        if (decimalAt < 0 && (lastDot >= 0 || lastComma >= 0))
        {
            var at = Math.Max(lastDot, lastComma);
            var onlyOne = number.IndexOf(number[at]) == at;
            if (onlyOne && number.Length - at - 1 != 3) decimalAt = at;
        }
        var whole = (decimalAt < 0 ? number : number[..decimalAt]).Replace(".", "").Replace(",", "");
        var fraction = decimalAt < 0 ? "0" : number[(decimalAt + 1)..];
        if (fraction.Length == 0) fraction = "0";
        if (!decimal.TryParse($"{whole}.{fraction}", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            return false;
        parsed *= match.Groups["suffix"].Value.ToLowerInvariant() switch { "k" => 1_000m, "m" => 1_000_000m, "b" => 1_000_000_000m, _ => 1m };
        if (parsed > long.MaxValue) return false;
        value = (long)Math.Round(match.Groups["negative"].Success ? -parsed : parsed, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>An optional minus, an optional currency before ("$", "R$", "USD") or after, digits with separators, k/m/b.</summary>
    [GeneratedRegex(@"^(?<negative>-)?\s*(?:[^\d\s.,+-]{1,3}\s*)?(?<number>\d(?:[\d.,' \u00A0]*\d)?)\s*(?<suffix>[kKmMbB])?\s*(?:[A-Za-z]{3}|\p{Sc})?$")]
    private static partial Regex Amount();

    /// <summary>"51-200", "51 – 200" or "10,001+".</summary>
    [GeneratedRegex(@"^(?<low>\d[\d.,]*)\s*(?:[-–]\s*\d[\d.,]*|\+)$")]
    private static partial Regex Range();

    /// <summary>"ORGANIC_SEARCH" (HubSpot's internal names) as "Organic search"; anything else as written.</summary>
    public static string Readable(string value)
    {
        if (!value.Contains('_') || value.Any(char.IsLower)) return value;
        var words = value.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return value;
        var text = string.Join(' ', words).ToLowerInvariant();
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
