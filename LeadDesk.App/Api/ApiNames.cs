using System.Text.Json;

namespace LeadDesk.App.Api;

/// <summary>Enum values as the API spells them: snake_case (<c>vice_president</c>, <c>demo_request</c>).</summary>
internal static class ApiNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static IEnumerable<string> All<TEnum>() where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Of);

    /// <summary>
    /// The value named <paramref name="text"/>: its snake_case name, or the same words in another case or with spaces or
    /// hyphens ("Vice President", "VicePresident"), since forms send what their people typed. Numbers are not names.
    /// </summary>
    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        var wanted = Squash(text);
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (wanted.Length > 0 && string.Equals(Squash(candidate.ToString()), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Squash(string text) =>
        string.Concat(text.Where(c => c is not ('_' or '-' or ' ')));
}

/// <summary>Strings out of JSON that may hold what .NET strings cannot (a lone surrogate escape).</summary>
internal static class Text
{
    /// <summary>The element's string, or null when it is not valid Unicode.</summary>
    public static string? Of(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>An ISO 8601 date and time; false also when the string is not valid Unicode (which GetString would throw on).</summary>
    public static bool TryGetDateTime(JsonElement element, out DateTime value)
    {
        try
        {
            return element.TryGetDateTime(out value);
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>A property's name, or "" when it is not valid Unicode (no field has such a name).</summary>
    public static string NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    /// <summary>A value quoted back in a message, cut short so an error never echoes a whole body.</summary>
    public static string Shorten(string? value) => value is null ? "" : value.Length <= 40 ? value : value[..40] + "…";
}
