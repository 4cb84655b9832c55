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
    public async Task<IReadOnlyList<ChannelRow>> GetByChannelAsync(ReportPeriod period, CancellationToken cancellationToken = default) =>
        (await GetByChannelAndCampaignAsync(period, cancellationToken)).Channels;

    /// <summary>One row per <see cref="Lead.UtmCampaign"/> with leads created in the period; no spend (it is entered per channel).</summary>
    public async Task<IReadOnlyList<ChannelRow>> GetByCampaignAsync(ReportPeriod period, CancellationToken cancellationToken = default) =>
        (await GetByChannelAndCampaignAsync(period, cancellationToken)).Campaigns;

    /// <summary>
    /// Both tables from one count per (channel, campaign) pair, summed up each way in memory: the period's leads are then
    /// read once for the dashboard rather than once per table. Every lead belongs to exactly one pair, so the sums are
    /// the counts each grouping alone would give.
    /// </summary>
    public Task<(IReadOnlyList<ChannelRow> Channels, IReadOnlyList<ChannelRow> Campaigns)> GetByChannelAndCampaignAsync(ReportPeriod period,
        CancellationToken cancellationToken = default) =>
        GetByChannelAndCampaignAsync(period, cohort: null, cancellationToken);

    /// <param name="cohort">The period's cohort counts when the dashboard already reads them for the funnel too; null to read them here.</param>
    internal async Task<(IReadOnlyList<ChannelRow> Channels, IReadOnlyList<ChannelRow> Campaigns)> GetByChannelAndCampaignAsync(ReportPeriod period,
        Task<IReadOnlyList<CohortCount>>? cohort, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var spend = await SpendService.SpendForAsync(context, period, cancellationToken);
        var pairs = await (cohort ?? CohortCount.ReadAsync(context, period, cancellationToken));
        var rows = SumBy(pairs, p => p.Source).Select(c => c with { Spend = c.Key is null ? null : spend.TryGetValue(c.Key, out var s) ? s : null }).ToList();
        rows.AddRange(spend.Where(s => rows.All(r => r.Key != s.Key)).Select(s => new ChannelRow(s.Key, 0, 0, 0, 0, s.Value)));
        return (Order(rows), Order(SumBy(pairs, p => p.Campaign)));
    }

    /// <summary>The period's cohort, counted per (channel, campaign): what the dashboard shares between this and the funnel.</summary>
    internal async Task<IReadOnlyList<CohortCount>> CohortAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await CohortCount.ReadAsync(context, period, cancellationToken);
    }

    // The last, ordinal tie-break is the order SQL's GROUP BY gave keys that differ only in case, before the rows were
    // summed in memory.
    private static List<ChannelRow> Order(IEnumerable<ChannelRow> rows) =>
        rows.OrderByDescending(r => r.Leads).ThenBy(r => r.Key is null).ThenBy(r => r.Key, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    private static IEnumerable<ChannelRow> SumBy(IEnumerable<CohortCount> pairs, Func<CohortCount, string?> key) =>
        pairs.GroupBy(key).Select(g => new ChannelRow(g.Key, g.Sum(p => p.Leads), g.Sum(p => p.Mqls), g.Sum(p => p.Sqls), g.Sum(p => p.Won), null));
}

/// <summary>
/// The leads created in a period with one (channel, campaign) pair, and how many of them have reached each funnel stage
/// by now (the lead's milestone for it is set). The funnel's cohort reading adds the pairs up, the channel and campaign
/// tables add them up per channel or per campaign: one pass over the cohort serves all three.
/// </summary>
internal sealed record CohortCount(string? Source, string? Campaign, int Leads, int Mqls, int Sals, int Sqls, int Opportunities, int Won)
{
    /// <summary>
    /// GROUP BY (source, campaign) over the leads created in the period, counting the milestones set, in the database.
    /// With the (Source, UtmCampaign, CreatedAt, milestones) index SQLite reads the groups in order from the index alone
    /// (skip-scan over the few channels and campaigns, a CreatedAt range in each), without reading or sorting the leads.
    /// </summary>
    internal static async Task<IReadOnlyList<CohortCount>> ReadAsync(LeadDeskDbContext context, ReportPeriod period, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        return await context.Leads.AsNoTracking()
            .Where(l => l.CreatedAt >= from && l.CreatedAt < to)
            .GroupBy(l => new { l.Source, l.UtmCampaign })
            .Select(g => new CohortCount(g.Key.Source, g.Key.UtmCampaign, g.Count(),
                g.Count(l => l.ReachedMqlAt != null), g.Count(l => l.ReachedSalAt != null), g.Count(l => l.ReachedSqlAt != null),
                g.Count(l => l.ReachedOpportunityAt != null), g.Count(l => l.ReachedWonAt != null)))
            .ToListAsync(cancellationToken);
    }
}
