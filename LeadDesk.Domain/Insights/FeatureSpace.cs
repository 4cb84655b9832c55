namespace LeadDesk.Domain.Insights;

public enum FeatureKind
{
    /// <summary>1 when a text attribute equals <see cref="Feature.Value"/> (ignoring case), as an InList fit rule tests.</summary>
    Value = 0,
    /// <summary>1 when a numeric attribute lies in [<see cref="Feature.Min"/>, <see cref="Feature.Max"/>), as a Range fit rule tests.</summary>
    Band = 1,
    /// <summary>1 when the email's domain is <see cref="Feature.Value"/> or a subdomain of it, as an EmailDomainIn fit rule tests.</summary>
    Domain = 2,
    /// <summary>
    /// Events of one type up to the cut-off, each weighted by the active model's decay for the type and the sum capped at
    /// <see cref="Feature.Cap"/>: what an engagement rule with that half-life computes, per point.
    /// </summary>
    Events = 3,
}

/// <summary>One column of the feature vector, named so that a rule can test the same thing.</summary>
public sealed record Feature(
    FeatureKind Kind,
    LeadAttribute? Attribute = null,
    string? Value = null,
    double? Min = null,
    double? Max = null,
    EngagementEventType? EventType = null,
    double? HalfLifeDays = null,
    double? Cap = null)
{
    public InsightField Field => Kind == FeatureKind.Events
        ? new InsightField($"Engagement.{EventType}", FeatureGroup.Engagement, null, EventType)
        : new InsightField($"Fit.{Attribute}", FeatureGroup.Fit, Attribute, null);

    /// <summary>The value or band as a person reads it ("IN", "50–199", "1,000+"); null for an event count.</summary>
    public string? Display => Kind switch
    {
        FeatureKind.Band when Max is null => FormattableString.Invariant($"{Min:#,0}+"),
        FeatureKind.Band => FormattableString.Invariant($"{Min:#,0}–{Max - 1:#,0}"),
        FeatureKind.Events => null,
        _ => Value,
    };
}

/// <summary>
/// The features closed-loop scoring reads, learned from the training leads: every value or band of an attribute a fit
/// rule can read that enough training leads have (but not all), and per event type the decayed, capped count. Built by
/// LeadDesk rather than by ML.NET transforms so that each weight maps onto a rule (docs/decisions/closed-loop-scoring.md).
/// </summary>
public sealed class FeatureSpace
{
    /// <summary>A value or band needs this many training leads to become a feature: fewer, and its weight is noise.</summary>
    public const int MinimumLeads = 10;

    /// <summary>At most this many values per attribute, the most frequent.</summary>
    public const int MaximumValuesPerAttribute = 50;

    /// <summary>The share of leads with an event type whose count stays under its cap (the rest are capped).</summary>
    public const double CapQuantile = 0.95;

    private static readonly LeadAttribute[] TextAttributes =
        [LeadAttribute.JobTitle, LeadAttribute.Seniority, LeadAttribute.Department, LeadAttribute.Industry, LeadAttribute.Country, LeadAttribute.Source];

    /// <summary>The bands of numeric attributes, as [min, max) in the units the attribute is stored in.</summary>
    public static readonly IReadOnlyDictionary<LeadAttribute, (double Min, double? Max)[]> Bands = new Dictionary<LeadAttribute, (double, double?)[]>
    {
        [LeadAttribute.CompanySize] = [(0, 10), (10, 50), (50, 200), (200, 1000), (1000, 5000), (5000, null)],
        [LeadAttribute.AnnualRevenue] = [(0, 1_000_000), (1_000_000, 10_000_000), (10_000_000, 100_000_000), (100_000_000, 1_000_000_000), (1_000_000_000, null)],
    };

    private readonly Dictionary<LeadAttribute, Dictionary<string, int>> _values = [];
    private readonly Dictionary<LeadAttribute, List<(double Min, double? Max, int Index)>> _bands = [];
    private readonly Dictionary<string, int> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<EngagementEventType, int> _events = [];

    public FeatureSpace(IReadOnlyList<Feature> features)
    {
        Features = features;
        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i];
            switch (feature.Kind)
            {
                case FeatureKind.Value:
                    if (!_values.TryGetValue(feature.Attribute!.Value, out var values))
                        _values[feature.Attribute.Value] = values = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                    values[feature.Value!] = i;
                    break;
                case FeatureKind.Band:
                    if (!_bands.TryGetValue(feature.Attribute!.Value, out var bands)) _bands[feature.Attribute.Value] = bands = [];
                    bands.Add((feature.Min!.Value, feature.Max, i));
                    break;
                case FeatureKind.Domain:
                    _domains[feature.Value!] = i;
                    break;
                case FeatureKind.Events:
                    _events[feature.EventType!.Value] = i;
                    break;
            }
        }
    }

    public IReadOnlyList<Feature> Features { get; }

    public int Count => Features.Count;

    /// <summary>The fields with at least one feature, fit first.</summary>
    public IReadOnlyList<InsightField> FieldsUsed => Features.Select(f => f.Field).DistinctBy(f => f.Key).OrderBy(f => f.Group).ToList();

    /// <summary>
    /// Every field the models do not read, and why: what sales writes, what happens after the cut-off, what identifies
    /// the person, what no rule can read, and the attributes and event types that did not vary among the training leads.
    /// </summary>
    public IReadOnlyList<ExcludedField> FieldsExcluded
    {
        get
        {
            var used = FieldsUsed.Select(f => f.Key).ToHashSet();
            var excluded = new List<ExcludedField>
            {
                new("Sales.Stage", ExclusionReason.WrittenBySales), new("Sales.Status", ExclusionReason.WrittenBySales),
                new("Sales.Owner", ExclusionReason.WrittenBySales), new("Sales.Bant", ExclusionReason.WrittenBySales),
                new("Sales.Opportunity", ExclusionReason.WrittenBySales), new("Sales.Reasons", ExclusionReason.WrittenBySales),
                new("Score.Stored", ExclusionReason.AfterCutOff), new("Engagement.AfterCutOff", ExclusionReason.AfterCutOff),
                new("Identity.Name", ExclusionReason.Identifying), new("Identity.Email", ExclusionReason.Identifying),
                new("Identity.Phone", ExclusionReason.Identifying), new("Identity.Company", ExclusionReason.Identifying),
                new("Fit.UtmSource", ExclusionReason.RulesCannotReadIt), new("Fit.UtmMedium", ExclusionReason.RulesCannotReadIt),
                new("Fit.UtmCampaign", ExclusionReason.RulesCannotReadIt),
            };
            excluded.AddRange(Enum.GetValues<LeadAttribute>().Select(a => $"Fit.{a}").Where(k => !used.Contains(k))
                .Select(k => new ExcludedField(k, ExclusionReason.NoVariation)));
            excluded.AddRange(Enum.GetValues<EngagementEventType>().Select(t => $"Engagement.{t}").Where(k => !used.Contains(k))
                .Select(k => new ExcludedField(k, ExclusionReason.NoVariation)));
            return excluded;
        }
    }

    /// <summary>Learns the features from the training leads, with the decay of the active model's engagement rules.</summary>
    public static FeatureSpace Learn(IReadOnlyList<TrainingExample> training, ScoringModelDefinition rules)
    {
        var features = new List<Feature>();
        var n = training.Count;
        bool Varies(int count) => count >= MinimumLeads && count <= n - MinimumLeads;

        foreach (var attribute in TextAttributes)
        {
            features.AddRange(training
                .Select(e => FitRuleMatcher.TextValue(attribute, e.Profile)?.Trim())
                .Where(v => !string.IsNullOrEmpty(v))
                .GroupBy(v => v!, StringComparer.OrdinalIgnoreCase)
                .Select(g => (Value: g.Key, Count: g.Count()))
                .Where(g => Varies(g.Count))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Value, StringComparer.Ordinal)
                .Take(MaximumValuesPerAttribute)
                .Select(g => new Feature(FeatureKind.Value, attribute, g.Value)));
        }
        foreach (var (attribute, bands) in Bands)
        {
            foreach (var (min, max) in bands)
            {
                var count = training.Count(e => FitRuleMatcher.NumericValue(attribute, e.Profile) is { } x && x >= min && (max is null || x < max));
                if (Varies(count)) features.Add(new Feature(FeatureKind.Band, attribute, Min: min, Max: max));
            }
        }
        features.AddRange(training
            .Select(e => e.Profile.EmailDomain)
            .Where(d => d.Length > 0)
            .GroupBy(d => d, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Domain: g.Key, Count: g.Count()))
            .Where(g => Varies(g.Count))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Domain, StringComparer.Ordinal)
            .Take(MaximumValuesPerAttribute)
            .Select(g => new Feature(FeatureKind.Domain, LeadAttribute.EmailDomain, g.Domain)));

        foreach (var type in Enum.GetValues<EngagementEventType>())
        {
            var halfLife = rules.EngagementRules.FirstOrDefault(r => r.EventType == type)?.HalfLifeDays;
            var sums = training.Select(e => DecayedCount(e.Events, type, e.CutOff, halfLife)).Where(s => s > 0).Order().ToList();
            if (!Varies(sums.Count)) continue;
            var cap = Math.Max(1, Math.Ceiling(sums[(int)Math.Min(sums.Count - 1, Math.Floor(CapQuantile * sums.Count))]));
            features.Add(new Feature(FeatureKind.Events, EventType: type, HalfLifeDays: halfLife, Cap: cap));
        }
        return new FeatureSpace(features);
    }

    /// <summary>The features of a lead with its events up to <paramref name="at"/> (events after it must already be left out).</summary>
    public float[] Vector(LeadProfile profile, IReadOnlyList<EventOccurrence> events, DateTime at)
    {
        var vector = new float[Count];
        Fill(profile, events, at, vector);
        return vector;
    }

    /// <summary>Writes the features into <paramref name="vector"/> (of <see cref="Count"/> zeros).</summary>
    public void Fill(LeadProfile profile, IReadOnlyList<EventOccurrence> events, DateTime at, Span<float> vector)
    {
        foreach (var (attribute, values) in _values)
        {
            var text = FitRuleMatcher.TextValue(attribute, profile)?.Trim();
            if (!string.IsNullOrEmpty(text) && values.TryGetValue(text, out var index)) vector[index] = 1;
        }
        foreach (var (attribute, bands) in _bands)
        {
            if (FitRuleMatcher.NumericValue(attribute, profile) is not { } x) continue;
            foreach (var (min, max, index) in bands)
                if (x >= min && (max is null || x < max)) vector[index] = 1;
        }
        if (_domains.Count > 0)
        {
            // The domain or any domain it is a subdomain of, as EmailDomainIn matches.
            for (var domain = profile.EmailDomain; domain.Length > 0;)
            {
                if (_domains.TryGetValue(domain, out var index)) vector[index] = 1;
                var dot = domain.IndexOf('.');
                domain = dot < 0 ? "" : domain[(dot + 1)..];
            }
        }
        foreach (var (type, index) in _events)
        {
            var feature = Features[index];
            vector[index] = (float)Math.Min(DecayedCount(events, type, at, feature.HalfLifeDays), feature.Cap!.Value);
        }
    }

    /// <summary>How many events of a type there were up to <paramref name="at"/>, each weighted as the scorer weighs it.</summary>
    public static double DecayedCount(IReadOnlyList<EventOccurrence> events, EngagementEventType type, DateTime at, double? halfLifeDays)
    {
        var sum = 0.0;
        foreach (var e in events)
            if (e.Type == type && e.OccurredAt <= at) sum += Decay.Factor(e.OccurredAt, at, halfLifeDays);
        return sum;
    }
}
