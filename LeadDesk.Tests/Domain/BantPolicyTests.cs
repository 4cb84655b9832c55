using LeadDesk.Domain.Qualification;

namespace LeadDesk.Tests.Domain;

/// <summary>The BANT policy: answers in, a verdict with its points, findings and unanswered letters out.</summary>
public sealed class BantPolicyTests
{
    private static BantAnswers Strong => new(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.WithinQuarter);

    [Fact]
    public void Any_unknown_answer_makes_the_verdict_incomplete_and_lists_which()
    {
        var verdict = BantPolicy.Evaluate(Strong with { Authority = AuthorityAnswer.Unknown, Timeline = TimelineAnswer.Unknown });

        Assert.Equal(BantOutcome.Incomplete, verdict.Outcome);
        Assert.Equal([BantDimension.Authority, BantDimension.Timeline], verdict.Unanswered);
        Assert.Empty(verdict.Findings);
        Assert.Equal(0, verdict.Points);
        Assert.False(verdict.IsQualified);
    }

    [Fact]
    public void No_answers_at_all_lists_all_four_letters()
    {
        var verdict = BantPolicy.Evaluate(new BantAnswers(BudgetAnswer.Unknown, AuthorityAnswer.Unknown, NeedAnswer.Unknown, TimelineAnswer.Unknown));

        Assert.Equal(BantOutcome.Incomplete, verdict.Outcome);
        Assert.Equal([BantDimension.Budget, BantDimension.Authority, BantDimension.Need, BantDimension.Timeline], verdict.Unanswered);
    }

    [Fact]
    public void An_unknown_answer_wins_over_a_disqualifying_one()
    {
        var verdict = BantPolicy.Evaluate(Strong with { Need = NeedAnswer.NoNeed, Budget = BudgetAnswer.Unknown });

        Assert.Equal(BantOutcome.Incomplete, verdict.Outcome);
        Assert.Equal([BantDimension.Budget], verdict.Unanswered);
    }

    [Fact]
    public void Strong_answers_qualify_with_full_points_and_no_findings()
    {
        var verdict = BantPolicy.Evaluate(Strong);

        Assert.Equal(BantOutcome.Qualified, verdict.Outcome);
        Assert.True(verdict.IsQualified);
        Assert.Equal(8, verdict.Points);
        Assert.Empty(verdict.Findings);
        Assert.Empty(verdict.Unanswered);
    }

    [Theory]
    [InlineData(BudgetAnswer.NoBudget, TimelineAnswer.WithinQuarter)]
    [InlineData(BudgetAnswer.Confirmed, TimelineAnswer.WithinYear)]
    [InlineData(BudgetAnswer.Confirmed, TimelineAnswer.NoTimeline)]
    [InlineData(BudgetAnswer.Planned, TimelineAnswer.WithinYear)]
    public void Weak_timing_or_budget_sends_the_lead_back_to_nurture(BudgetAnswer budget, TimelineAnswer timeline)
    {
        var verdict = BantPolicy.Evaluate(Strong with { Budget = budget, Timeline = timeline });

        Assert.Equal(BantOutcome.Nurture, verdict.Outcome);
        Assert.False(verdict.IsQualified);
    }

    [Theory]
    [InlineData(NeedAnswer.NoNeed, AuthorityAnswer.DecisionMaker)]
    [InlineData(NeedAnswer.Critical, AuthorityAnswer.NoInfluence)]
    [InlineData(NeedAnswer.NoNeed, AuthorityAnswer.NoInfluence)]
    public void No_need_or_no_influence_disqualifies_even_with_money_and_time(NeedAnswer need, AuthorityAnswer authority)
    {
        var verdict = BantPolicy.Evaluate(Strong with { Need = need, Authority = authority });

        Assert.Equal(BantOutcome.Disqualify, verdict.Outcome);
    }

    [Fact]
    public void Findings_list_the_weak_letters_with_their_points_and_a_reason()
    {
        var verdict = BantPolicy.Evaluate(new BantAnswers(BudgetAnswer.Planned, AuthorityAnswer.DecisionMaker, NeedAnswer.NiceToHave, TimelineAnswer.WithinHalfYear));

        Assert.Equal(
            [(BantDimension.Budget, 1), (BantDimension.Need, 0), (BantDimension.Timeline, 1)],
            verdict.Findings.Select(f => (f.Dimension, f.Points)));
        Assert.All(verdict.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        Assert.Equal(4, verdict.Points);
        Assert.Equal(BantOutcome.Nurture, verdict.Outcome);
    }

    /// <summary>The policy table: each answer's points, and the outcome the rule in BantPolicy's summary gives.</summary>
    [Theory]
    // all strong, or partial letters while keeping 6 of 8
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.WithinQuarter, 8, BantOutcome.Qualified)]
    [InlineData(BudgetAnswer.Planned, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.WithinQuarter, 7, BantOutcome.Qualified)]
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.Influencer, NeedAnswer.Critical, TimelineAnswer.WithinHalfYear, 6, BantOutcome.Qualified)]
    [InlineData(BudgetAnswer.Planned, AuthorityAnswer.Influencer, NeedAnswer.Critical, TimelineAnswer.WithinQuarter, 6, BantOutcome.Qualified)]
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.Important, TimelineAnswer.WithinHalfYear, 6, BantOutcome.Qualified)]
    // nothing fails but too few points
    [InlineData(BudgetAnswer.Planned, AuthorityAnswer.Influencer, NeedAnswer.Important, TimelineAnswer.WithinQuarter, 5, BantOutcome.Nurture)]
    [InlineData(BudgetAnswer.Planned, AuthorityAnswer.Influencer, NeedAnswer.Important, TimelineAnswer.WithinHalfYear, 4, BantOutcome.Nurture)]
    // one failing letter sends back to nurture even with many points
    [InlineData(BudgetAnswer.NoBudget, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.WithinQuarter, 6, BantOutcome.Nurture)]
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.NiceToHave, TimelineAnswer.WithinQuarter, 6, BantOutcome.Nurture)]
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.WithinYear, 6, BantOutcome.Nurture)]
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.NoTimeline, 6, BantOutcome.Nurture)]
    [InlineData(BudgetAnswer.NoBudget, AuthorityAnswer.Influencer, NeedAnswer.NiceToHave, TimelineAnswer.NoTimeline, 1, BantOutcome.Nurture)]
    // no need, or no say in the purchase, disqualifies whatever else is true
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.NoNeed, TimelineAnswer.WithinQuarter, 6, BantOutcome.Disqualify)]
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.NoInfluence, NeedAnswer.Critical, TimelineAnswer.WithinQuarter, 6, BantOutcome.Disqualify)]
    [InlineData(BudgetAnswer.NoBudget, AuthorityAnswer.NoInfluence, NeedAnswer.NoNeed, TimelineAnswer.NoTimeline, 0, BantOutcome.Disqualify)]
    // an unanswered letter, whatever the rest
    [InlineData(BudgetAnswer.Unknown, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.WithinQuarter, 0, BantOutcome.Incomplete)]
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.Unknown, NeedAnswer.Critical, TimelineAnswer.WithinQuarter, 0, BantOutcome.Incomplete)]
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.Unknown, TimelineAnswer.WithinQuarter, 0, BantOutcome.Incomplete)]
    [InlineData(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.Unknown, 0, BantOutcome.Incomplete)]
    public void The_policy_table_holds(BudgetAnswer budget, AuthorityAnswer authority, NeedAnswer need, TimelineAnswer timeline, int points, BantOutcome outcome)
    {
        var verdict = BantPolicy.Evaluate(new BantAnswers(budget, authority, need, timeline));

        Assert.Equal(outcome, verdict.Outcome);
        Assert.Equal(points, verdict.Points);
        Assert.Equal(outcome == BantOutcome.Qualified, verdict.IsQualified);
    }

    [Fact]
    public void Every_complete_combination_follows_the_rule_and_its_findings_are_exactly_the_letters_below_two()
    {
        foreach (var budget in Enum.GetValues<BudgetAnswer>().Where(a => a != BudgetAnswer.Unknown))
        foreach (var authority in Enum.GetValues<AuthorityAnswer>().Where(a => a != AuthorityAnswer.Unknown))
        foreach (var need in Enum.GetValues<NeedAnswer>().Where(a => a != NeedAnswer.Unknown))
        foreach (var timeline in Enum.GetValues<TimelineAnswer>().Where(a => a != TimelineAnswer.Unknown))
        {
            var verdict = BantPolicy.Evaluate(new BantAnswers(budget, authority, need, timeline));
            var letters = new (BantDimension Dimension, int Points)[]
            {
                (BantDimension.Budget, budget switch { BudgetAnswer.Confirmed => 2, BudgetAnswer.Planned => 1, _ => 0 }),
                (BantDimension.Authority, authority switch { AuthorityAnswer.DecisionMaker => 2, AuthorityAnswer.Influencer => 1, _ => 0 }),
                (BantDimension.Need, need switch { NeedAnswer.Critical => 2, NeedAnswer.Important => 1, _ => 0 }),
                (BantDimension.Timeline, timeline switch { TimelineAnswer.WithinQuarter => 2, TimelineAnswer.WithinHalfYear => 1, _ => 0 }),
            };
            var expected = need == NeedAnswer.NoNeed || authority == AuthorityAnswer.NoInfluence ? BantOutcome.Disqualify
                : letters.All(l => l.Points > 0) && letters.Sum(l => l.Points) >= BantPolicy.QualifyingPoints ? BantOutcome.Qualified
                : BantOutcome.Nurture;
            var context = $"{budget}/{authority}/{need}/{timeline}";

            Assert.True(expected == verdict.Outcome, $"{context}: expected {expected}, got {verdict.Outcome}");
            Assert.Equal(letters.Sum(l => l.Points), verdict.Points);
            Assert.Equal(letters.Where(l => l.Points < 2), verdict.Findings.Select(f => (f.Dimension, f.Points)));
            Assert.Empty(verdict.Unanswered);
        }
    }
}
