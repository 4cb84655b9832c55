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
    /// read once for the dashboard rather than once per table. Every lead belongs
    /// to exactly one pair, so the sums are the counts each grouping alone would give.
    /// </summary>
    public async Task<(IReadOnlyList<ChannelRow> Channels, IReadOnlyList<ChannelRow> Campaigns)> GetByChannelAndCampaignAsync(ReportPeriod period,
        CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var pairs = await CountAsync(context, period, cancellationToken);
        var spend = await SpendService.SpendForAsync(context, period, cancellationToken);
        var rows = SumBy(pairs, p => p.Source).Select(c => c with { Spend = c.Key is null ? null : spend.TryGetValue(c.Key, out var s) ? s : null }).ToList();
        rows.AddRange(spend.Where(s => rows.All(r => r.Key != s.Key)).Select(s => new ChannelRow(s.Key, 0, 0, 0, 0, s.Value)));
        return (Order(rows), Order(SumBy(pairs, p => p.Campaign)));
    }

    // The last, ordinal tie-break is the order SQL's GROUP BY gave keys that differ only in case, before the rows were
    // summed in memory.
    private static List<ChannelRow> Order(IEnumerable<ChannelRow> rows) =>
        rows.OrderByDescending(r => r.Leads).ThenBy(r => r.Key is null).ThenBy(r => r.Key, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    /// <summary>One (channel, campaign) pair's counts, before they are summed per channel or per campaign.</summary>
    private sealed record PairCount(string? Source, string? Campaign, int Leads, int Mqls, int Sqls, int Won);

    private static IEnumerable<ChannelRow> SumBy(IEnumerable<PairCount> pairs, Func<PairCount, string?> key) =>
        pairs.GroupBy(key).Select(g => new ChannelRow(g.Key, g.Sum(p => p.Leads), g.Sum(p => p.Mqls), g.Sum(p => p.Sqls), g.Sum(p => p.Won), null));

    /// <summary>
    /// GROUP BY (source, campaign) over the leads created in the period; "reached MQL / SQL / Won" is the lead's milestone
    /// for that stage (set by the first move into it, at any time up to now), counted per group in the database. With the
    /// (Source, UtmCampaign, CreatedAt, milestones) index SQLite reads the groups in order from the index alone, without
    /// reading or sorting the leads.
    /// </summary>
    private static async Task<List<PairCount>> CountAsync(LeadDeskDbContext context, ReportPeriod period, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var cohort = context.Leads.AsNoTracking().Where(l => l.CreatedAt >= from && l.CreatedAt < to);
        var groups = await cohort
            .GroupBy(l => new { l.Source, l.UtmCampaign })
            .Select(g => new
            {
                g.Key.Source,
                g.Key.UtmCampaign,
                Leads = g.Count(),
                Mqls = g.Count(l => l.ReachedMqlAt != null),
                Sqls = g.Count(l => l.ReachedSqlAt != null),
                Won = g.Count(l => l.ReachedWonAt != null),
            })
            .ToListAsync(cancellationToken);
        return groups.Select(g => new PairCount(g.Source, g.UtmCampaign, g.Leads, g.Mqls, g.Sqls, g.Won)).ToList();
    }
}
