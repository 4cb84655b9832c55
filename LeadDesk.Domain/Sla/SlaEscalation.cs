using System.Globalization;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Sla;

/// <summary>One handoff the escalation moved: from whom, to whom.</summary>
public sealed record Escalation(int LeadId, string FromRepName, string ToRepName);

/// <summary>
/// Optional SLA escalation (off unless <see cref="SlaTerms.EscalateAfterHours"/> is set): a handoff overdue by that many
/// business hours, and held by its current rep for at least that long, is reassigned by the assignment rules to another
/// rep, as a Reassign decision by LeadDesk. The second condition gives the new rep the same grace before it moves again
/// (the handoff clock itself keeps running from the handoff, so the lead stays overdue and first in their queue).
/// <para>
/// Every app node runs the sweep on its own timer; one of them does each round. The sweep takes a lease that lasts one
/// interval (<see cref="JobLeases"/>) and keeps it: the node holding it renews it at its next tick, the others find
/// it taken and skip theirs. If that node dies, the lease runs out and the next node to tick takes the sweep over.
/// </para>
/// </summary>
public sealed class SlaEscalation(
    IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, TeamTimeZone zone, HandoffService handoffs, JobLeases leases,
    ILogger<SlaEscalation> logger)
{
    /// <summary>The lease that makes one node sweep per interval.</summary>
    public const string Lease = "sla-escalation";

    /// <summary>The escalations made, none when another node holds the sweep's lease.</summary>
    public async Task<IReadOnlyList<Escalation>> RunAsync(CancellationToken ct = default)
    {
        if (!await leases.TryAcquireAsync(Lease, SlaEscalationService.Interval, ct)) return [];
        List<Candidate> candidates;
        SlaTerms terms;
        BusinessCalendar calendar;
        DateTime now;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            terms = await SlaService.TermsAsync(db, ct);
            if (terms.EscalateAfterHours is null) return [];
            calendar = terms.CalendarIn(zone);
            now = clock.GetUtcNow().UtcDateTime;
            var grace = TimeSpan.FromHours(terms.EscalateAfterHours.Value);
            var handedOffBy = calendar.SubtractBusinessTime(now, terms.SalesAnswer + grace);
            candidates = await db.Leads.AsNoTracking()
                .Where(l => l.Stage == LifecycleStage.MQL && l.HandoffRepId != null && l.HandedOffAt <= handedOffBy)
                .OrderBy(l => l.HandedOffAt).ThenBy(l => l.Id)
                .Select(l => new Candidate(l.Id, l.ConcurrencyToken, l.HandedOffAt!.Value, l.HandoffRepName!,
                    db.Decisions.Where(d => d.LeadId == l.Id && d.AssignedToId != null).Max(d => (DateTime?)d.At) ?? l.HandedOffAt!.Value))
                .ToListAsync(ct);
            candidates = candidates.Where(c => calendar.BusinessTimeBetween(c.AssignedAt, now) >= grace).ToList();
        }

        var escalated = new List<Escalation>();
        foreach (var candidate in candidates)
        {
            var overdue = calendar.BusinessTimeBetween(candidate.HandedOffAt, now) - terms.SalesAnswer;
            var note = string.Create(CultureInfo.InvariantCulture,
                $"Escalated: {overdue.TotalHours:0.#} business hours past the {terms.SalesAnswerHours} h SLA, not answered by {candidate.RepName}.");
            try
            {
                var rep = await handoffs.EscalateAsync(candidate.LeadId, candidate.Token, note, ct);
                escalated.Add(new Escalation(candidate.LeadId, candidate.RepName, rep.Name));
            }
            catch (LeadChangedException)
            {
                // Someone answered or reassigned it meanwhile: their decision stands.
            }
            catch (DomainException refusal)
            {
                // Nobody else can take it now (everyone away or full): it stays where it is and is tried again next time.
                logger.LogInformation("Lead {LeadId} is overdue but cannot be escalated: {Reason}", candidate.LeadId, refusal.Message);
            }
        }
        if (escalated.Count > 0) logger.LogInformation("Escalated {Count} overdue handoffs", escalated.Count);
        return escalated;
    }

    /// <param name="AssignedAt">The latest HandOff or Reassign: since when the current rep has held it.</param>
    private sealed record Candidate(int LeadId, Guid Token, DateTime HandedOffAt, string RepName, DateTime AssignedAt);
}

/// <summary>Runs <see cref="SlaEscalation"/> every few minutes; it reads the SLA each time, so switching it on needs no restart.</summary>
public sealed class SlaEscalationService(SlaEscalation escalation, TimeProvider clock, ILogger<SlaEscalationService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private PeriodicTimer? _timer;

    /// <summary>
    /// The timer starts with the service, before ExecuteAsync (which .NET runs on the thread pool): the first tick is
    /// then exactly one interval after start, whenever the thread pool gets to ExecuteAsync.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = new PeriodicTimer(Interval, clock);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = _timer ?? new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await escalation.RunAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "SLA escalation failed; trying again in {Interval}", Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
