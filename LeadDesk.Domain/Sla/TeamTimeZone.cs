namespace LeadDesk.Domain.Sla;

/// <summary>
/// The team's time zone (<c>Display:TimeZone</c> in appsettings.json, the one the screens show times in). Business hours
/// and the "today" of a rep's daily capacity are read in it. An unknown or empty id means UTC, as on the screens.
/// </summary>
public sealed record TeamTimeZone(TimeZoneInfo Zone)
{
    public const string ConfigurationKey = "Display:TimeZone";

    public static TeamTimeZone Utc { get; } = new(TimeZoneInfo.Utc);

    public static TeamTimeZone From(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? new(zone) : Utc;

    public string Id => Zone.Id;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The local day that contains <paramref name="utc"/>, as a half-open UTC interval (23 or 25 hours on a DST change).</summary>
    public (DateTime Start, DateTime End) DayOf(DateTime utc)
    {
        var date = DateOnly.FromDateTime(ToLocal(utc));
        return (ToUtc(date.ToDateTime(TimeOnly.MinValue)), ToUtc(date.AddDays(1).ToDateTime(TimeOnly.MinValue)));
    }

    /// <summary>
    /// The instant a local wall-clock time names. A time the clocks skip (02:30 on a spring-forward night) is read with
    /// the offset in force before the jump, so it moves forward by the gap (03:30); a time that happens twice (autumn)
    /// is its first occurrence. The same choice as NodaTime's lenient resolver.
    /// </summary>
    public DateTime ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
            return DateTime.SpecifyKind(local - Zone.GetUtcOffset(local.AddDays(-1)), DateTimeKind.Utc);
        if (Zone.IsAmbiguousTime(local))
            return DateTime.SpecifyKind(local - Zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
