using Bunit;
using LeadDesk.App.Components.Pages.Scoring;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Insights;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Components.Insights;

/// <summary>The insights page's Adopt: the scoring editor opens a run's suggested rules as an unsaved draft.</summary>
public sealed class ScoringFromInsightsTests : ComponentTestBase
{
    private InsightsPageBed _bed = default!;
    private ScoringEditor _editor = default!;
    private RuleSuggestion _suggestion = default!;
    private int _runId;

    public override async Task InitializeAsync()
    {
        _bed = await InsightsPageBed.CreateAsync();
        await _bed.AddClosedLeadsAsync(won: 120, lost: 110);
        var result = (await _bed.TrainAsync()).Result!;
        (_runId, _suggestion) = (result.RunId, result.Suggestion);
        _editor = new ScoringEditor(_bed.Database.Contexts, _bed.Clock, new RescoreSignal());
        _bed.Register(Context.Services);
        Context.Services.AddSingleton(_editor);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _bed.DisposeAsync();
    }

    [Fact]
    public async Task A_marketer_gets_the_suggestion_as_an_unsaved_draft_previews_it_and_saves_it_with_a_note_saying_where_it_came_from()
    {
        InsightsPageBed.SignIn(Context, InsightsPageBed.Marketer, Roles.Marketing);
        var dialogs = Render<MudDialogProvider>();
        var page = Open(_runId);

        Assert.Contains($"These are the rules suggested by training run {_runId}, as an unsaved draft.", page.Find("#scoring-from-insights").TextContent);
        Assert.Equal(_suggestion.Definition.Mql.Threshold.ToString(), page.Find("#mql-threshold").GetAttribute("value"));
        Assert.Equal(_suggestion.Definition.FitRules.Select(r => r.Id), page.FindAll("#fit-rules tbody tr[data-rule]").Select(r => r.GetAttribute("data-rule")));
        Assert.Equal(_suggestion.Definition.EngagementRules.Select(r => r.Id),
            page.FindAll("#engagement-rules tbody tr[data-rule]").Select(r => r.GetAttribute("data-rule")));
        // Nothing is saved yet: the active model is still version 1, and the draft can be saved.
        Assert.Equal("1", page.Find("#versions-table tbody tr").GetAttribute("data-version"));
        Assert.False(page.Find("#scoring-save").HasAttribute("disabled"));

        page.Find("#scoring-preview").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#preview-histogram-table")), TimeSpan.FromSeconds(30));

        page.Find("#scoring-save").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#version-note")));
        var draft = await _bed.Insights.DraftFromSuggestionAsync(InsightsPageBed.MarketerCaller, _runId);
        Assert.Equal(draft.Note, dialogs.Find("#version-note").GetAttribute("value"));
        dialogs.Find("#note-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("#versions-table tbody tr").GetAttribute("data-version")));
        var saved = await _editor.GetVersionAsync(InsightsPageBed.MarketerCaller, 2);
        Assert.Equal(draft.Note, saved.Note);
        Assert.Equal(_suggestion.Definition.FitRules.Select(r => (r.Id, r.Points)), saved.Definition.FitRules.Select(r => (r.Id, r.Points)));
        Assert.Equal(_suggestion.Definition.Mql.Threshold, saved.Definition.Mql.Threshold);
        // Saved: the address no longer asks for the suggestion, so reloading the editor shows the active model.
        Assert.Empty(page.FindAll("#scoring-from-insights"));
        Assert.EndsWith("/scoring", Context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void A_manager_reads_and_previews_the_suggestion_but_cannot_save_it()
    {
        InsightsPageBed.SignIn(Context, InsightsPageBed.Manager, Roles.Manager);

        var page = Open(_runId);

        Assert.Contains("Preview what they would change; marketing saves them.", page.Find("#scoring-from-insights").TextContent);
        Assert.Equal(_suggestion.Definition.Mql.Threshold.ToString(), page.Find("#mql-threshold").GetAttribute("value"));
        Assert.True(page.Find("#mql-threshold").HasAttribute("readonly"));
        Assert.Empty(page.FindAll("#scoring-save"));
        Assert.NotNull(page.Find("#scoring-preview"));
    }

    [Fact]
    public void Discarding_the_suggestion_returns_to_the_active_model()
    {
        InsightsPageBed.SignIn(Context, InsightsPageBed.Marketer, Roles.Marketing);
        var page = Open(_runId);

        page.Find("#scoring-discard").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#scoring-from-insights")));
        Assert.Equal(DefaultScoringModel.Definition.Mql.Threshold.ToString(), page.Find("#mql-threshold").GetAttribute("value"));
        Assert.True(page.Find("#scoring-save").HasAttribute("disabled"));
    }

    [Fact]
    public void A_run_that_is_not_there_is_refused_and_the_active_model_stays()
    {
        InsightsPageBed.SignIn(Context, InsightsPageBed.Marketer, Roles.Marketing);

        var page = Open(_runId + 41);

        Assert.Equal($"There is no completed training run {_runId + 41}: train again on the insights page.", page.Find("#scoring-error").TextContent.Trim());
        Assert.Empty(page.FindAll("#scoring-from-insights"));
        Assert.Equal(DefaultScoringModel.Definition.Mql.Threshold.ToString(), page.Find("#mql-threshold").GetAttribute("value"));
    }

    /// <summary>Opens /scoring?fromInsights=<paramref name="runId"/>, as the insights page's Adopt link does.</summary>
    private IRenderedComponent<ScoringPage> Open(int runId)
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/scoring?fromInsights={runId}");
        var page = Render<ScoringPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#versions-table")));
        return page;
    }
}
