using CsCheck;
using LeadDesk.Domain.Sla;

namespace LeadDesk.Tests.Sla;

/// <summary>
/// Business-time arithmetic: Mon–Fri 09:00–18:00 unless a test says otherwise. November 23, 2026 is a Monday. New York
/// springs forward on Sunday March 8, 2026 (02:00 → 03:00) and falls back on Sunday November 1, 2026 (02:00 → 01:00).
/// </summary>
public sealed class BusinessCalendarTests
{
    private static readonly TeamTimeZone NewYork = TeamTimeZone.From("America/New_York");
    private static readonly TimeSpan Nine = TimeSpan.FromHours(9), Eighteen = TimeSpan.FromHours(18);
    private static readonly BusinessCalendar Office = new(TeamTimeZone.Utc, WeekDays.MondayToFriday, Nine, Eighteen);

    private static DateTime Utc(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>A New York wall-clock time as the UTC instant it is.</summary>
    private static DateTime InNewYork(int month, int day, int hour, int minute = 0) => NewYork.ToUtc(new DateTime(2026, month, day, hour, minute, 0));

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    [Theory]
    [InlineData("within a day: Mon 10:00 + 3 h", 11, 23, 10, 3, 11, 23, 13)]
    [InlineData("over the night: Mon 16:00 + 4 h", 11, 23, 16, 4, 11, 24, 11)]
    [InlineData("over the weekend: Fri 17:00 + 2 h", 11, 27, 17, 2, 11, 30, 10)]
    [InlineData("from a Saturday: Sat 11:00 + 1 h", 11, 28, 11, 1, 11, 30, 10)]
    [InlineData("from a Sunday night: Sun 23:00 + 9 h", 11, 29, 23, 9, 11, 30, 18)]
    [InlineData("late at night: Tue 22:00 + 1 h", 11, 24, 22, 1, 11, 25, 10)]
    [InlineData("before opening: Tue 06:00 + 1 h", 11, 24, 6, 1, 11, 24, 10)]
    [InlineData("a full day from opening ends at closing, not next morning", 11, 23, 9, 9, 11, 23, 18)]
    [InlineData("the default 24 h from Mon noon: 6 + 9 + 9", 11, 23, 12, 24, 11, 25, 18)]
    [InlineData("a week and a bit: Mon 09:00 + 46 h", 11, 23, 9, 46, 11, 30, 10)]
    public void Due_time_is_the_start_plus_business_hours_skipping_nights_and_weekends(string _, int month, int day, int hour, double hours,
        int dueMonth, int dueDay, int dueHour)
    {
        var start = Utc(month, day, hour);

        var due = Office.AddBusinessTime(start, Hours(hours));

        Assert.Equal(Utc(dueMonth, dueDay, dueHour), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
        Assert.Equal(Hours(hours), Office.BusinessTimeBetween(start, due));
    }

    [Fact]
    public void Elapsed_business_time_counts_only_open_hours()
    {
        Assert.Equal(Hours(2), Office.BusinessTimeBetween(Utc(11, 27, 17), Utc(11, 30, 10)));      // Fri 17:00 → Mon 10:00
        Assert.Equal(TimeSpan.Zero, Office.BusinessTimeBetween(Utc(11, 27, 18), Utc(11, 30, 9)));  // the whole weekend
        Assert.Equal(Hours(45), Office.BusinessTimeBetween(Utc(11, 23, 0), Utc(11, 30, 0)));       // a whole week
        Assert.Equal(Hours(0.5), Office.BusinessTimeBetween(Utc(11, 24, 8), Utc(11, 24, 9, 30)));  // from before opening
        Assert.Equal(TimeSpan.Zero, Office.BusinessTimeBetween(Utc(11, 30, 10), Utc(11, 27, 17))); // backwards is nothing
    }

    [Fact]
    public void Subtracting_finds_the_latest_start_that_is_that_old()
    {
        Assert.Equal(Utc(11, 27, 17), Office.SubtractBusinessTime(Utc(11, 30, 10), Hours(2)));  // Mon 10:00 − 2 h = Fri 17:00
        Assert.Equal(Utc(11, 30, 9), Office.SubtractBusinessTime(Utc(11, 30, 10), Hours(1)));   // Mon 09:00, not Fri 18:00
        Assert.Equal(Utc(11, 27, 17), Office.SubtractBusinessTime(Utc(11, 28, 12), Hours(1)));  // from a Saturday
        Assert.Equal(Utc(11, 24, 12), Office.SubtractBusinessTime(Utc(11, 24, 12), TimeSpan.Zero));
    }

    [Fact]
    public void Adding_measuring_and_subtracting_agree_for_any_start_and_span()
    {
        // Any days, half-hour opening times in UTC or New York (so DST changes fall inside some windows), minute instants.
        var calendars = Gen.Select(Gen.Bool, Gen.Int[1, 127], Gen.Int[0, 47], Gen.Int[1, 48], (newYork, days, opens, length) =>
            new BusinessCalendar(newYork ? NewYork : TeamTimeZone.Utc, (WeekDays)days,
                TimeSpan.FromMinutes(30 * opens), TimeSpan.FromMinutes(30 * Math.Min(48, opens + length))));
        var instants = Gen.Int[0, 365 * 24 * 60].Select(m => Utc(1, 1, 0).AddMinutes(m));
        var spans = Gen.Int[0, 100 * 60].Select(m => TimeSpan.FromMinutes(m));

        Gen.Select(calendars, instants, spans).Sample((calendar, start, span) =>
        {
            var due = calendar.AddBusinessTime(start, span);
            Assert.Equal(span, calendar.BusinessTimeBetween(start, due));
            // Nothing earlier would do: a minute before the due time, less business time has passed.
            if (span > TimeSpan.Zero) Assert.True(calendar.BusinessTimeBetween(start, due.AddMinutes(-1)) < span);
            var latestStart = calendar.SubtractBusinessTime(due, span);
            Assert.True(latestStart >= start);
            Assert.Equal(span, calendar.BusinessTimeBetween(latestStart, due));
            if (span > TimeSpan.Zero) Assert.True(calendar.BusinessTimeBetween(latestStart.AddMinutes(1), due) < span);
        }, iter: 500);
    }

    [Fact]
    public void Over_the_spring_forward_weekend_a_due_time_is_still_ten_local_time_on_Monday()
    {
        var calendar = new BusinessCalendar(NewYork, WeekDays.MondayToFriday, Nine, Eighteen);
        var fridayFive = InNewYork(3, 6, 17);                       // 22:00 UTC, EST (UTC−5)
        Assert.Equal(Utc(3, 6, 22), fridayFive);

        var due = calendar.AddBusinessTime(fridayFive, Hours(2));

        Assert.Equal(Utc(3, 9, 14), due);                           // 10:00 EDT (UTC−4) on Monday March 9
        Assert.Equal(Hours(2), calendar.BusinessTimeBetween(fridayFive, due));
        Assert.Equal(fridayFive, calendar.SubtractBusinessTime(due, Hours(2)));
    }

    [Fact]
    public void Over_the_fall_back_weekend_a_due_time_is_still_ten_local_time_on_Monday()
    {
        var calendar = new BusinessCalendar(NewYork, WeekDays.MondayToFriday, Nine, Eighteen);

        var due = calendar.AddBusinessTime(InNewYork(10, 30, 17), Hours(2));

        Assert.Equal(Utc(11, 2, 15), due);                          // 10:00 EST (UTC−5) on Monday November 2
    }

    [Fact]
    public void With_business_hours_round_the_clock_business_time_is_real_time_even_across_a_clock_change()
    {
        var always = new BusinessCalendar(NewYork, WeekDays.Every, TimeSpan.Zero, TimeSpan.FromDays(1));
        var saturdayMidnight = InNewYork(3, 7, 0);

        Assert.Equal(saturdayMidnight + Hours(48), always.AddBusinessTime(saturdayMidnight, Hours(48)));
        // Sunday March 8 has 23 hours in New York; November 1 has 25.
        Assert.Equal(Hours(23), always.BusinessTimeBetween(InNewYork(3, 8, 0), InNewYork(3, 9, 0)));
        Assert.Equal(Hours(25), always.BusinessTimeBetween(InNewYork(11, 1, 0), InNewYork(11, 2, 0)));
        Assert.Equal((Utc(3, 8, 5), Utc(3, 9, 4)), NewYork.DayOf(Utc(3, 8, 12)));
    }

    [Fact]
    public void Opening_at_a_time_the_clocks_skip_opens_when_the_clocks_have_moved_on()
    {
        // 02:30 does not exist on March 8: the day opens at 03:30 EDT (the gap's length later) and closes at 06:00.
        var early = new BusinessCalendar(NewYork, WeekDays.Every, TimeSpan.FromHours(2.5), TimeSpan.FromHours(6));

        Assert.Equal(Hours(2.5), early.BusinessTimeBetween(InNewYork(3, 8, 0), InNewYork(3, 9, 0)));
        Assert.Equal(Utc(3, 8, 7, 31), early.AddBusinessTime(InNewYork(3, 8, 0), TimeSpan.FromMinutes(1)));
        Assert.Equal(Hours(3.5), early.BusinessTimeBetween(InNewYork(3, 9, 0), InNewYork(3, 10, 0)));
    }

    [Fact]
    public void Opening_at_a_time_that_happens_twice_opens_the_first_time()
    {
        // 01:30 happens twice on November 1: the day opens at the first (EDT, 05:30 UTC) and closes at 06:00 EST (11:00 UTC).
        var early = new BusinessCalendar(NewYork, WeekDays.Every, TimeSpan.FromHours(1.5), TimeSpan.FromHours(6));

        Assert.Equal(Hours(5.5), early.BusinessTimeBetween(InNewYork(11, 1, 0), InNewYork(11, 2, 0)));
        Assert.Equal(Utc(11, 1, 5, 30), NewYork.ToUtc(new DateTime(2026, 11, 1, 1, 30, 0)));
    }

    [Fact]
    public void A_calendar_without_days_or_with_an_empty_day_cannot_be_made()
    {
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(TeamTimeZone.Utc, WeekDays.None, Nine, Eighteen));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(TeamTimeZone.Utc, WeekDays.Monday, Eighteen, Nine));
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(TeamTimeZone.Utc, WeekDays.Monday, Nine, TimeSpan.FromHours(25)));
    }

    [Fact]
    public void An_unknown_time_zone_is_UTC_as_on_the_screens()
    {
        Assert.Equal(TeamTimeZone.Utc, TeamTimeZone.From("Mars/Olympus_Mons"));
        Assert.Equal(TeamTimeZone.Utc, TeamTimeZone.From(null));
        Assert.Equal("America/Sao_Paulo", TeamTimeZone.From("America/Sao_Paulo").Id);
    }
}
