using CsCheck;

namespace LeadDesk.Tests.Domain;

/// <summary>Properties of <see cref="LeadScorer"/> that must hold for any profile, any events and any model.</summary>
public sealed class ScoringPropertiesTests
{
    private static readonly DateTime Now = Leads.Now;
    private const long Iterations = 2_000;

    // ---- generators -------------------------------------------------------------------------------------------

    private static Gen<T?> OrNull<T>(Gen<T> gen) where T : struct =>
        Gen.Select(Gen.Int[0, 4], gen, (n, v) => n == 0 ? (T?)null : v);

    private static Gen<string?> OrNullText(Gen<string> gen) =>
        Gen.Select(Gen.Int[0, 4], gen, (n, v) => n == 0 ? null : v);

    private static readonly Gen<string> Domain = Gen.OneOf("acme.com", "gmail.com", "mail.gmail.com", "hubspot.com", "uol.com.br", "corp.example.org", "uni.edu");

    private static readonly Gen<LeadProfile> Profile =
        Gen.Select(
            Gen.Enum<Seniority>(),
            OrNullText(Gen.OneOf("VP Sales", "Marketing student", "Intern", "CEO", "Analyst", "Head of Ops")),
            OrNullText(Gen.OneOf("Marketing", "Sales", "Operations", "Finance", "IT")),
            OrNull(Gen.Int[0, 20_000]),
            OrNullText(Gen.OneOf("Software", "Retail", "Education", "Mining")),
            OrNullText(Gen.OneOf("US", "BR", "JP", "DE", "ZA")),
            OrNull(Gen.Long[0, 100_000_000]),
            Domain,
            (seniority, title, department, size, industry, country, revenue, domain) => new LeadProfile
            {
                FirstName = "Test", LastName = "Lead", Email = $"someone@{domain}", Seniority = seniority, JobTitle = title,
                Department = department, CompanySize = size, Industry = industry, Country = country, AnnualRevenue = revenue,
            });

    /// <summary>Ages are mostly arbitrary, sometimes exact multiples of common half-lives so rounding sits on .5.</summary>
    private static readonly Gen<double> AgeDays = Gen.Frequency<double>(
        (3, Gen.Double[0, 400]),
        (1, Gen.OneOf(0.0, 7.0, 14.0, 21.0, 28.0, 30.0, 42.0, 45.0, 60.0, 90.0)));

    private static readonly Gen<EventOccurrence> Event =
        Gen.Select(Gen.Enum<EngagementEventType>(), AgeDays, (type, age) => new EventOccurrence(type, Now.AddDays(-age)));

    private static readonly Gen<EventOccurrence[]> Events = Event.Array[0, 60];

    private static readonly Gen<FitRule> FitRuleGen =
        Gen.Select(
            Gen.Enum<LeadAttribute>(),
            Gen.Enum<RuleOperator>(),
            Gen.Int[-60, 60],
            Gen.OneOf("Software", "Marketing", "US", "BR", "student", "intern", "gmail.com", "hubspot.com", "VicePresident", "Owner", "acme.com").Array[0, 4],
            OrNull(Gen.Double[0, 5_000]),
            OrNull(Gen.Double[0, 50_000_000]),
            (attribute, op, points, values, min, max) => new FitRule
            {
                Id = "fit", Label = "fit", Attribute = attribute, Operator = op, Points = points, Values = values, Min = min, Max = max,
            });

    private static readonly Gen<EngagementRule> EngagementRuleGen =
        Gen.Select(
            Gen.Enum<EngagementEventType>(),
            Gen.Int[-30, 30],
            OrNull(Gen.Frequency<double>((1, Gen.OneOf(7.0, 14.0, 21.0, 30.0, 45.0)), (1, Gen.Double[0.5, 120]))),
            OrNull(Gen.Int[0, 60]),
            (type, points, halfLife, cap) => new EngagementRule
            {
                Id = "eng", Label = "eng", EventType = type, Points = points, HalfLifeDays = halfLife, Cap = cap,
            });

    /// <summary>Random models, with unique rule ids so each line can be traced back to its rule; sometimes the shipped model.</summary>
    private static readonly Gen<ScoringModelDefinition> Model = Gen.Frequency<ScoringModelDefinition>(
        (1, Gen.Const(DefaultScoringModel.Definition)),
        (4, Gen.Select(FitRuleGen.Array[0, 12], EngagementRuleGen.Array[0, 14], (fit, engagement) => new ScoringModelDefinition
        {
            FitRules = [.. fit.Select((r, i) => r with { Id = $"fit-{i}" })],
            EngagementRules = [.. engagement.Select((r, i) => r with { Id = $"eng-{i}" })],
            Mql = new MqlDefinition { Threshold = 60, MinimumFit = 25 },
        })));

    private static readonly Gen<(LeadProfile Profile, EventOccurrence[] Events, ScoringModelDefinition Model)> Case =
        Gen.Select(Profile, Events, Model);

    // ---- properties -------------------------------------------------------------------------------------------

    [Fact]
    public void Explanation_lines_always_sum_to_the_score()
    {
        Case.Sample((profile, events, model) =>
        {
            var score = LeadScorer.Score(profile, events, model, Now);
            Assert.Equal(score.Fit, score.Lines.Where(l => l.Component == ScoreComponent.Fit).Sum(l => l.Points));
            Assert.Equal(score.Engagement, score.Lines.Where(l => l.Component == ScoreComponent.Engagement).Sum(l => l.Points));
            Assert.Equal(score.Total, score.Lines.Sum(l => l.Points));
            Assert.All(score.Lines, l => Assert.NotEqual(0, l.Points));
        }, iter: Iterations);
    }

    [Fact]
    public void Total_is_always_fit_plus_engagement()
    {
        Case.Sample((profile, events, model) =>
        {
            var score = LeadScorer.Score(profile, events, model, Now);
            Assert.Equal(score.Fit + score.Engagement, score.Total);
        }, iter: Iterations);
    }

    [Fact]
    public void Adding_an_event_of_a_positive_points_type_never_lowers_engagement()
    {
        Gen.Select(Case, Event).Sample((c, extra) =>
        {
            var (profile, events, model) = c;
            var positiveTypes = Enum.GetValues<EngagementEventType>()
                .Where(t => model.EngagementRules.Any(r => r.EventType == t) && model.EngagementRules.Where(r => r.EventType == t).All(r => r.Points > 0))
                .ToList();
            if (positiveTypes.Count == 0) return;
            var added = extra with { Type = positiveTypes[(int)extra.Type % positiveTypes.Count] };

            var before = LeadScorer.Score(profile, events, model, Now);
            var after = LeadScorer.Score(profile, [.. events, added], model, Now);

            Assert.True(after.Engagement >= before.Engagement, $"engagement fell from {before.Engagement} to {after.Engagement} after a {added.Type}");
            Assert.Equal(before.Fit, after.Fit);
        }, iter: Iterations);
    }

    [Fact]
    public void No_engagement_rule_contributes_more_than_its_cap_in_either_direction()
    {
        Case.Sample((profile, events, model) =>
        {
            var score = LeadScorer.Score(profile, events, model, Now);
            foreach (var line in score.Lines.Where(l => l.Component == ScoreComponent.Engagement))
            {
                var rule = model.EngagementRules.Single(r => r.Id == line.RuleId);
                Assert.Equal(Math.Sign(rule.Points), Math.Sign(line.Points));
                if (rule.Cap is { } cap)
                {
                    Assert.True(Math.Abs(line.Points) <= cap, $"{line.RuleId} added {line.Points} with cap {cap}");
                    if (line.Capped) Assert.Equal(cap, Math.Abs(line.Points));
                }
                else Assert.False(line.Capped);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void A_rule_with_many_fresh_events_reaches_exactly_its_cap()
    {
        Gen.Select(EngagementRuleGen, Gen.Int[1, 200]).Sample((rule, count) =>
        {
            if (rule.Points == 0 || rule.Cap is not { } cap || cap == 0 || count * Math.Abs(rule.Points) <= cap) return;
            var model = new ScoringModelDefinition { EngagementRules = [rule] };
            var events = Enumerable.Repeat(new EventOccurrence(rule.EventType, Now), count);

            var score = LeadScorer.Score(Leads.Profile(), events, model, Now);

            Assert.Equal(Math.Sign(rule.Points) * cap, score.Engagement);
        }, iter: Iterations);
    }

    [Fact]
    public void The_score_does_not_depend_on_the_order_of_the_events()
    {
        Gen.Select(Case, Gen.Int).Sample((c, seed) =>
        {
            var (profile, events, model) = c;
            var shuffled = events.ToArray();
            new Random(seed).Shuffle(shuffled);

            var original = LeadScorer.Score(profile, events, model, Now);
            var reordered = LeadScorer.Score(profile, shuffled, model, Now);

            Assert.Equal(original.Fit, reordered.Fit);
            Assert.Equal(original.Engagement, reordered.Engagement);
            Assert.Equal(original.Lines, reordered.Lines);
        }, iter: Iterations);
    }

    [Fact]
    public void Fit_does_not_depend_on_events_and_engagement_does_not_depend_on_the_profile()
    {
        Gen.Select(Case, Profile).Sample((c, otherProfile) =>
        {
            var (profile, events, model) = c;
            var score = LeadScorer.Score(profile, events, model, Now);

            Assert.Equal(score.Fit, LeadScorer.Score(profile, [], model, Now).Fit);
            Assert.Equal(score.Engagement, LeadScorer.Score(otherProfile, events, model, Now).Engagement);
        }, iter: Iterations);
    }
}
