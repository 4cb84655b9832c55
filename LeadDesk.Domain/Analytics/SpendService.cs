using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Analytics;

/// <summary>One month of spend on one channel, as the spend table shows it.</summary>
public sealed record ChannelSpendRow(string Channel, DateOnly Month, decimal Amount, string UpdatedByName, DateTime UpdatedAt);

/// <summary>Managers enter what each channel cost per month; the channel report divides it by what the channel brought.</summary>
public sealed class SpendService(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// Sets the spend of <paramref name="channel"/> for the month that contains <paramref name="month"/> (stored as its
    /// first day), replacing any amount entered before. Managers only; a negative amount is refused ("NegativeAmount").
    /// Read and write happen in one transaction (SQLite: BEGIN IMMEDIATE, so a second writer waits), so the
    /// (channel, month) row is created once; should the unique index still refuse a second insert, the amount is
    /// written over the row that won.
    /// </summary>
    public async Task<ChannelSpendRow> SetAsync(Caller caller, string channel, DateOnly month, decimal amount, CancellationToken cancellationToken = default)
    {
        caller.Require("set channel spend", Roles.Manager);
        channel = channel?.Trim() ?? "";
        if (channel.Length == 0) throw new DomainException("Name the channel the spend is for.", "ChannelRequired");
        if (channel.Length > LeadProfile.TextMaxLength)
            throw new DomainException($"A channel name must be at most {LeadProfile.TextMaxLength} characters.", "ChannelTooLong", LeadProfile.TextMaxLength);
        if (amount < 0) throw new DomainException("A spend cannot be negative.", "NegativeAmount");
        var first = ChannelSpend.MonthOf(month);
        var now = clock.GetUtcNow().UtcDateTime;

        try
        {
            return await UpsertAsync(caller, channel, first, amount, now, cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another manager created the same (channel, month) row between our read and our write: update theirs.
            return await UpsertAsync(caller, channel, first, amount, now, cancellationToken);
        }
    }

    private async Task<ChannelSpendRow> UpsertAsync(Caller caller, string channel, DateOnly first, decimal amount, DateTime now, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var spend = await context.ChannelSpends.SingleOrDefaultAsync(s => s.Channel == channel && s.Month == first, cancellationToken);
        if (spend is null)
        {
            spend = new ChannelSpend(channel, first, amount, caller.Actor, now);
            context.ChannelSpends.Add(spend);
        }
        else
        {
            spend.Update(amount, caller.Actor, now);
        }
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ChannelSpendRow(spend.Channel, spend.Month, spend.Amount, spend.UpdatedByName, spend.UpdatedAt);
    }

    /// <summary>Every spend entered for the months of <paramref name="year"/>, by channel then month.</summary>
    public async Task<IReadOnlyList<ChannelSpendRow>> GetAsync(int year, CancellationToken cancellationToken = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.ChannelSpends.AsNoTracking()
            .Where(s => s.Month >= from && s.Month < to)
            .OrderBy(s => s.Channel).ThenBy(s => s.Month)
            .Select(s => new ChannelSpendRow(s.Channel, s.Month, s.Amount, s.UpdatedByName, s.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The channels the leads come from: every distinct non-empty <see cref="Lead.Source"/>, in ordinal order, found by
    /// the database (DISTINCT over the index that leads with Source) so no lead row is loaded. The spend screen offers
    /// them beside the channels that already have spend, spelled exactly as the channel report matches them.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetLeadChannelsAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var channels = await context.Leads.AsNoTracking()
            .Where(l => l.Source != null && l.Source != "")
            .Select(l => l.Source!)
            .Distinct()
            .ToListAsync(cancellationToken);
        // Sorted here: the database's collation (SQLite BINARY, PostgreSQL's locale) would order them differently.
        channels.Sort(StringComparer.Ordinal);
        return channels;
    }

    /// <summary>
    /// Spend per channel for <paramref name="period"/>: each month's amount counts in proportion to the part of the month
    /// the period covers (days of overlap ÷ days in the month, to the second), summed over the months the period overlaps
    /// and rounded to cents. A channel with no amount entered for any of those months is absent (its cost is unknown,
    /// not zero). Reads only the spend rows of those months (channels × months), so the proration is done in memory.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<string, decimal>> SpendForAsync(LeadDeskDbContext context, ReportPeriod period, CancellationToken cancellationToken)
    {
        var firstMonth = ChannelSpend.MonthOf(DateOnly.FromDateTime(period.From));
        var lastMonth = ChannelSpend.MonthOf(DateOnly.FromDateTime(period.To.AddTicks(-1)));
        var rows = await context.ChannelSpends.AsNoTracking()
            .Where(s => s.Month >= firstMonth && s.Month <= lastMonth)
            .Select(s => new { s.Channel, s.Month, s.Amount })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.Channel)
            .ToDictionary(g => g.Key, g => Math.Round(g.Sum(r => r.Amount * CoveredShare(period, r.Month)), 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>The share (0…1) of the month starting at <paramref name="month"/> that <paramref name="period"/> covers.</summary>
    internal static decimal CoveredShare(ReportPeriod period, DateOnly month)
    {
        var start = month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = start.AddMonths(1);
        var from = period.From > start ? period.From : start;
        var to = period.To < end ? period.To : end;
        if (to <= from) return 0m;
        return (decimal)(to - from).Ticks / (end - start).Ticks;
    }
}
