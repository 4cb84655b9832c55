namespace LeadDesk.Domain.Leads;

/// <summary>One allowed move: from a stage, by a verb, to a stage.</summary>
public sealed record Transition(LifecycleStage From, LifecycleVerb Verb, LifecycleStage To);

/// <summary>
/// The one table of allowed stage moves (DOMAIN.md). Every stage change in LeadDesk is checked here;
/// anything not listed is illegal.
/// </summary>
public static class Lifecycle
{
    public static readonly IReadOnlyList<Transition> Transitions = Build();

    /// <summary>Verbs that must carry a reason code (DOMAIN.md: reject, recycle, disqualify, lost).</summary>
    public static bool RequiresReason(LifecycleVerb verb) => ReasonCodes.For(verb).Count > 0;

    /// <summary>Stages from which nothing moves on except by the listed transitions' absence.</summary>
    public static bool IsClosed(LifecycleStage stage) => stage is LifecycleStage.Won;

    /// <summary>Whether the verb is a stage move governed by this table; Merge and Import are records, not moves.</summary>
    public static bool IsMove(LifecycleVerb verb) => verb is not (LifecycleVerb.Merge or LifecycleVerb.Import);

    public static bool IsAllowed(LifecycleStage from, LifecycleVerb verb, LifecycleStage to) =>
        Transitions.Any(t => t.From == from && t.Verb == verb && t.To == to);

    /// <summary>The stages a verb may lead to from a stage (Reject may end in Nurture or Disqualified).</summary>
    public static IReadOnlyList<LifecycleStage> TargetsOf(LifecycleStage from, LifecycleVerb verb) =>
        Transitions.Where(t => t.From == from && t.Verb == verb).Select(t => t.To).ToList();

    /// <summary>The verbs that can be applied to a lead in a stage.</summary>
    public static IReadOnlyList<LifecycleVerb> VerbsFrom(LifecycleStage from) =>
        Transitions.Where(t => t.From == from).Select(t => t.Verb).Distinct().ToList();

    private static List<Transition> Build()
    {
        var table = new List<Transition>
        {
            new(LifecycleStage.Lead, LifecycleVerb.Promote, LifecycleStage.MQL),
            new(LifecycleStage.Nurture, LifecycleVerb.Promote, LifecycleStage.MQL),
            // Handing off keeps the lead an MQL: the handoff is pending until sales answers.
            new(LifecycleStage.MQL, LifecycleVerb.HandOff, LifecycleStage.MQL),
            new(LifecycleStage.MQL, LifecycleVerb.Reassign, LifecycleStage.MQL),
            new(LifecycleStage.MQL, LifecycleVerb.Accept, LifecycleStage.SAL),
            new(LifecycleStage.MQL, LifecycleVerb.Reject, LifecycleStage.Nurture),
            new(LifecycleStage.MQL, LifecycleVerb.Reject, LifecycleStage.Disqualified),
            new(LifecycleStage.SAL, LifecycleVerb.Qualify, LifecycleStage.SQL),
            new(LifecycleStage.SQL, LifecycleVerb.ConvertToOpportunity, LifecycleStage.Opportunity),
            new(LifecycleStage.Opportunity, LifecycleVerb.CloseWon, LifecycleStage.Won),
            new(LifecycleStage.Opportunity, LifecycleVerb.CloseLost, LifecycleStage.Lost),
        };
        // Back to marketing: from the stages marketing or sales can give up on, and a lost deal for a later try.
        foreach (var from in new[] { LifecycleStage.Lead, LifecycleStage.MQL, LifecycleStage.SAL, LifecycleStage.SQL, LifecycleStage.Lost, LifecycleStage.Disqualified })
            table.Add(new(from, LifecycleVerb.Recycle, LifecycleStage.Nurture));
        // Any open stage can be disqualified; the record stays for ever.
        foreach (var from in new[] { LifecycleStage.Lead, LifecycleStage.MQL, LifecycleStage.SAL, LifecycleStage.SQL, LifecycleStage.Opportunity, LifecycleStage.Nurture })
            table.Add(new(from, LifecycleVerb.Disqualify, LifecycleStage.Disqualified));
        return table;
    }
}
