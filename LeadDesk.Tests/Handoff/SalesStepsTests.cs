using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Qualification;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Handoff;

/// <summary>
/// What the owning rep does after accepting, through <see cref="HandoffService"/> on a real database: qualify with BANT,
/// turn into an opportunity, close won or lost, recycle. Only the owner may; everyone else is refused and nothing changes.
/// </summary>
public sealed class SalesStepsTests : IAsyncLifetime
{
    private static readonly BantAnswers Strong = new(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical,
        TimelineAnswer.WithinQuarter, BudgetNote: "  120k approved  ", NeedNote: "Current tool is end-of-life");
    private static readonly BantAnswers NotYet = new(BudgetAnswer.Planned, AuthorityAnswer.Influencer, NeedAnswer.Important, TimelineAnswer.WithinYear);
    private static readonly BantAnswers NoNeed = new(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.NoNeed, TimelineAnswer.WithinQuarter);
    private static readonly BantAnswers Unfinished = new(BudgetAnswer.Confirmed, AuthorityAnswer.Unknown, NeedAnswer.Critical, TimelineAnswer.Unknown);

    private HandoffTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await HandoffTestBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private HandoffService Service => _bed.Service;

    private async Task<List<BantAssessment>> AssessmentsAsync(int leadId)
    {
        await using var db = _bed.Database.NewContext();
        return await db.BantAssessments.AsNoTracking().Where(b => b.LeadId == leadId).ToListAsync();
    }

    // ---- Qualify (BANT) ---------------------------------------------------------------------------------------

    [Fact]
    public async Task Strong_BANT_answers_from_the_owner_make_the_lead_an_SQL_and_keep_the_answers()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);
        _bed.Clock.Advance(TimeSpan.FromHours(4));

        var verdict = await Service.QualifyAsync(Rep, id, Strong);

        Assert.Equal(BantOutcome.Qualified, verdict.Outcome);
        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        var decision = lead.Decisions[^1];
        Assert.Equal((LifecycleVerb.Qualify, LifecycleStage.SAL, Rep.UserId, _bed.Now), (decision.Verb, decision.FromStage, decision.ActorId, decision.At));
        Assert.Null(decision.Reason);
        Assert.Equal("BANT: all four strong.", decision.Note);

        var assessment = Assert.Single(await AssessmentsAsync(id));
        Assert.Equal(Strong with { BudgetNote = "120k approved" }, assessment.Answers);
        Assert.Equal((BantOutcome.Qualified, 8), (assessment.Outcome, assessment.Points));
        Assert.Equal((Rep.UserId, Rep.Name, _bed.Now), (assessment.AssessedById, assessment.AssessedByName, assessment.AssessedAt));
    }

    [Fact]
    public async Task The_lead_page_shows_the_latest_BANT_answers()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);

        await Service.QualifyAsync(Rep, id, Strong);

        var detail = await _bed.Details.GetAsync(id);
        Assert.NotNull(detail?.Bant);
        Assert.Equal(Strong with { BudgetNote = "120k approved" }, detail.Bant.Answers);
        Assert.Equal((BantOutcome.Qualified, 8, Rep.Name, _bed.Now), (detail.Bant.Outcome, detail.Bant.Points, detail.Bant.AssessedBy, detail.Bant.AssessedAt));
    }

    [Fact]
    public async Task BANT_answers_short_of_qualified_send_the_lead_to_nurture_with_reason_BantNotMet()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);

        var verdict = await Service.QualifyAsync(Rep, id, NotYet);

        Assert.Equal(BantOutcome.Nurture, verdict.Outcome);
        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.Nurture, lead.Stage);
        var decision = lead.Decisions[^1];
        Assert.Equal((LifecycleVerb.Recycle, LifecycleStage.SAL, LifecycleStage.Nurture, ReasonCode.BantNotMet),
            (decision.Verb, decision.FromStage, decision.ToStage, decision.Reason));
        Assert.StartsWith($"BANT {verdict.Points}/8: ", decision.Note);
        Assert.Contains("Buying not before next year", decision.Note);
        Assert.Equal(BantOutcome.Nurture, Assert.Single(await AssessmentsAsync(id)).Outcome);
    }

    [Fact]
    public async Task BANT_answers_with_no_need_disqualify_the_lead_with_reason_BantNotMet()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);

        var verdict = await Service.QualifyAsync(Rep, id, NoNeed);

        Assert.Equal(BantOutcome.Disqualify, verdict.Outcome);
        var lead = await _bed.LoadAsync(id);
        Assert.Equal((LifecycleStage.Disqualified, LeadStatus.Unqualified), (lead.Stage, lead.Status));
        Assert.Equal((LifecycleVerb.Disqualify, ReasonCode.BantNotMet), (lead.Decisions[^1].Verb, lead.Decisions[^1].Reason));
        Assert.Contains("No need for the product", lead.Decisions[^1].Note);
        Assert.Equal(BantOutcome.Disqualify, Assert.Single(await AssessmentsAsync(id)).Outcome);
    }

    [Fact]
    public async Task Unanswered_BANT_questions_are_refused_with_BantIncomplete_and_nothing_is_saved()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);

        var refusal = await _bed.RefusedWithCodeAsync(id, "BantIncomplete", () => Service.QualifyAsync(Rep, id, Unfinished));

        Assert.Equal(["Authority, Timeline"], refusal.Arguments);
        Assert.Empty(await AssessmentsAsync(id));
    }

    [Fact]
    public async Task Another_rep_qualifying_is_refused_with_NotYourLead_and_nothing_is_saved()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);

        await _bed.RefusedWithCodeAsync(id, "NotYourLead", () => Service.QualifyAsync(OtherRep, id, Strong));
    }

    [Fact]
    public async Task Marketing_or_a_manager_qualifying_is_refused_with_AccessDenied()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);

        foreach (var caller in new[] { Marketer, Manager })
            await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.QualifyAsync(caller, id, Strong));
    }

    [Fact]
    public async Task Qualifying_a_lead_that_is_not_accepted_is_refused_and_keeps_no_answers()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SQL);

        var refusal = await _bed.RefusedAsync<IllegalTransitionException>(id, () => Service.QualifyAsync(Rep, id, Strong));

        Assert.Equal((LifecycleStage.SQL, LifecycleVerb.Qualify), (refusal.From, refusal.Verb));
    }

    [Fact]
    public async Task A_BANT_note_that_is_too_long_is_refused_and_nothing_is_saved()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);

        await _bed.RefusedWithCodeAsync(id, "BantNoteTooLong",
            () => Service.QualifyAsync(Rep, id, Strong with { NeedNote = new string('x', BantAssessment.NoteMaxLength + 1) }));
    }

    // ---- ConvertToOpportunity ---------------------------------------------------------------------------------

    [Fact]
    public async Task The_owner_turns_an_SQL_into_an_opportunity_and_the_amount_and_close_date_are_saved()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SQL);
        var close = DateOnly.FromDateTime(_bed.Now).AddDays(45);

        await Service.ConvertToOpportunityAsync(Rep, id, 48_500.50m, close, "Proposal sent");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.Opportunity, lead.Stage);
        Assert.Equal((48_500.50m, close), (lead.OpportunityAmount, lead.ExpectedCloseDate));
        Assert.Equal((LifecycleVerb.ConvertToOpportunity, "Proposal sent"), (lead.Decisions[^1].Verb, lead.Decisions[^1].Note));
    }

    [Fact]
    public async Task An_opportunity_may_close_today()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SQL);

        await Service.ConvertToOpportunityAsync(Rep, id, 0m, DateOnly.FromDateTime(_bed.Now), null);

        Assert.Equal(LifecycleStage.Opportunity, (await _bed.LoadAsync(id)).Stage);
    }

    [Fact]
    public async Task A_negative_amount_is_refused_and_nothing_is_saved()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SQL);

        await _bed.RefusedWithCodeAsync(id, "NegativeAmount",
            () => Service.ConvertToOpportunityAsync(Rep, id, -1m, DateOnly.FromDateTime(_bed.Now).AddDays(30), null));
        Assert.Null((await _bed.LoadAsync(id)).OpportunityAmount);
    }

    [Fact]
    public async Task A_close_date_in_the_past_is_refused_and_nothing_is_saved()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SQL);

        await _bed.RefusedWithCodeAsync(id, "CloseDateInPast",
            () => Service.ConvertToOpportunityAsync(Rep, id, 10_000m, DateOnly.FromDateTime(_bed.Now).AddDays(-1), null));
        Assert.Null((await _bed.LoadAsync(id)).ExpectedCloseDate);
    }

    [Fact]
    public async Task Converting_someone_else_s_lead_is_refused()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SQL);
        var close = DateOnly.FromDateTime(_bed.Now).AddDays(30);

        await _bed.RefusedWithCodeAsync(id, "NotYourLead", () => Service.ConvertToOpportunityAsync(OtherRep, id, 1m, close, null));
        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.ConvertToOpportunityAsync(Marketer, id, 1m, close, null));
        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.ConvertToOpportunityAsync(Manager, id, 1m, close, null));
    }

    // ---- CloseWon / CloseLost ---------------------------------------------------------------------------------

    [Fact]
    public async Task The_owner_closes_an_opportunity_won()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.Opportunity);

        await Service.CloseWonAsync(Rep, id, "Signed for three years");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.Won, lead.Stage);
        Assert.Equal((LifecycleVerb.CloseWon, LifecycleStage.Opportunity, "Signed for three years"),
            (lead.Decisions[^1].Verb, lead.Decisions[^1].FromStage, lead.Decisions[^1].Note));
    }

    [Fact]
    public async Task The_owner_closes_an_opportunity_lost_with_a_loss_reason()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.Opportunity);

        await Service.CloseLostAsync(Rep, id, ReasonCode.LostToCompetitor, "Went with the incumbent");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.Lost, lead.Stage);
        Assert.Equal((LifecycleVerb.CloseLost, ReasonCode.LostToCompetitor, "Went with the incumbent"),
            (lead.Decisions[^1].Verb, lead.Decisions[^1].Reason, lead.Decisions[^1].Note));
    }

    [Theory]
    [InlineData(ReasonCode.Spam, null, "ReasonNotAllowed")]
    [InlineData(ReasonCode.Other, null, "OtherNeedsNote")]
    public async Task Closing_lost_without_a_proper_loss_reason_is_refused(ReasonCode reason, string? note, string code)
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.Opportunity);

        await _bed.RefusedWithCodeAsync(id, code, () => Service.CloseLostAsync(Rep, id, reason, note));
    }

    [Fact]
    public async Task Closing_someone_else_s_opportunity_is_refused()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.Opportunity);

        await _bed.RefusedWithCodeAsync(id, "NotYourLead", () => Service.CloseWonAsync(OtherRep, id, null));
        await _bed.RefusedWithCodeAsync(id, "NotYourLead", () => Service.CloseLostAsync(OtherRep, id, ReasonCode.Price, null));
        foreach (var caller in new[] { Marketer, Manager })
        {
            await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.CloseWonAsync(caller, id, null));
            await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.CloseLostAsync(caller, id, ReasonCode.Price, null));
        }
    }

    [Fact]
    public async Task Closing_a_lead_that_is_not_an_opportunity_is_an_illegal_move()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SQL);

        await _bed.RefusedAsync<IllegalTransitionException>(id, () => Service.CloseWonAsync(Rep, id, null));
    }

    // ---- Recycle ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(LifecycleStage.SAL)]
    [InlineData(LifecycleStage.SQL)]
    [InlineData(LifecycleStage.Lost)]
    public async Task The_owner_gives_a_lead_back_to_marketing_with_a_reason(LifecycleStage stage)
    {
        var id = await _bed.AddLeadAsync(stage);

        await Service.RecycleAsync(Rep, id, ReasonCode.NoDecision, "Reorganisation, try again in spring");

        var lead = await _bed.LoadAsync(id);
        Assert.Equal(LifecycleStage.Nurture, lead.Stage);
        Assert.Equal((LifecycleVerb.Recycle, stage, ReasonCode.NoDecision), (lead.Decisions[^1].Verb, lead.Decisions[^1].FromStage, lead.Decisions[^1].Reason));
    }

    [Fact]
    public async Task Marketing_may_recycle_a_lost_lead()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.Lost);

        await Service.RecycleAsync(Marketer, id, ReasonCode.BadTiming, null);

        Assert.Equal(LifecycleStage.Nurture, (await _bed.LoadAsync(id)).Stage);
    }

    [Theory]
    [InlineData(LifecycleStage.SAL)]
    [InlineData(LifecycleStage.SQL)]
    public async Task Recycling_an_open_sales_lead_is_for_its_owner_only(LifecycleStage stage)
    {
        var id = await _bed.AddLeadAsync(stage);

        await _bed.RefusedWithCodeAsync(id, "NotYourLead", () => Service.RecycleAsync(OtherRep, id, ReasonCode.BadTiming, null));
        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.RecycleAsync(Marketer, id, ReasonCode.BadTiming, null));
        await _bed.RefusedAsync<AccessDeniedException>(id, () => Service.RecycleAsync(Manager, id, ReasonCode.BadTiming, null));
    }

    [Fact]
    public async Task Recycling_with_a_reason_recycling_does_not_take_is_refused()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);

        await _bed.RefusedWithCodeAsync(id, "ReasonNotAllowed", () => Service.RecycleAsync(Rep, id, ReasonCode.Price, null));
    }
}
