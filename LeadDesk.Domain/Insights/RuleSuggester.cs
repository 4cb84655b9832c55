namespace LeadDesk.Domain.Insights;

/// <summary>
/// Turns the logistic regression into rules of the kinds the scoring editor has. Each weight (log-odds per feature)
/// times <see cref="PointsPerLogOdds"/>, rounded, is a rule's points: values of one attribute that earn the same points
/// share an InList (EmailDomainIn for domains) rule, adjacent bands with the same points one Range rule, and an event
/// type's weight becomes points per event with the feature's cap and half-life, which is exactly what the feature
/// counted. The sum of the points therefore follows the model's log-odds up to rounding, and ranks leads as it does.
/// </summary>
public static class RuleSuggester
{
    /// <summary>Points per unit of log-odds: 20 points multiply the odds of a sale by e (about 2.7); 14 points double them.</summary>
    public const double PointsPerLogOdds = 20;

    private const string IdPrefix = "suggested-";

    public static RuleSuggestion Suggest(ReadableModel model, ScoringModel current)
    {
        var fit = new List<FitRule>();
        var engagement = new List<EngagementRule>();
        var features = model.Features;
        int Points(int i) => (int)Math.Round(model.Weights[i] * PointsPerLogOdds, MidpointRounding.AwayFromZero);

        var byAttribute = Enumerable.Range(0, features.Count).Where(i => features[i].Kind != FeatureKind.Events)
            .GroupBy(i => features[i].Attribute!.Value).OrderBy(g => g.Key);
        foreach (var attribute in byAttribute)
        {
            var bands = attribute.Where(i => features[i].Kind == FeatureKind.Band).OrderBy(i => features[i].Min).ToList();
            foreach (var run in Runs(bands, i => Points(i), (a, b) => features[a].Max == features[b].Min))
            {
                var (min, max) = (features[run[0]].Min, features[run[^1]].Max);
                fit.Add(new FitRule
                {
                    Id = $"{IdPrefix}{Slug(attribute.Key)}-{fit.Count + 1}", Attribute = attribute.Key, Operator = RuleOperator.Range,
                    Min = min, Max = max, Points = Points(run[0]),
                    Label = Label($"{Name(attribute.Key)} {new Feature(FeatureKind.Band, Min: min, Max: max).Display}"),
                });
            }
            var values = attribute.Where(i => features[i].Kind is FeatureKind.Value or FeatureKind.Domain && Points(i) != 0);
            foreach (var same in values.GroupBy(Points).OrderByDescending(g => g.Key))
            {
                var list = same.Select(i => features[i].Value!).ToList();
                var domains = features[same.First()].Kind == FeatureKind.Domain;
                fit.Add(new FitRule
                {
                    Id = $"{IdPrefix}{Slug(attribute.Key)}-{fit.Count + 1}", Attribute = attribute.Key,
                    Operator = domains ? RuleOperator.EmailDomainIn : list.Count == 1 ? RuleOperator.Equals : RuleOperator.InList,
                    Values = list, Points = same.Key,
                    Label = Label($"{Name(attribute.Key)}: {string.Join(", ", list.Select(v => ValueName(attribute.Key, v)))}"),
                });
            }
        }

        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i];
            if (feature.Kind != FeatureKind.Events || Points(i) == 0) continue;
            var type = feature.EventType!.Value;
            var points = Points(i);
            engagement.Add(new EngagementRule
            {
                Id = $"{IdPrefix}{Slug(type)}", EventType = type, Points = points, HalfLifeDays = feature.HalfLifeDays,
                Cap = (int)Math.Max(Math.Abs(points), Math.Round(Math.Abs(points) * feature.Cap!.Value, MidpointRounding.AwayFromZero)),
                Label = current.Definition.EngagementRules.FirstOrDefault(r => r.EventType == type)?.Label ?? Label(Humanize(type.ToString())),
            });
        }

        var draft = new ScoringModelDefinition { FitRules = fit, EngagementRules = engagement };
        // The model weighs fit and engagement together, so the suggestion sets no separate fit minimum: the lowest fit
        // the rules can give (a minimum of 0 would turn away every lead with a negative fit, whatever its engagement).
        var lowestFit = fit.Where(r => r.Points < 0).Sum(r => r.Points);
        var definition = draft with { Mql = new MqlDefinition { Threshold = MqlThreshold(draft, model), MinimumFit = lowestFit } };
        return new RuleSuggestion(definition, Compare(definition, current.Definition), PointsPerLogOdds, current.Version, current.Definition.Mql);
    }

    /// <summary>
    /// The points at which the suggested total reaches the model's threshold probability: the model's log-odds are its bias
    /// plus the points over <see cref="PointsPerLogOdds"/>. Kept within the totals the rules can give, as the editor requires.
    /// </summary>
    private static int MqlThreshold(ScoringModelDefinition draft, ReadableModel model)
    {
        var p = Math.Clamp(model.Threshold, 0.01, 0.99);
        var threshold = (int)Math.Ceiling(PointsPerLogOdds * (Math.Log(p / (1 - p)) - model.Bias));
        var (lowest, highest) = ScoringModelValidator.PossibleTotals(draft);
        threshold = Math.Max(threshold, lowest + 1);
        return highest is { } top ? Math.Min(threshold, Math.Max(top, lowest + 1)) : threshold;
    }

    /// <summary>Each suggested rule beside the current rule that tests the same thing, if there is one.</summary>
    private static List<SuggestedRule> Compare(ScoringModelDefinition suggested, ScoringModelDefinition current)
    {
        var rows = new List<SuggestedRule>();
        foreach (var rule in suggested.FitRules)
        {
            var twin = current.FitRules.FirstOrDefault(c => c.Attribute == rule.Attribute && Overlaps(c, rule));
            rows.Add(new SuggestedRule(FeatureGroup.Fit, rule.Id, rule.Label, rule.Points, twin?.Id, twin?.Points));
        }
        foreach (var rule in suggested.EngagementRules)
        {
            var twin = current.EngagementRules.FirstOrDefault(c => c.EventType == rule.EventType);
            rows.Add(new SuggestedRule(FeatureGroup.Engagement, rule.Id, rule.Label, rule.Points, twin?.Id, twin?.Points));
        }
        return rows;
    }

    private static bool Overlaps(FitRule a, FitRule b)
    {
        if (a.Operator == RuleOperator.Range || b.Operator == RuleOperator.Range)
            return a.Operator == b.Operator && (a.Min ?? double.MinValue) < (b.Max ?? double.MaxValue) && (b.Min ?? double.MinValue) < (a.Max ?? double.MaxValue);
        return a.Values.Any(v => b.Values.Contains(v.Trim(), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Consecutive items (in the order given) that <paramref name="adjacent"/> joins and that earn the same non-zero points.</summary>
    private static IEnumerable<List<int>> Runs(List<int> items, Func<int, int> points, Func<int, int, bool> adjacent)
    {
        var run = new List<int>();
        foreach (var item in items)
        {
            if (run.Count > 0 && (points(item) != points(run[^1]) || !adjacent(run[^1], item)))
            {
                if (points(run[0]) != 0) yield return run;
                run = [];
            }
            run.Add(item);
        }
        if (run.Count > 0 && points(run[0]) != 0) yield return run;
    }

    private static string Name(LeadAttribute attribute) => Humanize(attribute.ToString());

    /// <summary>A value as a label shows it: seniorities are stored by their enum names ("VicePresident"), other values as entered.</summary>
    private static string ValueName(LeadAttribute attribute, string value) => attribute == LeadAttribute.Seniority ? Humanize(value) : value;

    /// <summary>"CompanySize" as "Company size".</summary>
    private static string Humanize(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private static string Slug(object value) => value.ToString()!.ToLowerInvariant();

    private static string Label(string text) =>
        text.Length <= ScoringModelValidator.LabelMaxLength ? text : text[..(ScoringModelValidator.LabelMaxLength - 1)] + "…";
}
