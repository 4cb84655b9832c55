using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Qualification;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Handoff;

/// <summary>What <see cref="HandoffService"/> tells open screens: one notification per committed decision, none otherwise.</summary>
public sealed class LeadNotificationTests : IAsyncLifetime
{
    private HandoffTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await HandoffTestBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_handoff_publishes_one_notification_with_the_verb_stage_actor_and_assigned_rep()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL);
        _bed.Clock.Advance(TimeSpan.FromMinutes(5));

        await _bed.Service.HandOffAsync(Marketer, [id], null);

        var notification = Assert.Single(_bed.Notifier.Published);
        Assert.Equal(new LeadNotification(id, "Lead Number01", LifecycleVerb.HandOff, LifecycleStage.MQL, Marketer.UserId, Marketer.Name,
            Rep.UserId, Start.AddMinutes(5).UtcDateTime), notification);
    }

    [Fact]
    public async Task A_reassign_publishes_the_new_rep()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await _bed.Service.ReassignAsync(Manager, id, OtherRep.UserId, null);

        var notification = Assert.Single(_bed.Notifier.Published);
        Assert.Equal((LifecycleVerb.Reassign, LifecycleStage.MQL, Manager.UserId, Manager.Name, OtherRep.UserId),
            (notification.Verb, notification.Stage, notification.ActorId, notification.ActorName, notification.AssignedRepId));
    }

    [Fact]
    public async Task An_accept_publishes_the_new_stage_and_the_rep_as_actor()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await _bed.Service.AcceptAsync(Rep, id, null);

        var notification = Assert.Single(_bed.Notifier.Published);
        Assert.Equal((id, LifecycleVerb.Accept, LifecycleStage.SAL, Rep.UserId, Rep.Name),
            (notification.LeadId, notification.Verb, notification.Stage, notification.ActorId, notification.ActorName));
        Assert.Null(notification.AssignedRepId);
    }

    [Fact]
    public async Task A_BANT_qualification_publishes_the_decision_it_led_to()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);

        await _bed.Service.QualifyAsync(Rep, id, new BantAnswers(BudgetAnswer.NoBudget, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.WithinQuarter));

        var notification = Assert.Single(_bed.Notifier.Published);
        Assert.Equal((LifecycleVerb.Recycle, LifecycleStage.Nurture), (notification.Verb, notification.Stage));
    }

    [Fact]
    public async Task A_bulk_handoff_publishes_one_notification_per_lead_handed_off()
    {
        var first = await _bed.AddLeadAsync(LifecycleStage.MQL);
        var refused = await _bed.AddLeadAsync(LifecycleStage.Lead);
        var second = await _bed.AddLeadAsync(LifecycleStage.MQL);

        await _bed.Service.HandOffAsync(Marketer, [first, refused, second], null);

        Assert.Equal([(first, Rep.UserId), (second, OtherRep.UserId)], _bed.Notifier.Published.Select(n => (n.LeadId, n.AssignedRepId)));
    }

    [Fact]
    public async Task A_refused_action_publishes_nothing()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Service.AcceptAsync(Marketer, id, null));
        await Assert.ThrowsAsync<DomainException>(() => _bed.Service.AcceptAsync(OtherRep, id, null));
        await Assert.ThrowsAsync<DomainException>(() => _bed.Service.RejectAsync(Rep, id, ReasonCode.Other, null, false));
        await _bed.Service.HandOffAsync(Marketer, [id], null);

        Assert.Empty(_bed.Notifier.Published);
    }

    [Fact]
    public async Task A_conflicting_action_publishes_nothing()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        var seen = (await _bed.SnapshotAsync(id)).Token;
        await _bed.Service.AcceptAsync(Rep, id, null);

        await Assert.ThrowsAsync<LeadChangedException>(() => _bed.Service.ReassignAsync(Manager, id, OtherRep.UserId, null, seen));

        Assert.Equal([LifecycleVerb.Accept], _bed.Notifier.Published.Select(n => n.Verb));
    }
}
