using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Analytics;

/// <summary>
/// What one channel (or campaign) brought in a period, read as a cohort: the leads of the group created in the period,
/// and how many of those same leads have reached MQL, SQL and Won by now (whenever that happened).
/// </summary>
/// <param name="Key">The channel (<see cref="Lead.Source"/>) or campaign (<see cref="Lead.UtmCampaign"/>); null = none given.</param>
/// <param name="Spend">
/// The channel's spend for the period (see <see cref="SpendService"/>: prorated by days of overlap); null when no spend
/// was entered for it, and always null for campaign rows (spend is entered per channel).
/// </param>
public sealed record ChannelRow(
    string? Key,
    int Leads,
    int Mqls,
    int Sqls,
    int Won,
    decimal? Spend)
{
    public double? LeadToMql => Rate.Of(Mqls, Leads);
    public double? MqlToSql => Rate.Of(Sqls, Mqls);
    public double? SqlToWon => Rate.Of(Won, Sqls);
    public double? LeadToWon => Rate.Of(Won, Leads);

    /// <summary>Spend ÷ leads; null when there are none or no spend was entered.</summary>
    public decimal? CostPerLead => CostPer(Leads);
    public decimal? CostPerMql => CostPer(Mqls);
    public decimal? CostPerSql => CostPer(Sqls);
    public decimal? CostPerWon => CostPer(Won);

    private decimal? CostPer(int count) => Spend is null || count == 0 ? null : Math.Round(Spend.Value / count, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Leads, MQLs, SQLs and won per source channel or UTM campaign, with cost per each from the channel spend.</summary>
public sealed class ChannelReport(IDbContextFactory<LeadDeskDbContext> contexts)
{
    /// <summary>
    /// One row per <see cref="Lead.Source"/> with leads created in the period, plus one per channel that has spend in the
    /// period but no leads (its costs are then undefined, shown as null). Ordered by leads, most first.
    /// </summary>
    public async Task<IReadOnlyList<ChannelRow>> GetByChannelAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await CountAsync(context, period, l => l.Source, cancellationToken);
        var spend = await SpendService.SpendForAsync(context, period, cancellationToken);
        var rows = counts.Select(c => c with { Spend = c.Key is null ? null : spend.TryGetValue(c.Key, out var s) ? s : null }).ToList();
        rows.AddRange(spend.Where(s => rows.All(r => r.Key != s.Key)).Select(s => new ChannelRow(s.Key, 0, 0, 0, 0, s.Value)));
        return Order(rows);
    }

    /// <summary>One row per <see cref="Lead.UtmCampaign"/> with leads created in the period; no spend (it is entered per channel).</summary>
    public async Task<IReadOnlyList<ChannelRow>> GetByCampaignAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return Order(await CountAsync(context, period, l => l.UtmCampaign, cancellationToken));
    }

    private static List<ChannelRow> Order(IEnumerable<ChannelRow> rows) =>
        rows.OrderByDescending(r => r.Leads).ThenBy(r => r.Key is null).ThenBy(r => r.Key, StringComparer.CurrentCultureIgnoreCase).ToList();

    /// <summary>
    /// GROUP BY the key over the leads created in the period; "reached MQL / SQL / Won" is an EXISTS over the lead's
    /// decisions into that stage (at any time up to now), summed per group in the database.
    /// </summary>
    private static async Task<List<ChannelRow>> CountAsync(LeadDeskDbContext context, ReportPeriod period,
        System.Linq.Expressions.Expression<Func<Lead, string?>> key, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var cohort = context.Leads.AsNoTracking().Where(l => l.CreatedAt >= from && l.CreatedAt < to);
        var groups = await cohort
            .GroupBy(key)
            .Select(g => new
            {
                Key = g.Key,
                Leads = g.Count(),
                Mqls = g.Count(l => context.Decisions.Any(d => d.LeadId == l.Id && d.ToStage == LifecycleStage.MQL)),
                Sqls = g.Count(l => context.Decisions.Any(d => d.LeadId == l.Id && d.ToStage == LifecycleStage.SQL)),
                Won = g.Count(l => context.Decisions.Any(d => d.LeadId == l.Id && d.ToStage == LifecycleStage.Won)),
            })
            .ToListAsync(cancellationToken);
        return groups.Select(g => new ChannelRow(g.Key, g.Leads, g.Mqls, g.Sqls, g.Won, null)).ToList();
    }
}
