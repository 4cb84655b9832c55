namespace LeadDesk.Domain.Scoring;

/// <summary>
/// Scores a lead with a model: fit from attributes, engagement from decayed, capped events. Each rule's
/// contribution is rounded once, so the explanation lines add up exactly to the score shown.
/// </summary>
public static class LeadScorer
{
    public static ScoreResult Score(LeadProfile lead, IEnumerable<EventOccurrence> events, ScoringModelDefinition model, DateTime now)
    {
        var lines = new List<ScoreLine>();
        foreach (var rule in model.FitRules)
        {
            if (rule.Points != 0 && FitRuleMatcher.Matches(rule, lead))
                lines.Add(new ScoreLine(rule.Id, rule.Label, ScoreComponent.Fit, rule.Points, 1, false));
        }

        var byType = events.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var rule in model.EngagementRules)
        {
            if (rule.Points == 0 || !byType.TryGetValue(rule.EventType, out var matching)) continue;
            var raw = matching.Sum(e => rule.Points * Decay.Factor(e.OccurredAt, now, rule.HalfLifeDays));
            var capped = rule.Cap is { } cap && Math.Abs(raw) > cap;
            var points = (int)Math.Round(capped ? Math.Sign(raw) * rule.Cap!.Value : raw, MidpointRounding.AwayFromZero);
            if (points != 0)
                lines.Add(new ScoreLine(rule.Id, rule.Label, ScoreComponent.Engagement, points, matching.Count, capped));
        }

        var fit = lines.Where(l => l.Component == ScoreComponent.Fit).Sum(l => l.Points);
        var engagement = lines.Where(l => l.Component == ScoreComponent.Engagement).Sum(l => l.Points);
        return new ScoreResult(fit, engagement, lines);
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
