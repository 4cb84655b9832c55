namespace LeadDesk.Domain.Analytics;

public enum ReportGrouping
{
    Week = 0,
    Month = 1,
}

/// <summary>
/// The half-open UTC interval [From, To) a report covers. Every figure on the dashboard is computed for one of these,
/// from the decision log, in the database.
/// </summary>
public sealed record ReportPeriod
{
    public ReportPeriod(DateTime from, DateTime to)
    {
        if (to <= from) throw new DomainException("The end of the period must be after its start.", "PeriodEmpty");
        From = DateTime.SpecifyKind(from, DateTimeKind.Utc);
        To = DateTime.SpecifyKind(to, DateTimeKind.Utc);
    }

    public DateTime From { get; }
    public DateTime To { get; }

    /// <summary>The last <paramref name="days"/> whole days up to and including today (UTC).</summary>
    public static ReportPeriod LastDays(int days, DateTime now) => new(now.Date.AddDays(1 - days), now.Date.AddDays(1));

    /// <summary>The calendar quarter that contains <paramref name="now"/>.</summary>
    public static ReportPeriod Quarter(DateTime now)
    {
        var start = new DateTime(now.Year, (now.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return new(start, start.AddMonths(3));
    }

    /// <summary>The calendar year that contains <paramref name="now"/>.</summary>
    public static ReportPeriod Year(DateTime now) => new(new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(now.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    public bool Contains(DateTime at) => at >= From && at < To;
}

/// <summary>A rate that is undefined when nothing was there to convert: shown as "—", never NaN.</summary>
public static class Rate
{
    public static double? Of(long part, long whole) => whole == 0 ? null : (double)part / whole;
}
