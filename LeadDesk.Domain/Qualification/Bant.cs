namespace LeadDesk.Domain.Qualification;

public enum BudgetAnswer { Unknown = 0, Confirmed = 1, Planned = 2, NoBudget = 3 }
public enum AuthorityAnswer { Unknown = 0, DecisionMaker = 1, Influencer = 2, NoInfluence = 3 }
public enum NeedAnswer { Unknown = 0, Critical = 1, Important = 2, NiceToHave = 3, NoNeed = 4 }
public enum TimelineAnswer { Unknown = 0, WithinQuarter = 1, WithinHalfYear = 2, WithinYear = 3, NoTimeline = 4 }

public enum BantDimension { Budget, Authority, Need, Timeline }

/// <summary>What a rep learned on the call, one structured answer per BANT letter.</summary>
public sealed record BantAnswers(
    BudgetAnswer Budget,
    AuthorityAnswer Authority,
    NeedAnswer Need,
    TimelineAnswer Timeline,
    string? BudgetNote = null,
    string? AuthorityNote = null,
    string? NeedNote = null,
    string? TimelineNote = null);

public enum BantOutcome
{
    /// <summary>Not all four answers are given yet.</summary>
    Incomplete = 0,
    Qualified = 1,
    Nurture = 2,
    Disqualify = 3,
}

/// <summary>A weak or failing answer, and why it counts against the lead.</summary>
public sealed record BantFinding(BantDimension Dimension, int Points, string Reason);

public sealed record BantVerdict(BantOutcome Outcome, int Points, IReadOnlyList<BantFinding> Findings, IReadOnlyList<BantDimension> Unanswered)
{
    public bool IsQualified => Outcome == BantOutcome.Qualified;
}

/// <summary>
/// Turns BANT answers into a verdict. Each letter scores 2 (strong), 1 (partial) or 0 (failing).
/// Qualified: no letter fails and at least 6 of 8 points. A lead with no need, or a contact who can neither decide nor
/// influence, is disqualified; anything else that falls short goes back to nurture (the timing or money may come).
/// </summary>
public static class BantPolicy
{
    public const int QualifyingPoints = 6;

    public static BantVerdict Evaluate(BantAnswers answers)
    {
        var unanswered = new List<BantDimension>();
        if (answers.Budget == BudgetAnswer.Unknown) unanswered.Add(BantDimension.Budget);
        if (answers.Authority == AuthorityAnswer.Unknown) unanswered.Add(BantDimension.Authority);
        if (answers.Need == NeedAnswer.Unknown) unanswered.Add(BantDimension.Need);
        if (answers.Timeline == TimelineAnswer.Unknown) unanswered.Add(BantDimension.Timeline);
        if (unanswered.Count > 0)
            return new BantVerdict(BantOutcome.Incomplete, 0, [], unanswered);

        var scored = new (BantDimension Dimension, int Points, string Reason)[]
        {
            answers.Budget switch
            {
                BudgetAnswer.Confirmed => (BantDimension.Budget, 2, "Budget confirmed"),
                BudgetAnswer.Planned => (BantDimension.Budget, 1, "Budget planned but not approved"),
                _ => (BantDimension.Budget, 0, "No budget"),
            },
            answers.Authority switch
            {
                AuthorityAnswer.DecisionMaker => (BantDimension.Authority, 2, "Talking to the decision maker"),
                AuthorityAnswer.Influencer => (BantDimension.Authority, 1, "Contact influences but does not decide"),
                _ => (BantDimension.Authority, 0, "Contact has no say in the purchase"),
            },
            answers.Need switch
            {
                NeedAnswer.Critical => (BantDimension.Need, 2, "Critical need"),
                NeedAnswer.Important => (BantDimension.Need, 1, "Important but not urgent need"),
                NeedAnswer.NiceToHave => (BantDimension.Need, 0, "Only nice to have"),
                _ => (BantDimension.Need, 0, "No need for the product"),
            },
            answers.Timeline switch
            {
                TimelineAnswer.WithinQuarter => (BantDimension.Timeline, 2, "Buying this quarter"),
                TimelineAnswer.WithinHalfYear => (BantDimension.Timeline, 1, "Buying within six months"),
                TimelineAnswer.WithinYear => (BantDimension.Timeline, 0, "Buying not before next year"),
                _ => (BantDimension.Timeline, 0, "No timeline"),
            },
        };

        var points = scored.Sum(s => s.Points);
        var findings = scored.Where(s => s.Points < 2).Select(s => new BantFinding(s.Dimension, s.Points, s.Reason)).ToList();
        BantOutcome outcome;
        if (answers.Need == NeedAnswer.NoNeed || answers.Authority == AuthorityAnswer.NoInfluence)
            outcome = BantOutcome.Disqualify;
        else if (scored.All(s => s.Points > 0) && points >= QualifyingPoints)
            outcome = BantOutcome.Qualified;
        else
            outcome = BantOutcome.Nurture;
        return new BantVerdict(outcome, points, findings, []);
    }
}
