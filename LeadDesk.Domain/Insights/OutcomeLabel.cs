namespace LeadDesk.Domain.Insights;

/// <summary>One decision as the label reads it.</summary>
public readonly record struct DecisionFact(DateTime At, LifecycleVerb Verb, LifecycleStage From, LifecycleStage To);

/// <summary>
/// A closed lead: won or lost, when its first outcome was decided, and the cut-off of the history its features may
/// read (its first handoff to sales, or the outcome when it had none).
/// </summary>
public readonly record struct ClosedOutcome(bool Won, DateTime OutcomeAt, DateTime CutOff);

/// <summary>
/// The label of closed-loop scoring, read from a lead's decisions in the order they were made. The definition, and
/// why, is in docs/decisions/closed-loop-scoring.md.
/// </summary>
public static class OutcomeLabel
{
    /// <summary>The verbs the label looks at; every other decision is irrelevant to it.</summary>
    public static readonly IReadOnlyList<LifecycleVerb> Verbs =
        [LifecycleVerb.HandOff, LifecycleVerb.Reject, LifecycleVerb.Disqualify, LifecycleVerb.CloseWon, LifecycleVerb.CloseLost, LifecycleVerb.Import];

    /// <summary>
    /// Reads one lead's decisions (oldest first) into its outcome; null for a lead that is not closed. Walk the
    /// decisions with <see cref="Reader"/> when they stream in.
    /// </summary>
    public static ClosedOutcome? Of(IEnumerable<DecisionFact> decisions)
    {
        var reader = new Reader();
        foreach (var decision in decisions)
            if (reader.Read(decision)) break;
        return reader.Outcome;
    }

    /// <summary>Reads one lead's decisions one at a time; stops at the first outcome.</summary>
    public sealed class Reader
    {
        private DateTime? _reachedSales;

        public ClosedOutcome? Outcome { get; private set; }

        /// <summary>When the lead first reached sales (its first handoff, or an import past MQL); null if it has not.</summary>
        public DateTime? ReachedSalesAt => _reachedSales;

        /// <summary>Takes the next decision; true once the outcome is known (later decisions change nothing).</summary>
        public bool Read(DecisionFact decision)
        {
            if (Outcome is not null) return true;
            switch (decision.Verb)
            {
                case LifecycleVerb.HandOff:
                    _reachedSales ??= decision.At;
                    break;
                case LifecycleVerb.CloseWon:
                    return Close(true, decision.At);
                case LifecycleVerb.CloseLost:
                    return Close(false, decision.At);
                case LifecycleVerb.Import when decision.To == LifecycleStage.Won:
                    return Close(true, decision.At);
                case LifecycleVerb.Import when decision.To == LifecycleStage.Lost:
                    return Close(false, decision.At);
                case LifecycleVerb.Import when decision.To is LifecycleStage.SAL or LifecycleStage.SQL or LifecycleStage.Opportunity:
                    _reachedSales ??= decision.At;
                    break;
                // A disqualification says something about what sells only once sales has seen the lead.
                case LifecycleVerb.Disqualify or LifecycleVerb.Reject when decision.To == LifecycleStage.Disqualified && _reachedSales is not null:
                    return Close(false, decision.At);
            }
            return false;
        }

        private bool Close(bool won, DateTime at)
        {
            Outcome = new ClosedOutcome(won, at, _reachedSales is { } handoff && handoff < at ? handoff : at);
            return true;
        }
    }
}
