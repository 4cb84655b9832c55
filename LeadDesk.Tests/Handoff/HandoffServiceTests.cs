using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Identity;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Handoff;

/// <summary>
/// The marketing → sales handoff through <see cref="HandoffService"/> on a real database: promote, hand off, return to
/// nurture, disqualify, accept, reject and reassign; who may do each, what is refused, and the decision each one writes.
/// </summary>
public sealed class HandoffServiceTests : IAsyncLifetime
{
    private HandoffTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await HandoffTestBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private HandoffService Service => _bed.Service;

    public static TheoryData<string> NotMarketing => new() { Roles.Sales, Roles.Manager };
    public static TheoryData<string> NotSales => new() { Roles.Marketing, Roles.Manager };
    public static TheoryData<string> NotManager => new() { Roles.Marketing, Roles.Sales };

    /// <summary>The staff member who holds <paramref name="role"/>; for Sales, the rep the journeys hand leads to.</summary>
    private static Caller Holding(string role) => role switch
    {
        Roles.Marketing => Marketer,
        Roles.Sales => Rep,
        Roles.Manager => Manager,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    // ---- Promote ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_marketer_promotes_a_lead_to_MQL_with_a_note()
    {
        var id = await _bed.AddLeadAsync();

        await Service.PromoteAsync(Marketer, id, "Asked for a demo at the fair");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        var decision = Assert.Single(lead.Decisions);
        Assert.Equal((LifecycleVerb.Promote, LifecycleStage.Lead, LifecycleStage.MQL), (decision.Verb, decision.FromStage, decision.ToStage));
        Assert.Equal("Asked for a demo at the fair", decision.Note);
    }

    [Theory]
    [MemberData(nameof(NotMarketing))]
    public async Task Promote_by_anyone_but_marketing_is_refused_and_changes_nothing(string role)
    {
        var id = await _bed.AddLeadAsync();

        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.PromoteAsync(Holding(role), id, "Looks good"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Promoting_by_hand_without_a_note_is_refused_and_changes_nothing(string note)
    {
        var id = await _bed.AddLeadAsync();

        await _bed.RefusedWithCodeAsync(id, "PromoteNoteRequired", () => Service.PromoteAsync(Marketer, id, note));
    }

    [Fact]
    public async Task Promoting_an_unknown_lead_says_it_does_not_exist()
    {
        var refusal = await Assert.ThrowsAsync<LeadNotFoundException>(() => Service.PromoteAsync(Marketer, 4242, "Good fit"));

        Assert.Equal("LeadNotFound", refusal.Code);
        Assert.Equal(0, await _bed.DecisionCountAsync());
    }

    // ---- HandOff ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_marketer_hands_an_MQL_to_a_rep_and_the_lead_stays_MQL_with_a_pending_handoff()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL);

        var result = Assert.Single(await Service.HandOffAsync(Marketer, [id], "Wants pricing for 200 seats"));

        Assert.True(result.Succeeded);
        Assert.Equal((id, Rep.Name), (result.LeadId, result.RepName));
        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal((Rep.UserId, Rep.Name, _bed.Now), (lead.HandoffRepId, lead.HandoffRepName, lead.HandedOffAt));
        Assert.Null(lead.OwnerId);
    }

    [Theory]
    [MemberData(nameof(NotMarketing))]
    public async Task Handing_off_by_anyone_but_marketing_is_refused_and_changes_nothing(string role)
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL);

        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.HandOffAsync(Holding(role), [id], null));
    }

    [Fact]
    public async Task A_bulk_handoff_reports_each_lead_and_one_bad_lead_fails_alone()
    {
        var first = await _bed.AddLeadAsync(LifecycleStage.MQL);
        var notAnMql = await _bed.AddLeadAsync(LifecycleStage.Lead);
        var third = await _bed.AddLeadAsync(LifecycleStage.MQL);
        var untouched = await _bed.SnapshotAsync(notAnMql);

        var results = await Service.HandOffAsync(Marketer, [first, notAnMql, third], "Spring campaign");

        Assert.Equal([first, notAnMql, third], results.Select(r => r.LeadId));
        Assert.True(results[0].Succeeded);
        Assert.True(results[2].Succeeded);
        Assert.Equal(Rep.Name, results[0].RepName);
        Assert.Equal(OtherRep.Name, results[2].RepName);
        var failure = Assert.IsType<IllegalTransitionException>(results[1].Error);
        Assert.Equal((LifecycleStage.Lead, LifecycleVerb.HandOff), (failure.From, failure.Verb));
        Assert.Null(results[1].RepName);

        Assert.Equal(untouched, await _bed.SnapshotAsync(notAnMql));
        Assert.Equal(Rep.UserId, (await _bed.LoadAsync(first)).HandoffRepId);
        Assert.Equal(OtherRep.UserId, (await _bed.LoadAsync(third)).HandoffRepId);
        Assert.Equal(2, _bed.Notifier.Published.Count);
    }

    [Fact]
    public async Task Handing_off_a_lead_already_waiting_for_a_rep_fails_with_AlreadyHandedOff_and_changes_nothing()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        var before = await _bed.SnapshotAsync(id);

        var result = Assert.Single(await Service.HandOffAsync(Marketer, [id], null));

        Assert.Equal("AlreadyHandedOff", result.Error?.Code);
        Assert.Equal(before, await _bed.SnapshotAsync(id));
    }

    [Fact]
    public async Task The_same_lead_twice_in_one_selection_is_handed_off_once()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL);

        var results = await Service.HandOffAsync(Marketer, [id, id], null);

        Assert.Single(results);
        Assert.Single((await _bed.LoadAsync(id)).Decisions, d => d.Verb == LifecycleVerb.HandOff);
    }

    // ---- ReturnToNurture --------------------------------------------------------------------------------------

    [Theory]
    [InlineData(LifecycleStage.Lead)]
    [InlineData(LifecycleStage.MQL)]
    public async Task A_marketer_returns_a_lead_or_an_MQL_to_nurture_with_a_reason(LifecycleStage stage)
    {
        var id = await _bed.AddLeadAsync(stage);

        await Service.ReturnToNurtureAsync(Marketer, id, ReasonCode.BadTiming, "Budget opens in Q3");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.Nurture, lead.Stage);
        var decision = lead.Decisions[^1];
        Assert.Equal((LifecycleVerb.Recycle, stage, ReasonCode.BadTiming, "Budget opens in Q3"),
            (decision.Verb, decision.FromStage, decision.Reason, decision.Note));
    }

    [Theory]
    [MemberData(nameof(NotMarketing))]
    public async Task Returning_to_nurture_by_anyone_but_marketing_is_refused_and_changes_nothing(string role)
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL);

        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.ReturnToNurtureAsync(Holding(role), id, ReasonCode.BadTiming, null));
    }

    [Theory]
    [InlineData(LifecycleStage.SAL)]
    [InlineData(LifecycleStage.SQL)]
    [InlineData(LifecycleStage.Lost)]
    public async Task Marketing_cannot_return_a_lead_that_sales_has_to_nurture(LifecycleStage stage)
    {
        var id = await _bed.AddLeadAsync(stage);

        var refusal = await _bed.RefusedAsync<IllegalTransitionException>(id,
            () => Service.ReturnToNurtureAsync(Marketer, id, ReasonCode.BadTiming, null));

        Assert.Equal(stage, refusal.From);
    }

    [Fact]
    public async Task Returning_to_nurture_with_a_reason_recycling_does_not_take_is_refused()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL);

        await _bed.RefusedWithCodeAsync(id, "ReasonNotAllowed", () => Service.ReturnToNurtureAsync(Marketer, id, ReasonCode.Spam, null));
    }

    // ---- Disqualify -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(LifecycleStage.Lead)]
    [InlineData(LifecycleStage.MQL)]
    [InlineData(LifecycleStage.Nurture)]
    public async Task A_marketer_disqualifies_a_lead_that_has_not_reached_sales(LifecycleStage stage)
    {
        var id = await _bed.AddLeadAsync(stage);

        await Service.DisqualifyAsync(Marketer, id, ReasonCode.Student, "Writing a thesis");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal((LifecycleStage.Disqualified, LeadStatus.Unqualified), (lead.Stage, lead.Status));
        Assert.Equal((LifecycleVerb.Disqualify, ReasonCode.Student), (lead.Decisions[^1].Verb, lead.Decisions[^1].Reason));
    }

    [Theory]
    [InlineData(LifecycleStage.Lead)]
    [InlineData(LifecycleStage.MQL)]
    public async Task Disqualifying_before_sales_by_a_rep_or_a_manager_is_refused_and_changes_nothing(LifecycleStage stage)
    {
        var id = await _bed.AddLeadAsync(stage);

        foreach (var caller in new[] { Rep, Manager })
            await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.DisqualifyAsync(caller, id, ReasonCode.Spam, null));
    }

    [Theory]
    [InlineData(LifecycleStage.SAL)]
    [InlineData(LifecycleStage.SQL)]
    [InlineData(LifecycleStage.Opportunity)]
    public async Task The_owning_rep_disqualifies_an_accepted_lead(LifecycleStage stage)
    {
        var id = await _bed.AddLeadAsync(stage);

        await Service.DisqualifyAsync(Rep, id, ReasonCode.NotAFit, "Runs everything on paper");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.Disqualified, lead.Stage);
        Assert.Equal((Rep.UserId, stage), (lead.Decisions[^1].ActorId, lead.Decisions[^1].FromStage));
    }

    [Theory]
    [InlineData(LifecycleStage.SAL)]
    [InlineData(LifecycleStage.SQL)]
    [InlineData(LifecycleStage.Opportunity)]
    public async Task Another_rep_disqualifying_an_accepted_lead_is_refused_with_NotYourLead(LifecycleStage stage)
    {
        var id = await _bed.AddLeadAsync(stage);

        var refusal = await _bed.RefusedWithCodeAsync(id, "NotYourLead", () => Service.DisqualifyAsync(OtherRep, id, ReasonCode.NotAFit, null));

        Assert.Equal([Rep.Name], refusal.Arguments);
    }

    [Theory]
    [InlineData(LifecycleStage.SAL)]
    [InlineData(LifecycleStage.Opportunity)]
    public async Task Marketing_or_a_manager_disqualifying_an_accepted_lead_is_refused(LifecycleStage stage)
    {
        var id = await _bed.AddLeadAsync(stage);

        foreach (var caller in new[] { Marketer, Manager })
            await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.DisqualifyAsync(caller, id, ReasonCode.NotAFit, null));
    }

    // ---- Accept / Reject --------------------------------------------------------------------------------------

    [Fact]
    public async Task The_assigned_rep_accepts_the_handoff_and_owns_the_lead()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await Service.AcceptAsync(Rep, id, "Calling tomorrow");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal((LifecycleStage.SAL, LeadStatus.InProgress), (lead.Stage, lead.Status));
        Assert.Equal((Rep.UserId, Rep.Name), (lead.OwnerId, lead.OwnerName));
        Assert.Null(lead.HandoffRepId);
        Assert.Null(lead.HandoffRepName);
        Assert.Null(lead.HandedOffAt);
        Assert.Equal((LifecycleVerb.Accept, "Calling tomorrow"), (lead.Decisions[^1].Verb, lead.Decisions[^1].Note));
    }

    [Theory]
    [InlineData(false, LifecycleStage.Nurture)]
    [InlineData(true, LifecycleStage.Disqualified)]
    public async Task The_assigned_rep_rejects_the_handoff_with_a_reason_back_to_nurture_or_out(bool disqualify, LifecycleStage expected)
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await Service.RejectAsync(Rep, id, ReasonCode.WrongContact, "Intern, not the buyer", disqualify);

        var lead = await _bed.LoadAsync(id);
        Assert.Equal(expected, lead.Stage);
        Assert.Null(lead.HandoffRepId);
        Assert.Null(lead.OwnerId);
        var decision = lead.Decisions[^1];
        Assert.Equal((LifecycleVerb.Reject, LifecycleStage.MQL, expected, ReasonCode.WrongContact, "Intern, not the buyer"),
            (decision.Verb, decision.FromStage, decision.ToStage, decision.Reason, decision.Note));
    }

    [Fact]
    public async Task Another_rep_answering_the_handoff_is_refused_with_NotYourHandoff()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        var accept = await _bed.RefusedWithCodeAsync(id, "NotYourHandoff", () => Service.AcceptAsync(OtherRep, id, null));
        await _bed.RefusedWithCodeAsync(id, "NotYourHandoff", () => Service.RejectAsync(OtherRep, id, ReasonCode.NoBudget, null, false));

        Assert.Equal([Rep.Name], accept.Arguments);
    }

    [Theory]
    [MemberData(nameof(NotSales))]
    public async Task Marketing_or_a_manager_answering_a_handoff_is_refused_with_AccessDenied(string role)
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.AcceptAsync(Holding(role), id, null));
        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.RejectAsync(Holding(role), id, ReasonCode.NoBudget, null, false));
    }

    [Fact]
    public async Task Accepting_an_MQL_nobody_handed_off_is_refused_with_NoPendingHandoff()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL);

        await _bed.RefusedWithCodeAsync(id, "NoPendingHandoff", () => Service.AcceptAsync(Rep, id, null));
    }

    [Theory]
    [InlineData(ReasonCode.Spam, null, "ReasonNotAllowed")]
    [InlineData(ReasonCode.Other, null, "OtherNeedsNote")]
    [InlineData(ReasonCode.Other, "  ", "OtherNeedsNote")]
    public async Task Rejecting_without_a_proper_reason_is_refused_and_changes_nothing(ReasonCode reason, string? note, string code)
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await _bed.RefusedWithCodeAsync(id, code, () => Service.RejectAsync(Rep, id, reason, note, false));
    }

    // ---- Reassign ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_manager_reassigns_a_pending_handoff_and_the_handoff_clock_keeps_running()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        var handedOffAt = (await _bed.LoadAsync(id)).HandedOffAt;

        await Service.ReassignAsync(Manager, id, OtherRep.UserId, "Sam is on leave");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal((OtherRep.UserId, OtherRep.Name, handedOffAt), (lead.HandoffRepId, lead.HandoffRepName, lead.HandedOffAt));
        await _bed.RefusedWithCodeAsync(id, "NotYourHandoff", () => Service.AcceptAsync(Rep, id, null));
        await Service.AcceptAsync(OtherRep, id, null);
        Assert.Equal(OtherRep.UserId, (await _bed.LoadAsync(id)).OwnerId);
    }

    [Theory]
    [MemberData(nameof(NotManager))]
    public async Task Reassigning_by_anyone_but_a_manager_is_refused_and_changes_nothing(string role)
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.ReassignAsync(Holding(role), id, OtherRep.UserId, null));
    }

    [Theory]
    [InlineData("rep-locked")]
    [InlineData("marketer-1")]
    [InlineData("manager-1")]
    [InlineData("nobody-at-all")]
    public async Task Reassigning_to_a_locked_out_or_non_sales_person_is_refused_with_NotAnActiveRep(string userId)
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await _bed.RefusedWithCodeAsync(id, "NotAnActiveRep", () => Service.ReassignAsync(Manager, id, userId, null));
    }

    [Fact]
    public async Task Reassigning_to_the_rep_who_already_has_it_is_refused_with_AlreadyAssigned()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);

        await _bed.RefusedWithCodeAsync(id, "AlreadyAssigned", () => Service.ReassignAsync(Manager, id, Rep.UserId, null));
    }

    [Fact]
    public async Task Reassigning_an_MQL_with_no_pending_handoff_is_refused_with_NoPendingHandoff()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL);

        await _bed.RefusedWithCodeAsync(id, "NoPendingHandoff", () => Service.ReassignAsync(Manager, id, OtherRep.UserId, null));
    }

    // ---- the decisions written --------------------------------------------------------------------------------

    [Fact]
    public async Task A_handoff_decision_records_actor_time_stages_note_score_and_the_assigned_rep()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, score: 72);
        _bed.Clock.Advance(TimeSpan.FromMinutes(95));

        await Service.HandOffAsync(Marketer, [id], "Asked for pricing twice");

        var decision = (await _bed.LoadAsync(id)).Decisions[^1];
        Assert.Equal(Marketer.UserId, decision.ActorId);
        Assert.Equal(Marketer.Name, decision.ActorName);
        Assert.Equal(Start.AddMinutes(95).UtcDateTime, decision.At);
        Assert.Equal(DateTimeKind.Utc, decision.At.Kind);
        Assert.Equal((LifecycleStage.MQL, LifecycleStage.MQL, LifecycleVerb.HandOff), (decision.FromStage, decision.ToStage, decision.Verb));
        Assert.Null(decision.Reason);
        Assert.Equal("Asked for pricing twice", decision.Note);
        Assert.Equal(72, decision.ScoreAtDecision);
        Assert.Equal((Rep.UserId, Rep.Name), (decision.AssignedToId, decision.AssignedToName));
    }

    [Fact]
    public async Task A_reassign_decision_records_the_manager_and_the_new_rep()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true, score: 55);
        _bed.Clock.Advance(TimeSpan.FromHours(3));

        await Service.ReassignAsync(Manager, id, OtherRep.UserId, "Sam is on leave");

        var decision = (await _bed.LoadAsync(id)).Decisions[^1];
        Assert.Equal((Manager.UserId, Manager.Name, _bed.Now), (decision.ActorId, decision.ActorName, decision.At));
        Assert.Equal((LifecycleVerb.Reassign, LifecycleStage.MQL, LifecycleStage.MQL), (decision.Verb, decision.FromStage, decision.ToStage));
        Assert.Equal(("Sam is on leave", 55), (decision.Note, decision.ScoreAtDecision));
        Assert.Equal((OtherRep.UserId, OtherRep.Name), (decision.AssignedToId, decision.AssignedToName));
    }

    [Fact]
    public async Task A_reject_decision_records_the_rep_the_reason_and_the_note_and_no_assignee()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true, score: 61);
        _bed.Clock.Advance(TimeSpan.FromDays(1));

        await Service.RejectAsync(Rep, id, ReasonCode.Other, "  Reseller, not an end customer  ", disqualify: false);

        var decision = (await _bed.LoadAsync(id)).Decisions[^1];
        Assert.Equal((Rep.UserId, Rep.Name, Start.AddDays(1).UtcDateTime), (decision.ActorId, decision.ActorName, decision.At));
        Assert.Equal((LifecycleStage.MQL, LifecycleStage.Nurture, LifecycleVerb.Reject), (decision.FromStage, decision.ToStage, decision.Verb));
        Assert.Equal((ReasonCode.Other, "Reseller, not an end customer", 61), (decision.Reason, decision.Note, decision.ScoreAtDecision));
        Assert.Null(decision.AssignedToId);
        Assert.Null(decision.AssignedToName);
    }

    [Fact]
    public async Task Each_action_appends_one_decision_and_never_rewrites_earlier_ones()
    {
        var id = await _bed.AddLeadAsync();
        await Service.PromoteAsync(Marketer, id, "Good fit");
        await Service.HandOffAsync(Marketer, [id], null);
        var before = (await _bed.LoadAsync(id)).Decisions.Select(d => (d.Id, d.Verb, d.At, d.Note)).ToList();

        _bed.Clock.Advance(TimeSpan.FromHours(2));
        await Service.AcceptAsync(Rep, id, null);

        var after = (await _bed.LoadAsync(id)).Decisions;
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(before, after.Take(before.Count).Select(d => (d.Id, d.Verb, d.At, d.Note)));
        Assert.Equal([LifecycleVerb.Promote, LifecycleVerb.HandOff, LifecycleVerb.Accept], after.Select(d => d.Verb));
    }
}
