namespace LeadDesk.Tests.Domain;

/// <summary>Fit and engagement scoring, decay, caps, the rule operators and the MQL definition.</summary>
public sealed class LeadScorerTests
{
    private static readonly DateTime Now = Leads.Now;
    private static readonly ScoringModelDefinition Default = DefaultScoringModel.Definition;

    private static EventOccurrence Ago(EngagementEventType type, double days) => new(type, Now.AddDays(-days));

    private static IEnumerable<EventOccurrence> Many(EngagementEventType type, int count, double daysAgo = 0) =>
        Enumerable.Range(0, count).Select(_ => Ago(type, daysAgo));

    private static ScoringModelDefinition EngagementOnly(EngagementEventType type, int points, double? halfLife, int? cap) => new()
    {
        EngagementRules = [new EngagementRule { Id = "r", Label = "rule", EventType = type, Points = points, HalfLifeDays = halfLife, Cap = cap }],
    };

    /// <summary>A marketing student on a free-mail address who downloads everything and attends every webinar.</summary>
    private static LeadProfile EngagedStudent => new()
    {
        FirstName = "Lucas", LastName = "Pereira", Email = "lucas.pereira@gmail.com", JobTitle = "Marketing student",
        Seniority = Seniority.Entry, Department = "Marketing", Company = "Universidade de São Paulo", Industry = "Education", Country = "BR",
    };

    private static IEnumerable<EventOccurrence> HeavyEngagement =>
    [
        .. Many(EngagementEventType.ContentDownload, 6, 1),
        .. Many(EngagementEventType.WebinarAttended, 3, 2),
        .. Many(EngagementEventType.PricingPageVisit, 4, 1),
        .. Many(EngagementEventType.PageVisit, 20, 1),
    ];

    // ---- explanation ------------------------------------------------------------------------------------------

    [Fact]
    public void Explanation_lines_add_up_to_fit_engagement_and_total()
    {
        var events = new[]
        {
            Ago(EngagementEventType.PricingPageVisit, 3), Ago(EngagementEventType.PricingPageVisit, 10),
            Ago(EngagementEventType.EmailOpen, 1), Ago(EngagementEventType.EmailClick, 40), Ago(EngagementEventType.DemoRequest, 5),
            Ago(EngagementEventType.CareersPageVisit, 2),
        };

        var score = LeadScorer.Score(Leads.Profile(), events, Default, Now);

        Assert.NotEmpty(score.Lines);
        Assert.Equal(score.Fit, score.Lines.Where(l => l.Component == ScoreComponent.Fit).Sum(l => l.Points));
        Assert.Equal(score.Engagement, score.Lines.Where(l => l.Component == ScoreComponent.Engagement).Sum(l => l.Points));
        Assert.Equal(score.Total, score.Lines.Sum(l => l.Points));
        Assert.Equal(score.Fit + score.Engagement, score.Total);
    }

    [Fact]
    public void The_fit_explanation_names_every_rule_that_fired_with_its_points()
    {
        var score = LeadScorer.Score(Leads.Profile(), [], Default, Now);

        // VP (15), Marketing (8), 250 employees (12), Software (10), BR (10), 40M revenue (8).
        Assert.Equal(
            [("fit-vp-director", 15), ("fit-department", 8), ("fit-size-mid", 12), ("fit-industry", 10), ("fit-country", 10), ("fit-revenue", 8)],
            score.Lines.Select(l => (l.RuleId, l.Points)));
        Assert.All(score.Lines, l => Assert.Equal(ScoreComponent.Fit, l.Component));
        Assert.Equal(63, score.Fit);
        Assert.Equal(0, score.Engagement);
    }

    [Fact]
    public void Engagement_lines_count_the_matching_events()
    {
        var score = LeadScorer.Score(Leads.Profile(), [.. Many(EngagementEventType.EmailOpen, 3)], Default, Now);

        var line = Assert.Single(score.Lines, l => l.Component == ScoreComponent.Engagement);
        Assert.Equal("eng-open", line.RuleId);
        Assert.Equal(3, line.Matches);
        Assert.Equal(3, line.Points);
        Assert.False(line.Capped);
    }

    [Fact]
    public void Events_without_a_rule_score_nothing()
    {
        var model = EngagementOnly(EngagementEventType.DemoRequest, 30, null, null);

        var score = LeadScorer.Score(Leads.Profile(), [.. Many(EngagementEventType.PageVisit, 5)], model, Now);

        Assert.Equal(0, score.Engagement);
        Assert.Empty(score.Lines);
    }

    // ---- decay ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(14, 0.5)]
    [InlineData(28, 0.25)]
    [InlineData(42, 0.125)]
    [InlineData(7, 0.70710678118654757)]
    public void Decay_factor_halves_every_half_life(double ageDays, double expected)
    {
        Assert.Equal(expected, Decay.Factor(Now.AddDays(-ageDays), Now, 14), 12);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    public void Without_a_positive_half_life_events_never_fade(double? halfLife)
    {
        Assert.Equal(1.0, Decay.Factor(Now.AddDays(-365), Now, halfLife));
    }

    [Fact]
    public void An_event_dated_in_the_future_counts_in_full_and_no_more()
    {
        Assert.Equal(1.0, Decay.Factor(Now.AddDays(2), Now, 14));
    }

    [Fact]
    public void The_scorer_counts_an_event_half_at_its_half_life()
    {
        var model = EngagementOnly(EngagementEventType.DemoRequest, 30, 45, null);

        var fresh = LeadScorer.Score(Leads.Profile(), [Ago(EngagementEventType.DemoRequest, 0)], model, Now);
        var halfLife = LeadScorer.Score(Leads.Profile(), [Ago(EngagementEventType.DemoRequest, 45)], model, Now);
        var twoHalfLives = LeadScorer.Score(Leads.Profile(), [Ago(EngagementEventType.DemoRequest, 90)], model, Now);

        Assert.Equal(30, fresh.Engagement);
        Assert.Equal(15, halfLife.Engagement);
        Assert.Equal(8, twoHalfLives.Engagement); // 7.5 rounds away from zero
    }

    [Fact]
    public void The_default_model_halves_a_pricing_visit_after_21_days()
    {
        var fresh = LeadScorer.Score(Leads.Profile(), [Ago(EngagementEventType.PricingPageVisit, 0)], Default, Now);
        var old = LeadScorer.Score(Leads.Profile(), [Ago(EngagementEventType.PricingPageVisit, 21)], Default, Now);

        Assert.Equal(10, fresh.Engagement);
        Assert.Equal(5, old.Engagement);
    }

    // ---- caps -------------------------------------------------------------------------------------------------

    [Fact]
    public void Many_events_never_exceed_the_cap()
    {
        var score = LeadScorer.Score(Leads.Profile(), [.. Many(EngagementEventType.PageVisit, 500)], Default, Now);

        var line = Assert.Single(score.Lines, l => l.RuleId == "eng-page");
        Assert.Equal(10, line.Points);
        Assert.True(line.Capped);
        Assert.Equal(500, line.Matches);
        Assert.Equal(10, score.Engagement);
    }

    [Fact]
    public void Events_below_the_cap_are_not_marked_capped()
    {
        var score = LeadScorer.Score(Leads.Profile(), [.. Many(EngagementEventType.PricingPageVisit, 2)], Default, Now);

        var line = Assert.Single(score.Lines, l => l.RuleId == "eng-pricing");
        Assert.Equal(20, line.Points);
        Assert.False(line.Capped);
    }

    [Fact]
    public void Negative_engagement_is_capped_at_minus_the_cap()
    {
        var score = LeadScorer.Score(Leads.Profile(),
            [.. Many(EngagementEventType.CareersPageVisit, 8), .. Many(EngagementEventType.Unsubscribe, 3)], Default, Now);

        var careers = Assert.Single(score.Lines, l => l.RuleId == "eng-careers");
        var unsubscribe = Assert.Single(score.Lines, l => l.RuleId == "eng-unsubscribe");
        Assert.Equal(-20, careers.Points);
        Assert.True(careers.Capped);
        Assert.Equal(-20, unsubscribe.Points);
        Assert.True(unsubscribe.Capped);
        Assert.Equal(-40, score.Engagement);
    }

    [Fact]
    public void A_rule_without_a_cap_keeps_adding()
    {
        var model = EngagementOnly(EngagementEventType.EmailClick, 3, null, null);

        var score = LeadScorer.Score(Leads.Profile(), [.. Many(EngagementEventType.EmailClick, 100)], model, Now);

        Assert.Equal(300, score.Engagement);
        Assert.False(score.Lines.Single().Capped);
    }

    // ---- negative fit -----------------------------------------------------------------------------------------

    [Fact]
    public void A_free_mail_address_scores_negative()
    {
        var business = LeadScorer.Score(Leads.Profile(), [], Default, Now);
        var freeMail = LeadScorer.Score(Leads.Profile("ana.silva@gmail.com"), [], Default, Now);

        Assert.Equal(-15, Assert.Single(freeMail.Lines, l => l.RuleId == "fit-freemail").Points);
        Assert.Equal(business.Fit - 15, freeMail.Fit);
    }

    [Fact]
    public void A_competitor_domain_scores_negative()
    {
        var competitor = LeadScorer.Score(Leads.Profile("spy@hubspot.com"), [], Default, Now);

        Assert.Equal(-60, Assert.Single(competitor.Lines, l => l.RuleId == "fit-competitor").Points);
        Assert.DoesNotContain(competitor.Lines, l => l.RuleId == "fit-freemail");
        Assert.Equal(63 - 60, competitor.Fit);
    }

    [Fact]
    public void A_student_scores_negative()
    {
        var student = LeadScorer.Score(Leads.Profile() with { JobTitle = "Estudiante de marketing" }, [], Default, Now);

        Assert.Equal(-30, Assert.Single(student.Lines, l => l.RuleId == "fit-student").Points);
        Assert.Equal(63 - 30, student.Fit);
    }

    [Fact]
    public void A_micro_company_scores_negative()
    {
        var micro = LeadScorer.Score(Leads.Profile() with { CompanySize = 4 }, [], Default, Now);

        Assert.Equal(-5, Assert.Single(micro.Lines, l => l.RuleId == "fit-size-micro").Points);
        Assert.DoesNotContain(micro.Lines, l => l.RuleId == "fit-size-mid");
    }

    // ---- rule operators ---------------------------------------------------------------------------------------

    private static FitRule Rule(LeadAttribute attribute, RuleOperator op, params string[] values) =>
        new() { Id = "r", Label = "rule", Attribute = attribute, Operator = op, Values = values, Points = 1 };

    private static FitRule Range(LeadAttribute attribute, double? min, double? max) =>
        new() { Id = "r", Label = "rule", Attribute = attribute, Operator = RuleOperator.Range, Min = min, Max = max, Points = 1 };

    [Theory]
    [InlineData("Software", true)]
    [InlineData("software", true)]
    [InlineData("SOFTWARE", true)]
    [InlineData("Software Services", false)]
    [InlineData("Retail", false)]
    public void Equals_matches_the_first_value_ignoring_case(string industry, bool expected)
    {
        var rule = Rule(LeadAttribute.Industry, RuleOperator.Equals, " Software ", "Retail");

        Assert.Equal(expected, FitRuleMatcher.Matches(rule, Leads.Profile() with { Industry = industry }));
    }

    [Fact]
    public void Equals_and_InList_never_match_a_missing_attribute()
    {
        var profile = Leads.Profile() with { Industry = null, Seniority = Seniority.Unknown };

        Assert.False(FitRuleMatcher.Matches(Rule(LeadAttribute.Industry, RuleOperator.Equals, ""), profile));
        Assert.False(FitRuleMatcher.Matches(Rule(LeadAttribute.Industry, RuleOperator.InList, "Software", ""), profile));
        Assert.False(FitRuleMatcher.Matches(Rule(LeadAttribute.Seniority, RuleOperator.InList, "Unknown"), profile));
    }

    [Theory]
    [InlineData("US", true)]
    [InlineData("br", true)]
    [InlineData("DE", true)]
    [InlineData("JP", false)]
    public void InList_matches_any_value_ignoring_case(string country, bool expected)
    {
        var rule = Rule(LeadAttribute.Country, RuleOperator.InList, "US", "BR", "de");

        Assert.Equal(expected, FitRuleMatcher.Matches(rule, Leads.Profile() with { Country = country }));
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(51, true)]
    [InlineData(999, true)]
    [InlineData(1000, false)]
    public void Range_includes_its_minimum_and_excludes_its_maximum(int size, bool expected)
    {
        var rule = Range(LeadAttribute.CompanySize, 50, 1000);

        Assert.Equal(expected, FitRuleMatcher.Matches(rule, Leads.Profile() with { CompanySize = size }));
    }

    [Fact]
    public void Range_bands_written_one_after_another_never_overlap()
    {
        var mid = Range(LeadAttribute.CompanySize, 50, 1000);
        var enterprise = Range(LeadAttribute.CompanySize, 1000, null);

        foreach (var size in new[] { 0, 49, 50, 999, 1000, 1001, 100_000 })
        {
            var profile = Leads.Profile() with { CompanySize = size };
            Assert.False(FitRuleMatcher.Matches(mid, profile) && FitRuleMatcher.Matches(enterprise, profile), $"size {size} is in both bands");
        }
        Assert.True(FitRuleMatcher.Matches(enterprise, Leads.Profile() with { CompanySize = 1000 }));
        Assert.True(FitRuleMatcher.Matches(enterprise, Leads.Profile() with { CompanySize = 1_000_000 }));
    }

    [Fact]
    public void Range_with_no_minimum_is_open_below_and_never_matches_a_missing_number()
    {
        var rule = Range(LeadAttribute.AnnualRevenue, null, 1_000_000);

        Assert.True(FitRuleMatcher.Matches(rule, Leads.Profile() with { AnnualRevenue = 0 }));
        Assert.True(FitRuleMatcher.Matches(rule, Leads.Profile() with { AnnualRevenue = 999_999 }));
        Assert.False(FitRuleMatcher.Matches(rule, Leads.Profile() with { AnnualRevenue = 1_000_000 }));
        Assert.False(FitRuleMatcher.Matches(rule, Leads.Profile() with { AnnualRevenue = null }));
    }

    [Theory]
    [InlineData("Marketing Student", true)]
    [InlineData("STUDENT", true)]
    [InlineData("Summer intern, sales", true)]
    [InlineData("Head of Marketing", false)]
    public void Contains_matches_any_value_inside_the_text_ignoring_case(string title, bool expected)
    {
        var rule = Rule(LeadAttribute.JobTitle, RuleOperator.Contains, "student", "Intern", "  ");

        Assert.Equal(expected, FitRuleMatcher.Matches(rule, Leads.Profile() with { JobTitle = title }));
    }

    [Theory]
    [InlineData("ana@gmail.com", true)]
    [InlineData("ana@GMAIL.com", true)]
    [InlineData("ana@mail.gmail.com", true)]
    [InlineData("ana@eu.mail.gmail.com", true)]
    [InlineData("ana@notgmail.com", false)]
    [InlineData("ana@gmail.com.br", false)]
    [InlineData("ana@acme.com", false)]
    [InlineData("ana@uol.com.br", true)]
    public void EmailDomainIn_matches_the_domain_and_its_subdomains_only(string email, bool expected)
    {
        var rule = Rule(LeadAttribute.EmailDomain, RuleOperator.EmailDomainIn, "gmail.com", "@UOL.com.br");

        Assert.Equal(expected, FitRuleMatcher.Matches(rule, Leads.Profile(email)));
    }

    [Fact]
    public void Seniority_rules_read_the_seniority_by_name()
    {
        var rule = Rule(LeadAttribute.Seniority, RuleOperator.InList, "Executive", "Owner");

        Assert.True(FitRuleMatcher.Matches(rule, Leads.Profile() with { Seniority = Seniority.Owner }));
        Assert.False(FitRuleMatcher.Matches(rule, Leads.Profile() with { Seniority = Seniority.VicePresident }));
    }

    // ---- MQL definition ---------------------------------------------------------------------------------------

    [Fact]
    public void An_engaged_student_who_downloaded_reports_is_not_an_MQL()
    {
        var score = LeadScorer.Score(EngagedStudent, HeavyEngagement, Default, Now);

        var mql = LeadScorer.CheckMql(score, Default.Mql);

        Assert.True(score.Engagement >= Default.Mql.Threshold, $"engagement {score.Engagement} should be high on its own");
        Assert.True(score.Fit < Default.Mql.MinimumFit);
        Assert.Contains(score.Lines, l => l.RuleId == "fit-student");
        Assert.False(mql.FitMet);
        Assert.False(mql.Meets);
    }

    [Fact]
    public void A_senior_engaged_well_fitting_lead_is_an_MQL()
    {
        var events = new[] { Ago(EngagementEventType.PricingPageVisit, 2), Ago(EngagementEventType.PricingPageVisit, 1), Ago(EngagementEventType.DemoRequest, 0) };
        var score = LeadScorer.Score(Leads.Profile(), events, Default, Now);

        var mql = LeadScorer.CheckMql(score, Default.Mql);

        Assert.True(mql.TotalMet);
        Assert.True(mql.FitMet);
        Assert.Empty(mql.MissingRuleIds);
        Assert.True(mql.Meets);
    }

    [Fact]
    public void A_well_fitting_lead_that_did_nothing_is_not_an_MQL()
    {
        var fitOnly = new ScoringModelDefinition { FitRules = Default.FitRules, EngagementRules = Default.EngagementRules, Mql = new MqlDefinition { Threshold = 80, MinimumFit = 25 } };
        var score = LeadScorer.Score(Leads.Profile(), [], fitOnly, Now);

        var mql = LeadScorer.CheckMql(score, fitOnly.Mql);

        Assert.True(mql.FitMet);
        Assert.False(mql.TotalMet);
        Assert.False(mql.Meets);
    }

    [Fact]
    public void The_thresholds_are_inclusive()
    {
        var score = new ScoreResult(25, 35, []);

        Assert.True(LeadScorer.CheckMql(score, new MqlDefinition { Threshold = 60, MinimumFit = 25 }).Meets);
        Assert.False(LeadScorer.CheckMql(score, new MqlDefinition { Threshold = 61, MinimumFit = 25 }).Meets);
        Assert.False(LeadScorer.CheckMql(score, new MqlDefinition { Threshold = 60, MinimumFit = 26 }).Meets);
    }

    [Fact]
    public void A_required_rule_that_did_not_fire_keeps_a_lead_from_MQL()
    {
        var definition = new MqlDefinition { Threshold = 60, MinimumFit = 25, RequiredRuleIds = ["eng-demo", "fit-country"] };
        var pricingOnly = LeadScorer.Score(Leads.Profile(), [.. Many(EngagementEventType.PricingPageVisit, 3)], Default, Now);

        var mql = LeadScorer.CheckMql(pricingOnly, definition);

        Assert.True(mql.TotalMet);
        Assert.True(mql.FitMet);
        Assert.Equal(["eng-demo"], mql.MissingRuleIds);
        Assert.False(mql.Meets);

        var withDemo = LeadScorer.Score(Leads.Profile(), [.. Many(EngagementEventType.PricingPageVisit, 3), Ago(EngagementEventType.DemoRequest, 1)], Default, Now);
        Assert.True(LeadScorer.CheckMql(withDemo, definition).Meets);

        var abroad = LeadScorer.Score(Leads.Profile() with { Country = "JP" }, [.. Many(EngagementEventType.DemoRequest, 1), .. Many(EngagementEventType.PricingPageVisit, 3)], Default, Now);
        Assert.Equal(["fit-country"], LeadScorer.CheckMql(abroad, definition).MissingRuleIds);
    }
}
