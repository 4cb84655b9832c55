namespace LeadDesk.Tests.Domain;

/// <summary>The key of a score's rules, by which the dashboard groups leads (<see cref="Lead.ScoreRulesKey"/>).</summary>
public sealed class ScoreRuleTests
{
    private static ScoreLine Line(string id, string label, int points = 10) => new(id, label, ScoreComponent.Fit, points, 1, false);

    [Fact]
    public void The_same_rules_have_the_same_key_whatever_their_order_points_or_repeated_lines()
    {
        var one = ScoreRule.KeyOf([Line("title", "VP or director"), Line("size", "Mid-size"), Line("size", "Mid-size", 3)]);
        var other = ScoreRule.KeyOf([Line("size", "Mid-size", 8), Line("title", "VP or director", 15)]);

        Assert.Equal(one, other);
        Assert.Equal([new ScoreRule("title", "VP or director"), new ScoreRule("size", "Mid-size")],
            ScoreRule.Of([Line("title", "VP or director"), Line("size", "Mid-size"), Line("size", "Mid-size", 3)]));
    }

    [Fact]
    public void Another_rule_or_a_renamed_one_changes_the_key()
    {
        var key = ScoreRule.KeyOf([Line("title", "VP or director")]);

        Assert.NotEqual(key, ScoreRule.KeyOf([Line("title", "VP or Director")]));
        Assert.NotEqual(key, ScoreRule.KeyOf([Line("title", "VP or director"), Line("size", "Mid-size")]));
        Assert.NotEqual(ScoreRule.KeyOf([Line("ab", "c")]), ScoreRule.KeyOf([Line("a", "bc")]));
    }

    [Fact]
    public void An_explanation_without_lines_has_key_zero_and_the_key_fits_63_bits()
    {
        Assert.Equal(0, ScoreRule.KeyOf([]));
        Assert.InRange(ScoreRule.KeyOf(Enumerable.Range(0, 40).Select(i => Line($"rule-{i}", $"Rule {i}"))), 0, long.MaxValue);
    }

    [Fact]
    public void Scoring_a_lead_keeps_the_key_of_its_explanation()
    {
        var lead = Leads.New();
        var lines = new[] { Line("title", "VP or director"), Line("size", "Mid-size") };
        lead.ApplyScore(new ScoreResult(20, 0, lines), 1, Leads.Now);

        Assert.Equal(ScoreRule.KeyOf(lines), lead.ScoreRulesKey);
    }
}
