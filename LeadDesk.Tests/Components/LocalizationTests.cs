using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using LeadDesk.App.Resources;
using LeadDesk.Domain.Qualification;

namespace LeadDesk.Tests.Components;

/// <summary>Every user-visible string exists in English, Spanish and Portuguese (Brazil).</summary>
public sealed partial class LocalizationTests
{
    private static readonly string[] Cultures = ["es", "pt-BR"];

    public static TheoryData<string> ResourceTypes() =>
        new(typeof(SharedText).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(SharedText).Namespace && t.Name.EndsWith("Text", StringComparison.Ordinal))
            .Select(t => t.Name));

    [Theory]
    [MemberData(nameof(ResourceTypes))]
    public void Every_key_has_a_translation_in_every_language(string typeName)
    {
        var english = Strings(typeName, CultureInfo.InvariantCulture);
        Assert.NotEmpty(english);
        foreach (var culture in Cultures)
        {
            var translated = Strings(typeName, new CultureInfo(culture));
            Assert.Empty(english.Keys.Except(translated.Keys).Select(k => $"{culture} lacks {typeName}:{k}"));
            Assert.Empty(translated.Keys.Except(english.Keys).Select(k => $"{culture} has an unused {typeName}:{k}"));
            Assert.Empty(translated.Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{culture} leaves {typeName}:{p.Key} empty"));
        }
    }

    [Fact]
    public void Every_key_a_component_asks_for_exists()
    {
        var missing = new List<string>();
        var root = Path.Combine(RepositoryRoot.Path, "LeadDesk.App", "Components");
        foreach (var file in Directory.EnumerateFiles(root, "*.razor", SearchOption.AllDirectories))
        {
            var source = File.ReadAllText(file);
            foreach (Match injection in Injection().Matches(source))
            {
                var (type, variable) = (injection.Groups["type"].Value, injection.Groups["var"].Value);
                var keys = Strings(type, CultureInfo.InvariantCulture);
                foreach (Match use in new Regex($@"\b{variable}\[""(?<key>[^""{{}}]+)""\]").Matches(source))
                {
                    if (!keys.ContainsKey(use.Groups["key"].Value))
                        missing.Add($"{Path.GetRelativePath(root, file)}: {type}:{use.Groups["key"].Value}");
                }
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_stage_status_verb_reason_seniority_and_event_has_a_name()
    {
        var shared = Strings(nameof(SharedText), CultureInfo.InvariantCulture);
        var expected = Enum.GetNames<LifecycleStage>().Select(n => $"Stage.{n}")
            .Concat(Enum.GetNames<LeadStatus>().Select(n => $"Status.{n}"))
            .Concat(Enum.GetNames<LifecycleVerb>().Select(n => $"Verb.{n}"))
            .Concat(Enum.GetNames<ReasonCode>().Select(n => $"Reason.{n}"))
            .Concat(Enum.GetNames<Seniority>().Select(n => $"Seniority.{n}"))
            .Concat(Enum.GetNames<EngagementEventType>().Select(n => $"Event.{n}"))
            .Concat(Enum.GetNames<ScoreComponent>().Select(n => $"Score.{n}"));
        Assert.All(expected, key => Assert.True(shared.ContainsKey(key), $"SharedText has no {key}"));
    }

    [Fact]
    public void Every_training_status_step_predictor_and_exclusion_reason_has_a_name()
    {
        var insights = Strings(nameof(InsightsText), CultureInfo.InvariantCulture);
        var expected = Enum.GetNames<LeadDesk.Domain.Insights.TrainingStatus>().Select(n => $"Run.{n}")
            .Concat(Enum.GetNames<LeadDesk.Domain.Insights.TrainingStep>().Select(n => $"Step.{n}"))
            .Concat(Enum.GetNames<LeadDesk.Domain.Insights.PredictorKind>().Select(n => $"Predictor.{n}"))
            .Concat(Enum.GetNames<LeadDesk.Domain.Insights.ExclusionReason>().SelectMany(n => new[] { $"Reason.{n}", $"ReasonHelp.{n}" }));
        Assert.All(expected, key => Assert.True(insights.ContainsKey(key), $"InsightsText has no {key}"));
    }

    private static Dictionary<string, string> Strings(string typeName, CultureInfo culture)
    {
        var manager = new ResourceManager($"{typeof(SharedText).Namespace}.{typeName}", typeof(SharedText).Assembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set?.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "") ?? [];
    }

    [GeneratedRegex(@"@inject\s+IStringLocalizer<(?<type>\w+)>\s+(?<var>\w+)")]
    private static partial Regex Injection();
}
