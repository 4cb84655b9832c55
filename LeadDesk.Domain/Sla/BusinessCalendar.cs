namespace LeadDesk.Domain.Sla;

/// <summary>Days of the week as flags, so a set of business days is one stored number.</summary>
[Flags]
public enum WeekDays
{
    None = 0,
    Sunday = 1 << DayOfWeek.Sunday,
    Monday = 1 << DayOfWeek.Monday,
    Tuesday = 1 << DayOfWeek.Tuesday,
    Wednesday = 1 << DayOfWeek.Wednesday,
    Thursday = 1 << DayOfWeek.Thursday,
    Friday = 1 << DayOfWeek.Friday,
    Saturday = 1 << DayOfWeek.Saturday,
    MondayToFriday = Monday | Tuesday | Wednesday | Thursday | Friday,
    Every = MondayToFriday | Saturday | Sunday,
}

public static class WeekDaysExtensions
{
    /// <summary>Monday first, as the week is shown.</summary>
    public static readonly IReadOnlyList<DayOfWeek> MondayFirst =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static WeekDays Flag(this DayOfWeek day) => (WeekDays)(1 << (int)day);

    public static bool Includes(this WeekDays days, DayOfWeek day) => (days & day.Flag()) != 0;

    public static WeekDays With(this WeekDays days, DayOfWeek day, bool included) => included ? days | day.Flag() : days & ~day.Flag();
}

/// <summary>
/// Business time in the team's time zone: the same opening hours on each business day. Pure arithmetic on UTC instants,
/// walking local days, so nights, weekends and DST changes fall out of the calendar rather than special cases. A business
/// day on which the clocks change is as long as the time that really passes between opening and closing.
/// Not tied to a clock: callers pass "now" from their <see cref="TimeProvider"/>.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>How far the arithmetic walks before giving up: a century of days (a calendar with one open hour a week still fits).</summary>
    private const int MaxDays = 36_600;

    private readonly TeamTimeZone _zone;

    public BusinessCalendar(TeamTimeZone zone, WeekDays days, TimeSpan opens, TimeSpan closes)
    {
        if ((days & WeekDays.Every) == WeekDays.None) throw new ArgumentException("A calendar needs at least one business day.", nameof(days));
        if (opens < TimeSpan.Zero || closes > TimeSpan.FromDays(1) || closes <= opens)
            throw new ArgumentException($"Business hours {opens}–{closes} must lie within a day and end after they start.", nameof(closes));
        _zone = zone;
        Days = days;
        Opens = opens;
        Closes = closes;
    }

    public WeekDays Days { get; }
    public TimeSpan Opens { get; }
    /// <summary>Up to 24:00 (the end of the day).</summary>
    public TimeSpan Closes { get; }

    /// <summary>
    /// The first instant at which <paramref name="span"/> of business time has passed since <paramref name="startUtc"/>:
    /// a handoff made on Friday at 17:00 with 2 business hours (Mon–Fri 09–18) is due on Monday at 10:00. A start outside
    /// business hours counts from the next opening. A due time that lands exactly on closing time is that closing time.
    /// </summary>
    public DateTime AddBusinessTime(DateTime startUtc, TimeSpan span)
    {
        startUtc = Utc(startUtc);
        if (span <= TimeSpan.Zero) return startUtc;
        var remaining = span;
        var date = LocalDate(startUtc);
        for (var i = 0; i < MaxDays; i++, date = date.AddDays(1))
        {
            if (WindowOn(date) is not (DateTime opens, DateTime closes)) continue;
            var from = opens > startUtc ? opens : startUtc;
            if (from >= closes) continue;
            var open = closes - from;
            if (remaining <= open) return from + remaining;
            remaining -= open;
        }
        throw new InvalidOperationException($"{span} of business time does not fit in {MaxDays} days.");
    }

    /// <summary>
    /// The latest instant from which <paramref name="span"/> of business time has passed by <paramref name="endUtc"/>:
    /// everything that started at or before it is at least <paramref name="span"/> old in business time. The inverse of
    /// <see cref="AddBusinessTime"/>, so "overdue" can be asked of the database as one comparison on the start time.
    /// </summary>
    public DateTime SubtractBusinessTime(DateTime endUtc, TimeSpan span)
    {
        endUtc = Utc(endUtc);
        if (span <= TimeSpan.Zero) return endUtc;
        var remaining = span;
        var date = LocalDate(endUtc);
        for (var i = 0; i < MaxDays; i++, date = date.AddDays(-1))
        {
            if (WindowOn(date) is not (DateTime opens, DateTime closes)) continue;
            var to = closes < endUtc ? closes : endUtc;
            if (to <= opens) continue;
            var open = to - opens;
            if (remaining <= open) return to - remaining;
            remaining -= open;
        }
        throw new InvalidOperationException($"{span} of business time does not fit in {MaxDays} days.");
    }

    /// <summary>Business time that passed between two instants (zero when <paramref name="toUtc"/> is not after <paramref name="fromUtc"/>).</summary>
    public TimeSpan BusinessTimeBetween(DateTime fromUtc, DateTime toUtc)
    {
        fromUtc = Utc(fromUtc);
        toUtc = Utc(toUtc);
        var total = TimeSpan.Zero;
        if (toUtc <= fromUtc) return total;
        var last = LocalDate(toUtc);
        for (var date = LocalDate(fromUtc); date <= last; date = date.AddDays(1))
        {
            if (WindowOn(date) is not (DateTime opens, DateTime closes)) continue;
            var from = opens > fromUtc ? opens : fromUtc;
            var to = closes < toUtc ? closes : toUtc;
            if (to > from) total += to - from;
        }
        return total;
    }

    /// <summary>The business hours of one local date as UTC instants; null on a day off.</summary>
    private (DateTime Opens, DateTime Closes)? WindowOn(DateOnly date)
    {
        if (!Days.Includes(date.DayOfWeek)) return null;
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        var (opens, closes) = (_zone.ToUtc(midnight + Opens), _zone.ToUtc(midnight + Closes));
        return closes > opens ? (opens, closes) : null;
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(_zone.ToLocal(utc));

    private static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}
