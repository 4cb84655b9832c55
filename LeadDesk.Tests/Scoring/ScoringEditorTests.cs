using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using LeadDesk.Tests.Handoff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Scoring;

/// <summary>The scoring model editor on a real SQLite database: preview, save with rescoring, restore, and who may do what.</summary>
public sealed class ScoringEditorTests : IAsyncLifetime
{
    private static readonly Caller Marketer = new(Leads.Marketer.UserId, Leads.Marketer.Name, new HashSet<string> { Roles.Marketing });
    private static readonly Caller Manager = new("manager-1", "Maria Manager", new HashSet<string> { Roles.Manager });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private readonly RecordingNotifier _notifier = new();
    private TestDatabase _database = default!;
    private ScoringEditor _editor = default!;
    private Rescorer _rescorer = default!;
    private ScoringService _scoring = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_clock);
        _scoring = new ScoringService(_database.Contexts, _clock);
        _editor = new ScoringEditor(_database.Contexts, _clock, new RescoreSignal());
        _rescorer = new Rescorer(_database.Contexts, _scoring, _notifier, new JobLeases(_database.Contexts, _clock), _clock, NullLogger<Rescorer>.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static ScoringModelDefinition Default => DefaultScoringModel.Definition;

    /// <summary>Forty leads of mixed fit and engagement, scored with the default model as the app would have.</summary>
    private async Task<List<Lead>> SeedAsync()
    {
        var model = await _scoring.GetActiveModelAsync();
        var leads = new List<Lead>();
        var seniorities = new[] { Seniority.Entry, Seniority.Manager, Seniority.Director, Seniority.Executive };
        for (var i = 0; i < 40; i++)
        {
            var profile = Leads.Profile($"lead{i}@acme{i % 3}.com", $"Lead{i}", "Test") with
            {
                Seniority = seniorities[i % 4], CompanySize = 10 + i * 37, Country = i % 2 == 0 ? "BR" : "JP", Department = i % 5 == 0 ? "IT" : "Marketing",
            };
            var lead = Lead.Create(profile, Leads.Now.AddDays(-60 + i));
            for (var e = 0; e < i % 6; e++) lead.RecordEvent(EngagementEventType.PricingPageVisit, Leads.Now.AddDays(-e - 1), "/pricing");
            if (i % 7 == 0) lead.RecordEvent(EngagementEventType.DemoRequest, Leads.Now.AddDays(-2), "/demo");
            _scoring.Rescore(lead, model);
            leads.Add(lead);
        }
        await using var db = _database.NewContext();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync();
        return leads;
    }

    private async Task<List<Lead>> LoadAllAsync()
    {
        await using var db = _database.NewContext();
        return await db.Leads.Include(l => l.Events).Include(l => l.Decisions).OrderBy(l => l.Id).ToListAsync();
    }

    [Fact]
    public async Task The_preview_equals_a_recount_of_every_lead_with_the_draft()
    {
        await SeedAsync();
        var draft = Default with { Mql = Default.Mql with { Threshold = 45 } };

        var preview = await _editor.PreviewAsync(Marketer, draft);

        var leads = await LoadAllAsync();
        var recount = leads.Select(l => (Lead: l, Score: LeadScorer.Score(l.Profile, l.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), draft, Leads.Now))).ToList();
        bool Meets(ScoreResult s) => LeadScorer.CheckMql(s, draft.Mql).Meets;
        Assert.Equal(leads.Count, preview.LeadsScored);
        Assert.Equal(recount.Count(r => Meets(r.Score) && r.Lead.Stage is LifecycleStage.Lead or LifecycleStage.Nurture or LifecycleStage.MQL), preview.WouldBeMql);
        Assert.Equal(leads.Count(l => l.Stage == LifecycleStage.MQL), preview.CurrentMqls);
        var entering = recount.Where(r => Meets(r.Score) && r.Lead.Stage is LifecycleStage.Lead or LifecycleStage.Nurture).Select(r => r.Lead.Id).ToList();
        Assert.NotEmpty(entering);
        Assert.Equal(entering, preview.Entering.Select(l => l.Id));
        Assert.Equal(entering.Count, preview.EnterCount);
        Assert.Equal(leads.Count, preview.Histogram.Sum(b => b.Draft));
        Assert.Equal(leads.Count, preview.Histogram.Sum(b => b.Current));
        Assert.Equal(recount.Count(r => r.Score.Total is >= 40 and < 50), preview.Histogram.Single(b => b.From == 40).Draft);
    }

    [Fact]
    public async Task Raising_the_threshold_shows_which_MQLs_would_drop_out()
    {
        var leads = await SeedAsync();
        var mqls = leads.Where(l => l.Stage == LifecycleStage.MQL).ToList();
        Assert.NotEmpty(mqls);

        var preview = await _editor.PreviewAsync(Marketer, Default with { Mql = Default.Mql with { Threshold = 95 } });

        var expected = mqls.Where(l => l.TotalScore < 95).Select(l => l.Id).ToList();
        Assert.Equal(expected, preview.DropOuts.Select(d => d.Id));
        Assert.Equal(0, preview.EnterCount);
    }

    [Fact]
    public async Task Saving_adds_a_version_and_the_run_rescores_every_lead_promoting_those_that_now_qualify()
    {
        await SeedAsync();
        var draft = Default with
        {
            FitRules = [.. Default.FitRules.Select(r => r.Id == "fit-country" ? r with { Points = 25 } : r)],
            Mql = Default.Mql with { Threshold = 45 },
        };
        var preview = await _editor.PreviewAsync(Marketer, draft);

        var saved = await _editor.SaveAsync(Marketer, draft, "Brazil matters more");
        Assert.Equal(2, saved.Version);
        Assert.True(await _rescorer.RunPendingAsync(CancellationToken.None));

        var run = await _editor.GetLatestRunAsync(Manager);
        Assert.Equal((RescoreStatus.Completed, 40, 40, preview.EnterCount), (run!.Status, run.TotalLeads, run.DoneLeads, run.PromotedLeads));
        var leads = await LoadAllAsync();
        Assert.All(leads, l => Assert.Equal(2, l.ScoreModelVersion));
        foreach (var lead in leads)
        {
            var expected = LeadScorer.Score(lead.Profile, lead.Events.Select(e => new EventOccurrence(e.Type, e.OccurredAt)), draft, Leads.Now);
            Assert.Equal((expected.Fit, expected.Engagement), (lead.FitScore, lead.EngagementScore));
            Assert.Equal(expected.Lines, lead.ScoreExplanation);
        }
        var promoted = leads.Where(l => l.Decisions.Any(d => d.Verb == LifecycleVerb.Promote && d.Note!.Contains("model v2"))).Select(l => l.Id);
        Assert.Equal(preview.Entering.Select(e => e.Id), promoted);
        Assert.Equal(preview.EnterCount, _notifier.Published.Count(n => n.Verb == LifecycleVerb.Promote));
        Assert.False(await _rescorer.RunPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_run_that_renames_a_rule_gives_each_rescored_lead_the_key_of_its_new_rules()
    {
        var seeded = await SeedAsync();
        var draft = Default with { FitRules = [.. Default.FitRules.Select(r => r.Id == "fit-country" ? r with { Label = "Country we sell in" } : r)] };

        await _editor.SaveAsync(Marketer, draft, "Clearer label");
        Assert.True(await _rescorer.RunPendingAsync(CancellationToken.None));

        var leads = await LoadAllAsync();
        Assert.All(leads, l => Assert.Equal(ScoreRule.KeyOf(l.ScoreExplanation), l.ScoreRulesKey));
        var renamed = leads.Where(l => l.ScoreExplanation.Any(line => line.RuleId == "fit-country")).ToList();
        Assert.NotEmpty(renamed);
        Assert.All(renamed, l => Assert.NotEqual(seeded.Single(s => s.Id == l.Id).ScoreRulesKey, l.ScoreRulesKey));
    }

    [Fact]
    public async Task A_version_that_changes_no_score_only_stamps_every_lead_with_it()
    {
        var before = await SeedAsync();
        // A higher bar changes nobody's points and promotes nobody.
        await _editor.SaveAsync(Marketer, Default with { Mql = Default.Mql with { Threshold = 120 } }, null);

        Assert.True(await _rescorer.RunPendingAsync(CancellationToken.None));

        var run = await _editor.GetLatestRunAsync(Manager);
        Assert.Equal((RescoreStatus.Completed, 40, 0, 0), (run!.Status, run.DoneLeads, run.ChangedLeads, run.PromotedLeads));
        var after = await LoadAllAsync();
        Assert.All(after, l => Assert.Equal(2, l.ScoreModelVersion));
        Assert.Equal(before.Select(l => (l.Id, l.FitScore, l.EngagementScore, l.Stage)), after.Select(l => (l.Id, l.FitScore, l.EngagementScore, l.Stage)));
        Assert.Equal(before.Select(l => l.ConcurrencyToken), after.Select(l => l.ConcurrencyToken));
    }

    [Fact]
    public async Task Restoring_an_old_version_saves_its_rules_as_a_new_version()
    {
        await _editor.SaveAsync(Marketer, Default with { Mql = Default.Mql with { Threshold = 80 } }, "stricter");

        var restored = await _editor.RestoreAsync(Marketer, 1, null);

        Assert.Equal(3, restored.Version);
        Assert.Equal("Restored version 1.", restored.Note);
        var versions = await _editor.GetVersionsAsync(Manager);
        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.True(versions[0].Active);
        Assert.Equal(60, (await _editor.GetVersionAsync(Manager, 3)).Definition.Mql.Threshold);
        Assert.Equal(80, (await _editor.GetVersionAsync(Manager, 2)).Definition.Mql.Threshold);
    }

    [Fact]
    public async Task An_unfinished_older_run_is_superseded_by_the_newest()
    {
        await _editor.SaveAsync(Marketer, Default with { Mql = Default.Mql with { Threshold = 70 } }, null);
        await _editor.SaveAsync(Marketer, Default with { Mql = Default.Mql with { Threshold = 75 } }, null);

        await _rescorer.RunPendingAsync(CancellationToken.None);

        await using var db = _database.NewContext();
        var runs = await db.RescoreRuns.OrderBy(r => r.Id).Select(r => new { r.ModelVersion, r.Status }).ToListAsync();
        Assert.Equal([(2, RescoreStatus.Superseded), (3, RescoreStatus.Completed)], runs.Select(r => (r.ModelVersion, r.Status)));
    }

    [Fact]
    public async Task Only_marketing_saves_and_an_invalid_draft_is_refused_with_every_problem()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => _editor.SaveAsync(Manager, Default, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _editor.GetVersionsAsync(new Caller("rep", "Rep", new HashSet<string> { Roles.Sales })));

        var invalid = Default with { Mql = Default.Mql with { Threshold = 10_000 }, FitRules = [.. Default.FitRules, Default.FitRules[0] with { Id = "copy" }] };
        var refused = await Assert.ThrowsAsync<InvalidModelException>(() => _editor.SaveAsync(Marketer, invalid, null));

        Assert.Equal(["DuplicateRule", "ThresholdOutOfRange"], refused.Problems.Select(p => p.Code).Order());
        Assert.Single(await _editor.GetVersionsAsync(Manager));
    }
}
