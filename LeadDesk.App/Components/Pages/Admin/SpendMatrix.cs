using System.Globalization;
using LeadDesk.Domain.Analytics;

namespace LeadDesk.App.Components.Pages.Admin;

/// <summary>One channel's twelve months of a year; null where nothing was entered (unknown, not zero).</summary>
public sealed record SpendMatrixRow(string Channel, IReadOnlyList<decimal?> Months)
{
    /// <summary>The sum of the months entered; null when none was.</summary>
    public decimal? Total => Months.Any(m => m is not null) ? Months.Sum(m => m ?? 0m) : null;
}

/// <summary>
/// The spend screen's table: a row per channel that has spend in the year or that leads name as their source, a column
/// per month. Channels match as the channel report matches them, by exact spelling.
/// </summary>
public sealed record SpendMatrix(int Year, IReadOnlyList<SpendMatrixRow> Rows, bool HasSpend)
{
    public static SpendMatrix Build(int year, IEnumerable<string> leadChannels, IReadOnlyList<ChannelSpendRow> spend)
    {
        var byChannel = spend.Where(s => s.Month.Year == year).ToLookup(s => s.Channel, StringComparer.Ordinal);
        var rows = leadChannels.Concat(byChannel.Select(g => g.Key))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))
            .Select(channel =>
            {
                var months = new decimal?[12];
                foreach (var entry in byChannel[channel]) months[entry.Month.Month - 1] = entry.Amount;
                return new SpendMatrixRow(channel, months);
            })
            .ToList();
        return new SpendMatrix(year, rows, byChannel.Count > 0);
    }

    /// <summary>What all channels cost in month <paramref name="month"/> (1–12); null when nothing was entered for it.</summary>
    public decimal? MonthTotal(int month) =>
        Rows.Any(r => r.Months[month - 1] is not null) ? Rows.Sum(r => r.Months[month - 1] ?? 0m) : null;

    /// <summary>What all channels cost in the year; null when nothing was entered.</summary>
    public decimal? Total => HasSpend ? Rows.Sum(r => r.Total ?? 0m) : null;

    /// <summary>The amount entered for <paramref name="channel"/> in <paramref name="month"/> (1–12), if any.</summary>
    public decimal? AmountOf(string channel, int month) =>
        Rows.FirstOrDefault(r => string.Equals(r.Channel, channel, StringComparison.Ordinal))?.Months[month - 1];

    /// <summary>Every channel of the table, for the entry form's suggestions.</summary>
    public IReadOnlyList<string> Channels => Rows.Select(r => r.Channel).ToList();
}

/// <summary>One month of one channel in the table: what the entry form is filled with when the cell is picked.</summary>
public sealed record SpendCell(string Channel, int Month, decimal? Amount);
