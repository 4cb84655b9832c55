using System.Globalization;
using System.Text;

namespace LeadDesk.Domain.Import;

/// <summary>
/// Reads a country as exports write it — "Brazil", "Brasil", "BR", "BRA", "United States", "USA" — as the two-letter
/// ISO code leads keep. The names come from .NET's region data (English and native names, two- and three-letter codes),
/// compared without case, accents or punctuation, plus the usual short forms that region data lacks.
/// </summary>
public static class CountryNames
{
    private static readonly Lazy<Dictionary<string, string>> Codes = new(Build);

    /// <summary>The ISO 3166-1 alpha-2 code, upper case; null when the name is not known.</summary>
    public static string? ToIsoCode(string value)
    {
        var key = Key(value);
        return key.Length == 0 ? null : Codes.Value.GetValueOrDefault(key);
    }

    private static Dictionary<string, string> Build()
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try { region = new RegionInfo(culture.Name); }
            catch (ArgumentException) { continue; }
            var code = region.TwoLetterISORegionName.ToUpperInvariant();
            // "001" (world), "419" (Latin America): regions that are not countries.
            if (code.Length != 2 || !code.All(char.IsAsciiLetter)) continue;
            foreach (var name in new[] { code, region.ThreeLetterISORegionName, region.EnglishName, region.NativeName })
                codes.TryAdd(Key(name), code);
        }
        foreach (var (alias, code) in Aliases) codes[Key(alias)] = code;
        return codes;
    }

    private static readonly (string Alias, string Code)[] Aliases =
    [
        ("USA", "US"), ("United States of America", "US"), ("America", "US"), ("U.S.", "US"), ("Estados Unidos", "US"),
        ("UK", "GB"), ("Great Britain", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"),
        ("Reino Unido", "GB"), ("Holland", "NL"), ("The Netherlands", "NL"), ("Czech Republic", "CZ"), ("Russia", "RU"),
        ("South Korea", "KR"), ("Korea", "KR"), ("Republic of Korea", "KR"), ("Vietnam", "VN"), ("Turkey", "TR"),
        ("UAE", "AE"), ("Ivory Coast", "CI"), ("Hong Kong", "HK"), ("Macau", "MO"), ("Taiwan", "TW"), ("Alemanha", "DE"),
        ("Alemania", "DE"), ("Espanha", "ES"), ("França", "FR"), ("Francia", "FR"), ("Brasil", "BR"), ("México", "MX"),
    ];

    /// <summary>Letters only, lower case, accents removed: "São Tomé" and "sao tome" meet.</summary>
    private static string Key(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetter(c)) builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
