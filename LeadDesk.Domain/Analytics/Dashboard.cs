using LeadDesk.Domain.Identity;

namespace LeadDesk.Domain.Analytics;

/// <summary>What the dashboard is asked for: the period, how the trend is grouped, which funnel reading.</summary>
public sealed record DashboardRequest(ReportPeriod Period, ReportGrouping Grouping = ReportGrouping.Week, FunnelReading Reading = FunnelReading.Cohort);

/// <summary>
/// Every figure of the dashboard for one request. The team sections are null for a caller who may only see their own
/// per-rep row (a Sales user); <see cref="Reps"/> is then that row alone, or empty, and <see cref="Sla"/> holds only
/// their own SLA row.
/// </summary>
public sealed record DashboardReport(
    DashboardRequest Request,
    FunnelReport? Funnel,
    HandoffHealthReport? Handoff,
    IReadOnlyList<ChannelRow>? Channels,
    IReadOnlyList<ChannelRow>? Campaigns,
    IReadOnlyList<VelocityFigure>? Velocity,
    IReadOnlyList<TrendPoint>? Trend,
    IReadOnlyList<RepRow> Reps,
    SlaComplianceReport? Sla = null)
{
    public bool ShowsTeam => Funnel is not null;
}

/// <summary>
/// The dashboard's one entry point, and where its visibility rule lives: Managers and Marketing read every section;
/// Sales reads only their own per-rep figures (a rep's pipeline is theirs to see; the team's is the managers').
/// The sections are independent queries on their own connections, so they run side by side; the handoff answers, which
/// three of them measure, are read once.
/// </summary>
public sealed class Dashboard(FunnelQueries funnel, HandoffHealth health, ChannelReport channels, RepFigures reps, SlaCompliance sla)
{
    public async Task<DashboardReport> GetAsync(Caller caller, DashboardRequest request, CancellationToken cancellationToken = default)
    {
        caller.Require("read the dashboard", Roles.Manager, Roles.Marketing, Roles.Sales);
        var period = request.Period;
        // The period's answers to handoffs, read once for the three sections that measure them (of the caller alone for Sales).
        var answers = Start(() => reps.AnswersAsync(period, RepFigures.OnlyRepOf(caller), cancellationToken), cancellationToken);
        var repRows = Start(() => reps.GetPerRepAsync(caller, period, answers, cancellationToken), cancellationToken);
        var compliance = Start(() => sla.GetAsync(caller, period, answers, cancellationToken), cancellationToken);
        if (!caller.IsIn(Roles.Manager) && !caller.IsIn(Roles.Marketing))
            return new DashboardReport(request, null, null, null, null, null, null, await repRows, await compliance);

        // One pass over the period's leads gives the funnel's lead counts and both channel tables (CohortCount).
        var cohort = Start(() => channels.CohortAsync(period, cancellationToken), cancellationToken);
        var handoff = Start(() => health.GetAsync(period, answers, HandoffHealth.DefaultTopRules, cancellationToken), cancellationToken);
        var byChannelAndCampaign = Start(() => channels.GetByChannelAndCampaignAsync(period, cohort, cancellationToken), cancellationToken);
        var velocity = Start(() => funnel.GetVelocityAsync(period, cancellationToken), cancellationToken);
        var funnelReport = Start(() => funnel.GetFunnelAsync(period, request.Reading, cohort, cancellationToken), cancellationToken);
        var trend = Start(() => funnel.GetTrendAsync(period, request.Grouping, cancellationToken), cancellationToken);
        await Task.WhenAll(repRows, compliance, funnelReport, handoff, byChannelAndCampaign, velocity, trend);
        var (byChannel, byCampaign) = await byChannelAndCampaign;
        return new DashboardReport(request, await funnelReport, await handoff, byChannel, byCampaign, await velocity, await trend,
            await repRows, await compliance);
    }

    /// <summary>
    /// Starts a section on the thread pool. Microsoft.Data.Sqlite completes its async calls synchronously, so a section
    /// merely called would run to its end before the next one started (and on the caller's thread: in Blazor Server,
    /// the circuit's); started this way they overlap. After the per-rep rows (which every caller gets) the team sections
    /// start slowest first, so that the longest one is not left to run alone at the end (docs/performance.md).
    /// </summary>
    private static Task<T> Start<T>(Func<Task<T>> section, CancellationToken cancellationToken) => Task.Run(section, cancellationToken);
}
