using System.Reflection;
using LeadDesk.Domain.Inbox;

namespace LeadDesk.Tests.Domain;

/// <summary>The lifecycle table, the verbs on <see cref="Lead"/>, and the decisions they append.</summary>
public sealed class LifecycleTests
{
    private static readonly DateTime At = Leads.Now;

    public static TheoryData<LifecycleStage, LifecycleVerb> EveryStageAndVerb()
    {
        var data = new TheoryData<LifecycleStage, LifecycleVerb>();
        foreach (var stage in Enum.GetValues<LifecycleStage>())
            foreach (var verb in Enum.GetValues<LifecycleVerb>().Where(Lifecycle.IsMove))
                data.Add(stage, verb);
        return data;
    }

    // ---- the whole table --------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(EveryStageAndVerb))]
    public void Every_verb_from_every_stage_lands_where_the_table_says_or_is_refused_as_illegal(LifecycleStage stage, LifecycleVerb verb)
    {
        var targets = Lifecycle.TargetsOf(stage, verb);
        if (targets.Count == 0)
        {
            var lead = InStage(stage, pendingHandoffTo: verb is LifecycleVerb.Accept or LifecycleVerb.Reject or LifecycleVerb.Reassign ? Leads.Rep : null);
            var decisionsBefore = lead.Decisions.Count;

            var refused = Assert.Throws<IllegalTransitionException>(() => Apply(lead, verb, LifecycleStage.Nurture));

            Assert.Equal(stage, refused.From);
            Assert.Equal(verb, refused.Verb);
            Assert.Contains(stage.ToString(), refused.Message);
            if (refused.To is { } to) Assert.Contains(to.ToString(), refused.Message);
            else Assert.Contains(verb.ToString(), refused.Message);
            Assert.Equal(stage, lead.Stage);
            Assert.Equal(decisionsBefore, lead.Decisions.Count);
            return;
        }

        foreach (var target in targets)
        {
            var lead = InStage(stage, pendingHandoffTo: verb is LifecycleVerb.Accept or LifecycleVerb.Reject or LifecycleVerb.Reassign ? Leads.Rep : null);
            var decisionsBefore = lead.Decisions.Count;

            var decision = Apply(lead, verb, target);

            Assert.Equal(target, lead.Stage);
            Assert.Equal(decisionsBefore + 1, lead.Decisions.Count);
            Assert.Same(decision, lead.Decisions[^1]);
            Assert.Equal(stage, decision.FromStage);
            Assert.Equal(target, decision.ToStage);
            Assert.Equal(verb, decision.Verb);
        }
    }

    [Fact]
    public void The_table_has_the_moves_the_domain_describes()
    {
        Assert.Equal([LifecycleStage.MQL], Lifecycle.TargetsOf(LifecycleStage.Lead, LifecycleVerb.Promote));
        Assert.Equal([LifecycleStage.MQL], Lifecycle.TargetsOf(LifecycleStage.Nurture, LifecycleVerb.Promote));
        Assert.Equal([LifecycleStage.MQL], Lifecycle.TargetsOf(LifecycleStage.MQL, LifecycleVerb.HandOff));
        Assert.Equal([LifecycleStage.SAL], Lifecycle.TargetsOf(LifecycleStage.MQL, LifecycleVerb.Accept));
        Assert.Equal([LifecycleStage.Nurture, LifecycleStage.Disqualified], Lifecycle.TargetsOf(LifecycleStage.MQL, LifecycleVerb.Reject));
        Assert.Equal([LifecycleStage.SQL], Lifecycle.TargetsOf(LifecycleStage.SAL, LifecycleVerb.Qualify));
        Assert.Equal([LifecycleStage.Opportunity], Lifecycle.TargetsOf(LifecycleStage.SQL, LifecycleVerb.ConvertToOpportunity));
        Assert.Equal([LifecycleStage.Won], Lifecycle.TargetsOf(LifecycleStage.Opportunity, LifecycleVerb.CloseWon));
        Assert.Equal([LifecycleStage.Lost], Lifecycle.TargetsOf(LifecycleStage.Opportunity, LifecycleVerb.CloseLost));
        Assert.Empty(Lifecycle.VerbsFrom(LifecycleStage.Won));
        Assert.DoesNotContain(LifecycleVerb.Disqualify, Lifecycle.VerbsFrom(LifecycleStage.Disqualified));
        foreach (var open in new[] { LifecycleStage.Lead, LifecycleStage.MQL, LifecycleStage.SAL, LifecycleStage.SQL, LifecycleStage.Opportunity, LifecycleStage.Nurture })
            Assert.Equal([LifecycleStage.Disqualified], Lifecycle.TargetsOf(open, LifecycleVerb.Disqualify));
    }

    // ---- reasons and notes ------------------------------------------------------------------------------------

    [Fact]
    public void Reasons_are_required_exactly_for_reject_recycle_disqualify_and_close_lost()
    {
        var withReason = new[] { LifecycleVerb.Reject, LifecycleVerb.Recycle, LifecycleVerb.Disqualify, LifecycleVerb.CloseLost };
        foreach (var verb in Enum.GetValues<LifecycleVerb>())
            Assert.Equal(withReason.Contains(verb), Lifecycle.RequiresReason(verb));

        // The verbs that need a reason take it as a non-nullable code, so a caller cannot leave it out.
        foreach (var name in new[] { nameof(Lead.Reject), nameof(Lead.Recycle), nameof(Lead.Disqualify), nameof(Lead.CloseLost) })
        {
            var reason = typeof(Lead).GetMethod(name, BindingFlags.Public | BindingFlags.Instance)!.GetParameters().Single(p => p.Name == "reason");
            Assert.Equal(typeof(ReasonCode), reason.ParameterType);
        }
    }

    [Theory]
    [InlineData(LifecycleVerb.Reject, ReasonCode.Spam)]
    [InlineData(LifecycleVerb.Reject, ReasonCode.LostToCompetitor)]
    [InlineData(LifecycleVerb.Recycle, ReasonCode.Student)]
    [InlineData(LifecycleVerb.Disqualify, ReasonCode.Price)]
    [InlineData(LifecycleVerb.Disqualify, ReasonCode.NoBudget)]
    [InlineData(LifecycleVerb.CloseLost, ReasonCode.Spam)]
    public void A_reason_the_verb_does_not_accept_is_refused(LifecycleVerb verb, ReasonCode reason)
    {
        Assert.DoesNotContain(reason, ReasonCodes.For(verb));
        var stage = verb switch
        {
            LifecycleVerb.Reject => LifecycleStage.MQL,
            LifecycleVerb.CloseLost => LifecycleStage.Opportunity,
            _ => LifecycleStage.SAL,
        };
        var lead = InStage(stage, pendingHandoffTo: Leads.Rep);
        var before = lead.Decisions.Count;

        Action act = verb switch
        {
            LifecycleVerb.Reject => () => lead.Reject(Leads.Rep, At, reason, "note", disqualify: false),
            LifecycleVerb.Recycle => () => lead.Recycle(Leads.Rep, At, reason, "note"),
            LifecycleVerb.Disqualify => () => lead.Disqualify(Leads.Rep, At, reason, "note"),
            _ => () => lead.CloseLost(Leads.Rep, At, reason, "note"),
        };

        var refused = Assert.Throws<DomainException>(act);
        Assert.Contains(reason.ToString(), refused.Message);
        Assert.Equal(stage, lead.Stage);
        Assert.Equal(before, lead.Decisions.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Reject_with_reason_Other_and_no_note_is_refused(string? note)
    {
        var lead = InStage(LifecycleStage.MQL, pendingHandoffTo: Leads.Rep);

        Assert.Throws<DomainException>(() => lead.Reject(Leads.Rep, At, ReasonCode.Other, note, disqualify: false));

        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.True(lead.HasPendingHandoff);
    }

    [Fact]
    public void Reason_Other_with_a_note_is_accepted()
    {
        var lead = InStage(LifecycleStage.SAL);

        var decision = lead.Recycle(Leads.Rep, At, ReasonCode.Other, "  Reorganising, call in spring  ");

        Assert.Equal(ReasonCode.Other, decision.Reason);
        Assert.Equal("Reorganising, call in spring", decision.Note);
    }

    [Fact]
    public void A_note_longer_than_the_limit_is_refused()
    {
        var lead = Leads.New();
        Assert.Throws<DomainException>(() => lead.Promote(Leads.Marketer, At, new string('x', Decision.NoteMaxLength + 1)));
        Assert.Equal(LifecycleStage.Lead, lead.Stage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Promotion_by_hand_without_a_note_is_refused(string? note)
    {
        var lead = Leads.New();

        Assert.Throws<DomainException>(() => lead.Promote(Leads.Marketer, At, note));

        Assert.Equal(LifecycleStage.Lead, lead.Stage);
        Assert.Empty(lead.Decisions);
    }

    [Fact]
    public void Promotion_by_the_system_needs_no_note()
    {
        var lead = Leads.New();

        var decision = lead.Promote(Actor.System, At, null);

        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(Actor.System.UserId, decision.ActorId);
        Assert.Null(decision.Note);
    }

    // ---- decisions --------------------------------------------------------------------------------------------

    [Fact]
    public void Each_move_appends_exactly_one_decision_with_who_when_from_to_verb_reason_note_and_score()
    {
        var lead = Leads.New();
        lead.ApplyScore(new ScoreResult(40, 30, []), 1, At.AddHours(-1));
        var when = At.AddMinutes(5);

        var promoted = lead.Promote(Leads.Marketer, when, "Asked for pricing on the phone");

        Assert.Single(lead.Decisions);
        Assert.Equal(Leads.Marketer.UserId, promoted.ActorId);
        Assert.Equal(Leads.Marketer.Name, promoted.ActorName);
        Assert.Equal(when, promoted.At);
        Assert.Equal(LifecycleStage.Lead, promoted.FromStage);
        Assert.Equal(LifecycleStage.MQL, promoted.ToStage);
        Assert.Equal(LifecycleVerb.Promote, promoted.Verb);
        Assert.Null(promoted.Reason);
        Assert.Equal("Asked for pricing on the phone", promoted.Note);
        Assert.Equal(70, promoted.ScoreAtDecision);
        Assert.Equal(when, lead.StageEnteredAt);

        // The score at the moment of each decision is kept, not the current one.
        lead.ApplyScore(new ScoreResult(40, 5, []), 1, At.AddHours(1));
        lead.HandOff(Leads.Marketer, Leads.Rep, At.AddHours(2), null);
        var rejected = lead.Reject(Leads.Rep, At.AddHours(3), ReasonCode.BadTiming, "Budget cycle starts in June", disqualify: false);

        Assert.Equal(3, lead.Decisions.Count);
        Assert.Equal(70, lead.Decisions[0].ScoreAtDecision);
        Assert.Equal(45, rejected.ScoreAtDecision);
        Assert.Equal(Leads.Rep.UserId, rejected.ActorId);
        Assert.Equal(Leads.Rep.Name, rejected.ActorName);
        Assert.Equal(At.AddHours(3), rejected.At);
        Assert.Equal(LifecycleStage.MQL, rejected.FromStage);
        Assert.Equal(LifecycleStage.Nurture, rejected.ToStage);
        Assert.Equal(LifecycleVerb.Reject, rejected.Verb);
        Assert.Equal(ReasonCode.BadTiming, rejected.Reason);
        Assert.Equal("Budget cycle starts in June", rejected.Note);
    }

    [Fact]
    public void A_refused_move_appends_no_decision()
    {
        var lead = InStage(LifecycleStage.SAL);
        var before = lead.Decisions.Count;

        Assert.Throws<IllegalTransitionException>(() => lead.CloseWon(Leads.Rep, At, null));

        Assert.Equal(before, lead.Decisions.Count);
        Assert.Equal(LifecycleStage.SAL, lead.Stage);
    }

    [Fact]
    public void Handing_off_keeps_the_lead_an_MQL_and_does_not_restart_its_stage_clock()
    {
        var lead = Leads.New();
        lead.Promote(Leads.Marketer, At, "by hand");

        var decision = lead.HandOff(Leads.Marketer, Leads.Rep, At.AddHours(4), null);

        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(At, lead.StageEnteredAt);
        Assert.Equal(LifecycleStage.MQL, decision.FromStage);
        Assert.Equal(LifecycleStage.MQL, decision.ToStage);
        Assert.True(lead.HasPendingHandoff);
        Assert.Equal(Leads.Rep.UserId, lead.HandoffRepId);
        Assert.Equal(Leads.Rep.Name, lead.HandoffRepName);
        Assert.Equal(At.AddHours(4), lead.HandedOffAt);
    }

    // ---- handoff rules ----------------------------------------------------------------------------------------

    [Fact]
    public void Accept_makes_the_rep_the_owner_and_clears_the_handoff()
    {
        var lead = InStage(LifecycleStage.MQL, pendingHandoffTo: Leads.Rep);
        Assert.Null(lead.OwnerId);

        lead.Accept(Leads.Rep, At, null);

        Assert.Equal(LifecycleStage.SAL, lead.Stage);
        Assert.Equal(Leads.Rep.UserId, lead.OwnerId);
        Assert.Equal(Leads.Rep.Name, lead.OwnerName);
        Assert.False(lead.HasPendingHandoff);
        Assert.Null(lead.HandedOffAt);
    }

    [Fact]
    public void Only_the_assigned_rep_can_accept()
    {
        var lead = InStage(LifecycleStage.MQL, pendingHandoffTo: Leads.Rep);
        var before = lead.Decisions.Count;

        var refused = Assert.Throws<DomainException>(() => lead.Accept(Leads.OtherRep, At, null));

        Assert.Contains(Leads.Rep.Name, refused.Message);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Null(lead.OwnerId);
        Assert.Equal(before, lead.Decisions.Count);
        Assert.Equal(Leads.Rep.UserId, lead.HandoffRepId);
    }

    [Fact]
    public void Only_the_assigned_rep_can_reject()
    {
        var lead = InStage(LifecycleStage.MQL, pendingHandoffTo: Leads.Rep);
        var before = lead.Decisions.Count;

        Assert.Throws<DomainException>(() => lead.Reject(Leads.OtherRep, At, ReasonCode.NotAFit, null, disqualify: true));

        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(before, lead.Decisions.Count);
        Assert.True(lead.HasPendingHandoff);
    }

    [Fact]
    public void Accepting_an_MQL_that_was_never_handed_off_is_refused()
    {
        var lead = InStage(LifecycleStage.MQL);

        Assert.Throws<DomainException>(() => lead.Accept(Leads.Rep, At, null));
        Assert.Throws<DomainException>(() => lead.Reject(Leads.Rep, At, ReasonCode.NotAFit, null, disqualify: false));

        Assert.Equal(LifecycleStage.MQL, lead.Stage);
    }

    [Fact]
    public void HandOff_while_a_handoff_is_pending_is_refused()
    {
        var lead = InStage(LifecycleStage.MQL, pendingHandoffTo: Leads.Rep);
        var before = lead.Decisions.Count;

        var refused = Assert.Throws<DomainException>(() => lead.HandOff(Leads.Marketer, Leads.OtherRep, At.AddHours(1), null));

        Assert.Contains(Leads.Rep.Name, refused.Message);
        Assert.Equal(Leads.Rep.UserId, lead.HandoffRepId);
        Assert.Equal(before, lead.Decisions.Count);
    }

    [Theory]
    [InlineData(false, LifecycleStage.Nurture)]
    [InlineData(true, LifecycleStage.Disqualified)]
    public void Reject_sends_the_lead_back_to_nurture_or_disqualifies_it_and_clears_the_handoff(bool disqualify, LifecycleStage expected)
    {
        var lead = InStage(LifecycleStage.MQL, pendingHandoffTo: Leads.Rep);

        lead.Reject(Leads.Rep, At, ReasonCode.Duplicate, null, disqualify);

        Assert.Equal(expected, lead.Stage);
        Assert.False(lead.HasPendingHandoff);
        Assert.Null(lead.OwnerId);
    }

    [Fact]
    public void A_rejected_lead_can_be_promoted_and_handed_off_again()
    {
        var lead = InStage(LifecycleStage.MQL, pendingHandoffTo: Leads.Rep);
        lead.Reject(Leads.Rep, At, ReasonCode.BadTiming, null, disqualify: false);

        lead.Promote(Actor.System, At.AddDays(30), null);
        lead.HandOff(Leads.Marketer, Leads.OtherRep, At.AddDays(30), null);
        lead.Accept(Leads.OtherRep, At.AddDays(31), null);

        Assert.Equal(LifecycleStage.SAL, lead.Stage);
        Assert.Equal(Leads.OtherRep.UserId, lead.OwnerId);
    }

    [Fact]
    public void Disqualifying_an_MQL_with_a_pending_handoff_withdraws_the_handoff()
    {
        var lead = InStage(LifecycleStage.MQL, pendingHandoffTo: Leads.Rep);

        lead.Disqualify(Leads.Marketer, At, ReasonCode.Spam, null);

        Assert.False(lead.HasPendingHandoff);
        Assert.Equal(LeadStatus.Unqualified, lead.Status);
    }

    [Fact]
    public void Converting_with_a_negative_amount_is_refused()
    {
        var lead = InStage(LifecycleStage.SQL);

        Assert.Throws<DomainException>(() => lead.ConvertToOpportunity(Leads.Rep, At, -1m, new DateOnly(2027, 3, 1), null));

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
    }

    // ---- stage history ----------------------------------------------------------------------------------------

    [Fact]
    public void Stage_history_reconstructs_spans_from_the_decisions()
    {
        var created = Leads.Now.AddDays(-30);
        var lead = Lead.Create(Leads.Profile(), created);
        var t1 = created.AddDays(2);
        var t2 = created.AddDays(3);
        var t3 = created.AddDays(4);
        var t4 = created.AddDays(10);
        lead.Promote(Leads.Marketer, t1, "hand");
        lead.HandOff(Leads.Marketer, Leads.Rep, t2, null);      // MQL → MQL: no new span
        lead.Reject(Leads.Rep, t3, ReasonCode.BadTiming, null, disqualify: false);
        lead.Promote(Actor.System, t4, null);

        var spans = LeadDetails.StageHistory(created, Views(lead));

        Assert.Equal(
        [
            new StageSpan(LifecycleStage.Lead, created, t1),
            new StageSpan(LifecycleStage.MQL, t1, t3),
            new StageSpan(LifecycleStage.Nurture, t3, t4),
            new StageSpan(LifecycleStage.MQL, t4, null),
        ], spans);
    }

    [Fact]
    public void Stage_history_of_a_lead_without_decisions_is_one_open_Lead_span()
    {
        var created = Leads.Now;

        var spans = LeadDetails.StageHistory(created, []);

        Assert.Equal([new StageSpan(LifecycleStage.Lead, created, null)], spans);
    }

    [Fact]
    public void Stage_history_of_a_won_deal_ends_in_an_open_Won_span_and_spans_are_contiguous()
    {
        var lead = InStage(LifecycleStage.Won);

        var spans = LeadDetails.StageHistory(lead.CreatedAt, Views(lead));

        Assert.Equal([LifecycleStage.Lead, LifecycleStage.MQL, LifecycleStage.SAL, LifecycleStage.SQL, LifecycleStage.Opportunity, LifecycleStage.Won],
            spans.Select(s => s.Stage));
        for (var i = 1; i < spans.Count; i++)
            Assert.Equal(spans[i - 1].Left, spans[i].Entered);
        Assert.Null(spans[^1].Left);
        Assert.Equal(lead.StageEnteredAt, spans[^1].Entered);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static IReadOnlyList<DecisionView> Views(Lead lead) =>
        lead.Decisions.Select((d, i) => new DecisionView(i + 1, d.At, d.ActorName, d.FromStage, d.ToStage, d.Verb, d.Reason, d.Note, d.ScoreAtDecision)).ToList();

    /// <summary>A lead brought to a stage by legal verbs only; an MQL may have a handoff waiting for a rep.</summary>
    private static Lead InStage(LifecycleStage stage, Actor? pendingHandoffTo = null) =>
        Journeys.MoveTo(Leads.New(), stage, rep: pendingHandoffTo ?? Leads.Rep, start: Leads.Now.AddDays(-20),
            pendingHandoff: pendingHandoffTo is not null);

    /// <summary>Applies a verb with valid arguments; <paramref name="target"/> picks Reject's outcome.</summary>
    private static Decision Apply(Lead lead, LifecycleVerb verb, LifecycleStage target)
    {
        var reason = ReasonCodes.For(verb).FirstOrDefault(r => r != ReasonCode.Other);
        return verb switch
        {
            LifecycleVerb.Promote => lead.Promote(Leads.Marketer, At, "Promoted by hand"),
            LifecycleVerb.HandOff => lead.HandOff(Leads.Marketer, Leads.Rep, At, null),
            LifecycleVerb.Accept => lead.Accept(Leads.Rep, At, null),
            LifecycleVerb.Reject => lead.Reject(Leads.Rep, At, reason, "note", disqualify: target == LifecycleStage.Disqualified),
            LifecycleVerb.Qualify => lead.Qualify(Leads.Rep, At, null),
            LifecycleVerb.Recycle => lead.Recycle(Leads.Rep, At, reason, "note"),
            LifecycleVerb.Disqualify => lead.Disqualify(Leads.Marketer, At, reason, "note"),
            LifecycleVerb.ConvertToOpportunity => lead.ConvertToOpportunity(Leads.Rep, At, 5_000m, new DateOnly(2027, 2, 28), null),
            LifecycleVerb.CloseWon => lead.CloseWon(Leads.Rep, At, null),
            LifecycleVerb.CloseLost => lead.CloseLost(Leads.Rep, At, reason, "note"),
            LifecycleVerb.Reassign => lead.Reassign(Leads.Marketer, Leads.OtherRep, At, null),
            _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, null),
        };
    }
}
