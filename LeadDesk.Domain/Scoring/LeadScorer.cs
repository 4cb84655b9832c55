namespace LeadDesk.Domain.Scoring;

/// <summary>
/// Scores a lead with a model: fit from attributes, engagement from decayed, capped events. Each rule's
/// contribution is rounded once, so the explanation lines add up exactly to the score shown.
/// </summary>
public static class LeadScorer
{
    public static ScoreResult Score(LeadProfile lead, IEnumerable<EventOccurrence> events, ScoringModelDefinition model, DateTime now)
    {
        // Plain loops: a rescore runs this for a million leads, and grouping the events per lead was a third of it.
        var lines = new List<ScoreLine>();
        var fit = 0;
        foreach (var rule in model.FitRules)
        {
            if (rule.Points == 0 || !FitRuleMatcher.Matches(rule, lead)) continue;
            lines.Add(new ScoreLine(rule.Id, rule.Label, ScoreComponent.Fit, rule.Points, 1, false));
            fit += rule.Points;
        }

        var occurrences = events as IReadOnlyList<EventOccurrence> ?? events.ToList();
        var engagement = 0;
        foreach (var rule in model.EngagementRules)
        {
            if (rule.Points == 0) continue;
            var (raw, matching) = (0.0, 0);
            foreach (var occurrence in occurrences)
            {
                if (occurrence.Type != rule.EventType) continue;
                raw += rule.Points * Decay.Factor(occurrence.OccurredAt, now, rule.HalfLifeDays);
                matching++;
            }
            if (matching == 0) continue;
            var capped = rule.Cap is { } cap && Math.Abs(raw) > cap;
            var points = (int)Math.Round(capped ? Math.Sign(raw) * rule.Cap!.Value : raw, MidpointRounding.AwayFromZero);
            if (points == 0) continue;
            lines.Add(new ScoreLine(rule.Id, rule.Label, ScoreComponent.Engagement, points, matching, capped));
            engagement += points;
        }
        return new ScoreResult(fit, engagement, lines);
    }

    /// <summary>Whether <paramref name="score"/> meets the MQL definition: <see cref="CheckMql"/>'s verdict without its details.</summary>
    public static bool MeetsMql(ScoreResult score, MqlDefinition definition)
    {
        if (score.Total < definition.Threshold || score.Fit < definition.MinimumFit) return false;
        foreach (var required in definition.RequiredRuleIds)
        {
            var fired = false;
            foreach (var line in score.Lines) fired |= string.Equals(line.RuleId, required, StringComparison.Ordinal);
            if (!fired) return false;
        }
        return true;
    }

    public static MqlCheck CheckMql(ScoreResult score, MqlDefinition definition)
    {
        var fired = score.Lines.Select(l => l.RuleId).ToHashSet(StringComparer.Ordinal);
        var missing = definition.RequiredRuleIds.Where(id => !fired.Contains(id)).ToList();
        var totalMet = score.Total >= definition.Threshold;
        var fitMet = score.Fit >= definition.MinimumFit;
        return new MqlCheck(totalMet && fitMet && missing.Count == 0, totalMet, fitMet, missing);
    }
}
