using System.Globalization;

namespace LeadDesk.App.Components.Shared;

/// <summary>Shows UTC times in the time zone set in appsettings.json (<c>Display:TimeZone</c>), in the user's language.</summary>
public sealed class DisplayTime(IConfiguration configuration)
{
    private readonly TimeZoneInfo _zone = Find(configuration["Display:TimeZone"]);

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public string Format(DateTime utc, bool dateOnly = false) =>
        ToLocal(utc).ToString(dateOnly ? "d" : "g", CultureInfo.CurrentCulture);

    private static TimeZoneInfo Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
