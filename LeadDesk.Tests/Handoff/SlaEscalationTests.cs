using LeadDesk.Domain.Assignment;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Sla;
using Microsoft.Extensions.Logging.Abstractions;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Handoff;

/// <summary>
/// Optional escalation: overdue handoffs move to another rep by the assignment rules, recorded as LeadDesk's Reassign.
/// The staff: Sam and Sofia in Sales (and a locked-out rep). Monday November 23, 2026, 12:00 UTC; default business hours.
/// </summary>
public sealed class SlaEscalationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private HandoffTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await HandoffTestBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static DateTime Nov(int day, int hour) => new(2026, 11, day, hour, 0, 0, DateTimeKind.Utc);

    private Task<int> HandedOffAsync(Actor rep, DateTime at) =>
        _bed.AddLeadAsync(LifecycleStage.MQL, createdAt: at.AddDays(-1), arrange: lead => lead.HandOff(Leads.Marketer, rep, at, "Hot"));

    private Task EscalateAfterAsync(int? hours) => _bed.SetSlaAsync(SlaTerms.Default with { EscalateAfterHours = hours });

    [Fact]
    public async Task Escalation_is_off_by_default_and_nothing_moves()
    {
        var id = await HandedOffAsync(Leads.Rep, Nov(10, 10));   // two weeks overdue
        var before = await _bed.SnapshotAsync(id);

        Assert.Empty(await _bed.Escalation.RunAsync());

        Assert.Equal(before, await _bed.SnapshotAsync(id));
    }

    [Fact]
    public async Task A_handoff_overdue_by_the_escalation_hours_moves_to_the_next_rep_as_LeadDesk_s_Reassign()
    {
        await EscalateAfterAsync(4);
        var late = await HandedOffAsync(Leads.Rep, Nov(18, 10));           // 29 business hours: 5 past the 24
        var notYet = await HandedOffAsync(Leads.Rep, Nov(18, 12));         // 27: only 3 past

        var escalated = Assert.Single(await _bed.Escalation.RunAsync());

        Assert.Equal(new Escalation(late, Leads.Rep.Name, Leads.OtherRep.Name), escalated);
        var lead = await _bed.LoadAsync(late);
        Assert.Equal((LifecycleStage.MQL, Leads.OtherRep.UserId, Nov(18, 10)), (lead.Stage, lead.HandoffRepId, lead.HandedOffAt!.Value));
        var decision = lead.Decisions[^1];
        Assert.Equal((LifecycleVerb.Reassign, Actor.System.UserId, Actor.System.Name, Leads.OtherRep.UserId, _bed.Now),
            (decision.Verb, decision.ActorId, decision.ActorName, decision.AssignedToId, decision.At));
        Assert.Equal("Escalated: 5 business hours past the 24 h SLA, not answered by Sam Sales.", decision.Note);
        Assert.Equal(Leads.Rep.UserId, (await _bed.LoadAsync(notYet)).HandoffRepId);
        var published = Assert.Single(_bed.Notifier.Published);
        Assert.Equal((LifecycleVerb.Reassign, late, Leads.OtherRep.UserId), (published.Verb, published.LeadId, published.AssignedRepId));
    }

    [Fact]
    public async Task The_new_rep_gets_the_same_grace_before_the_handoff_moves_again()
    {
        await EscalateAfterAsync(4);
        var id = await HandedOffAsync(Leads.Rep, Nov(18, 10));
        Assert.Single(await _bed.Escalation.RunAsync());

        Assert.Empty(await _bed.Escalation.RunAsync());                   // at once: Sofia has had it for no time
        _bed.Clock.SetUtcNow(Nov(23, 15).AddMinutes(59));                 // 3 h 59 min later
        Assert.Empty(await _bed.Escalation.RunAsync());
        _bed.Clock.SetUtcNow(Nov(23, 16));

        Assert.Equal(Leads.Rep.Name, Assert.Single(await _bed.Escalation.RunAsync()).ToRepName);
        Assert.Equal(2, (await _bed.LoadAsync(id)).Decisions.Count(d => d.Verb == LifecycleVerb.Reassign));
    }

    [Fact]
    public async Task A_manager_s_recent_reassignment_also_counts_as_the_new_rep_s_grace()
    {
        await EscalateAfterAsync(4);
        await _bed.AddLeadAsync(LifecycleStage.MQL, createdAt: Nov(17, 10), arrange: lead =>
        {
            lead.HandOff(Leads.Marketer, Leads.Rep, Nov(18, 10), null);
            lead.Reassign(Manager.Actor, Leads.OtherRep, Nov(23, 10), null);   // two business hours ago
        });

        Assert.Empty(await _bed.Escalation.RunAsync());
    }

    [Fact]
    public async Task With_nobody_else_to_take_it_the_handoff_stays_and_is_tried_again_later()
    {
        await EscalateAfterAsync(4);
        var id = await HandedOffAsync(Leads.Rep, Nov(18, 10));
        await _bed.SetRulesAsync(OtherRep, new RepRules(true, [], null, Away: true));
        var before = await _bed.SnapshotAsync(id);

        Assert.Empty(await _bed.Escalation.RunAsync());
        Assert.Equal(before, await _bed.SnapshotAsync(id));

        await _bed.SetRulesAsync(OtherRep, RepRules.Default);
        Assert.Equal(Leads.OtherRep.Name, Assert.Single(await _bed.Escalation.RunAsync()).ToRepName);
    }

    [Fact]
    public async Task A_rep_accepting_while_the_escalation_writes_wins_and_nothing_of_the_escalation_is_recorded()
    {
        await EscalateAfterAsync(4);
        var id = await HandedOffAsync(Leads.Rep, Nov(18, 10));
        var decisionsBefore = await _bed.DecisionCountAsync();
        var pause = new PauseBeforeSave();
        var escalation = new SlaEscalation(_bed.Database.Contexts, _bed.Clock, _bed.Zone, _bed.NewService(pause), new JobLeases(_bed.Database.Contexts, _bed.Clock),
            NullLogger<SlaEscalation>.Instance);

        // The escalation has found the handoff overdue, loaded it and reassigned it in memory, but not saved yet...
        var running = escalation.RunAsync();
        await pause.Reached.Task.WaitAsync(Patience);
        // ...when the rep accepts it.
        await _bed.Service.AcceptAsync(Rep, id, "On it");
        pause.Release.SetResult();

        Assert.Empty(await running.WaitAsync(Patience));
        Assert.Equal(decisionsBefore + 1, await _bed.DecisionCountAsync());
        var lead = await _bed.LoadAsync(id);
        Assert.Equal((LifecycleStage.SAL, Leads.Rep.UserId), (lead.Stage, lead.OwnerId));
        Assert.Equal(LifecycleVerb.Accept, Assert.Single(_bed.Notifier.Published).Verb);
    }

    [Fact]
    public async Task With_two_nodes_one_sweeps_each_interval_and_the_other_takes_over_when_it_stops()
    {
        await EscalateAfterAsync(4);
        var first = await HandedOffAsync(Leads.Rep, Nov(18, 10));
        var nodeB = new SlaEscalation(_bed.Database.Contexts, _bed.Clock, _bed.Zone, _bed.Service, new JobLeases(_bed.Database.Contexts, _bed.Clock),
            NullLogger<SlaEscalation>.Instance);

        Assert.Equal(first, Assert.Single(await _bed.Escalation.RunAsync()).LeadId);   // node A's tick: it sweeps, and keeps the sweep for an interval
        var second = await HandedOffAsync(Leads.Rep, Nov(17, 10));
        Assert.Empty(await nodeB.RunAsync());                                           // node B's tick in the same interval: not its turn
        Assert.Equal(Leads.Rep.UserId, (await _bed.LoadAsync(second)).HandoffRepId);

        // Node A stops ticking: once its lease has run out, node B's next tick sweeps, and keeps the sweep in turn.
        _bed.Clock.Advance(SlaEscalationService.Interval + TimeSpan.FromSeconds(1));
        Assert.Equal(second, Assert.Single(await nodeB.RunAsync()).LeadId);
        Assert.Equal(1, (await _bed.LoadAsync(second)).Decisions.Count(d => d.Verb == LifecycleVerb.Reassign));
    }

    [Fact]
    public async Task The_background_service_escalates_on_its_next_tick()
    {
        await EscalateAfterAsync(4);
        var id = await HandedOffAsync(Leads.Rep, Nov(18, 10));
        using var service = new SlaEscalationService(_bed.Escalation, _bed.Clock, NullLogger<SlaEscalationService>.Instance);
        await service.StartAsync(CancellationToken.None);

        Assert.Equal(Leads.Rep.UserId, (await _bed.LoadAsync(id)).HandoffRepId);   // nothing before the first tick

        // The service starts its timer on a thread of its own, so the clock moves on an interval at a time until it ticks.
        var deadline = DateTime.UtcNow + Patience;
        while ((await _bed.LoadAsync(id)).HandoffRepId != Leads.OtherRep.UserId && DateTime.UtcNow < deadline)
        {
            _bed.Clock.Advance(SlaEscalationService.Interval);
            await Task.Delay(20);
        }
        await service.StopAsync(CancellationToken.None);
        Assert.Equal(Leads.OtherRep.UserId, (await _bed.LoadAsync(id)).HandoffRepId);
    }

    [Fact]
    public async Task A_handoff_answered_before_the_escalation_runs_is_left_alone()
    {
        await EscalateAfterAsync(4);
        var id = await HandedOffAsync(Leads.Rep, Nov(18, 10));
        await _bed.Service.RejectAsync(Rep, id, ReasonCode.BadTiming, null, disqualify: false);

        Assert.Empty(await _bed.Escalation.RunAsync());
        Assert.Equal(LifecycleStage.Nurture, (await _bed.LoadAsync(id)).Stage);
    }
}
