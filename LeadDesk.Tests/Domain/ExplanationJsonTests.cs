using System.Text;
using LeadDesk.Domain.Persistence;

namespace LeadDesk.Tests.Domain;

/// <summary>
/// The rescorer compares and writes explanations as bytes put together from each line's JSON; they must be exactly what
/// the lead's explanation column converter writes, or every rescore would rewrite every lead (or none).
/// </summary>
public sealed class ExplanationJsonTests
{
    private const string Awkward = "Empresa <10 \"micro\" + São Paulo & 'ünïcode' \\ 😀";

    public static TheoryData<ScoreLine[]> Explanations() => new()
    {
        Array.Empty<ScoreLine>(),
        new ScoreLine[] { new("fit-exec", "C-level or owner", ScoreComponent.Fit, 20, 1, false) },
        new ScoreLine[]
        {
            new("fit-size", Awkward, ScoreComponent.Fit, -5, 1, false),
            new("eng-demo", "Demo request", ScoreComponent.Engagement, 30, 3, true),
            new("fit-size", Awkward, ScoreComponent.Fit, -5, 1, false),
            new("eng-open", "Email opens", ScoreComponent.Engagement, 1, 12, false),
        },
    };

    [Theory]
    [MemberData(nameof(Explanations))]
    public void An_explanation_is_written_as_the_column_converter_writes_it(ScoreLine[] lines)
    {
        var written = new ExplanationJson().Write(lines);

        Assert.Equal(JsonColumn.Serialize<IReadOnlyList<ScoreLine>>(lines), Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Lines_written_before_are_reused_and_each_explanation_stands_alone()
    {
        var explanations = new ExplanationJson();
        var first = new ScoreLine[] { new("a", "A", ScoreComponent.Fit, 10, 1, false), new("b", "B", ScoreComponent.Engagement, 4, 2, false) };
        var second = new ScoreLine[] { new("b", "B", ScoreComponent.Engagement, 4, 2, false) };

        var one = Encoding.UTF8.GetString(explanations.Write(first));
        var two = Encoding.UTF8.GetString(explanations.Write(second));
        var again = Encoding.UTF8.GetString(explanations.Write(first));

        Assert.Equal(JsonColumn.Serialize<IReadOnlyList<ScoreLine>>(first), one);
        Assert.Equal(JsonColumn.Serialize<IReadOnlyList<ScoreLine>>(second), two);
        Assert.Equal(one, again);
    }
}
