using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using LeadDesk.App.Components.Pages.Scoring;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Identity;
using LeadDesk.Tests.Handoff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace LeadDesk.Tests.Components.Scoring;

/// <summary>
/// The /scoring screen on a real SQLite database holding forty leads of mixed fit and engagement scored with the
/// default model (the ones that met it promoted to MQL), as the app would have them.
/// </summary>
public sealed class ScoringPageTests : ComponentTestBase
{
    private static readonly Actor Marketer = new("mkt-1", "Marta Marketing");
    private static readonly Actor Manager = new("mgr-1", "Maria Manager");
    private static readonly Caller MarketerCaller = new(Marketer.UserId, Marketer.Name, new HashSet<string> { Roles.Marketing });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = default!;
    private ScoringEditor _editor = default!;
    private Rescorer _rescorer = default!;

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_clock);
        var scoring = new ScoringService(_database.Contexts, _clock);
        var model = await scoring.GetActiveModelAsync();
        await using (var db = _database.NewContext())
        {
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
                scoring.Rescore(lead, model);
                db.Leads.Add(lead);
            }
            await db.SaveChangesAsync();
        }

        _editor = new ScoringEditor(_database.Contexts, _clock, new RescoreSignal());
        _rescorer = new Rescorer(_database.Contexts, scoring, new RecordingNotifier(), new LeadDesk.Domain.Persistence.JobLeases(_database.Contexts, _clock), _clock, NullLogger<Rescorer>.Instance);
        Context.Services.AddDomainServices(_database);
        Context.Services.AddSingleton(_editor);
        Context.Services.AddScoped<CallerAccessor>();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static ScoringModelDefinition Default => DefaultScoringModel.Definition;

    [Fact]
    public void The_active_model_is_shown_with_its_MQL_definition_rules_and_versions()
    {
        var (_, _, page) = RenderAs(Marketer, Roles.Marketing);

        Assert.Equal("60", page.Find("#mql-threshold").GetAttribute("value"));
        Assert.Equal("25", page.Find("#mql-minimum-fit").GetAttribute("value"));
        Assert.Equal(Default.FitRules.Select(r => r.Id), page.FindAll("#fit-rules tbody tr[data-rule]").Select(r => r.GetAttribute("data-rule")));
        Assert.Equal(Default.EngagementRules.Select(r => r.Id), page.FindAll("#engagement-rules tbody tr[data-rule]").Select(r => r.GetAttribute("data-rule")));
        Assert.Equal("C-level or owner", Field(page, "fit-exec", "label").GetAttribute("value"));
        Assert.Equal("Executive, Owner", Field(page, "fit-exec", "values").GetAttribute("value"));
        Assert.Equal("20", Field(page, "fit-exec", "points").GetAttribute("value"));
        Assert.Equal("1000", Field(page, "fit-size-enterprise", "min").GetAttribute("value"));
        // A penalty reads as one: negative points are drawn in red.
        Assert.Contains("ld-points-negative", Row(page, "fit-competitor").QuerySelector(".ld-points-negative")!.ClassName);
        Assert.Null(Row(page, "fit-exec").QuerySelector(".ld-points-negative"));

        var version = Assert.Single(page.FindAll("#versions-table tbody tr"));
        Assert.Equal("1", version.GetAttribute("data-version"));
        Assert.NotNull(version.QuerySelector("[data-active]"));
        Assert.Contains("The model LeadDesk ships with.", version.TextContent);
        // Nothing changed yet: nothing to save.
        Assert.True(page.Find("#scoring-save").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("#scoring-problems"));
    }

    [Fact]
    public void A_problem_shows_beside_its_rule_and_field_and_in_the_summary_and_nothing_is_previewed()
    {
        var (_, _, page) = RenderAs(Marketer, Roles.Marketing);

        Field(page, "fit-exec", "points").Change("0");
        page.Find("#mql-threshold").Change("10000");
        page.Find("#scoring-preview").Click();

        var beside = page.Find("[data-problems-for='fit-exec'] [data-problem=ZeroPoints]");
        Assert.Equal("'C-level or owner' gives 0 points: give it points or remove it.", beside.TextContent.Trim());
        // The row right above the message is the rule's own.
        Assert.Equal("fit-exec", beside.Closest("tr")!.PreviousElementSibling!.GetAttribute("data-rule"));
        // The range is the draft's: the rule given 0 points no longer counts towards the highest total.
        var (lowest, highest) = ScoringModelValidator.PossibleTotals(Default with
        {
            FitRules = [.. Default.FitRules.Select(r => r.Id == "fit-exec" ? r with { Points = 0 } : r)],
        });
        Assert.Contains($"The MQL threshold must lie above {lowest} and at most {highest}, the scores this model can give.",
            page.Find("#section-mql").TextContent);
        var summary = page.Find("#scoring-problems");
        Assert.Contains("2 problems to fix before previewing or saving:", summary.TextContent);
        Assert.Equal(["ZeroPoints", "ThresholdOutOfRange"], summary.QuerySelectorAll("li").Select(li => li.GetAttribute("data-problem")));
        Assert.Empty(page.FindAll("#scoring-preview-panel"));

        // Fixing it clears the message at once.
        Field(page, "fit-exec", "points").Change("20");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-problems-for='fit-exec']")));
    }

    [Fact]
    public void Problems_are_said_in_the_users_language()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("es");
        var (_, _, page) = RenderAs(Marketer, Roles.Marketing);

        Field(page, "eng-demo", "label").Change(" ");
        page.Find("#scoring-save").Click();

        Assert.Equal("Dale a la regla un nombre que la explique.",
            page.Find("[data-problems-for='eng-demo'] [data-problem=LabelRequired]").TextContent.Trim());
    }

    [Fact]
    public async Task The_preview_shows_the_counts_the_leads_that_would_move_and_the_histogram_old_and_new()
    {
        var (_, _, page) = RenderAs(Marketer, Roles.Marketing);
        var draft = Default with { Mql = Default.Mql with { Threshold = 45 } };
        var expected = await _editor.PreviewAsync(MarketerCaller, draft);
        Assert.NotEqual(0, expected.EnterCount);

        page.Find("#mql-threshold").Change("45");
        page.Find("#scoring-preview").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#preview-histogram-table")));

        Assert.Equal(expected.WouldBeMql.ToString(), Stat(page, "would-be-mql"));
        Assert.Equal(expected.CurrentMqls.ToString(), Stat(page, "current-mql"));
        Assert.Equal(expected.EnterCount.ToString(), Stat(page, "entering"));
        Assert.Equal(expected.DropOutCount.ToString(), Stat(page, "drop-outs"));
        Assert.Equal(expected.Entering.Select(l => l.Id.ToString()), page.FindAll("#preview-entering tr[data-lead]").Select(r => r.GetAttribute("data-lead")));
        var first = expected.Entering[0];
        Assert.Equal($"/leads/{first.Id}", page.Find($"#preview-entering tr[data-lead='{first.Id}'] a").GetAttribute("href"));
        Assert.NotNull(page.Find("#preview-drop-outs [data-empty]"));

        var buckets = page.FindAll("#preview-histogram-table tbody tr");
        Assert.Equal(expected.Histogram.Select(b => (b.From, b.Current, b.Draft)),
            buckets.Select(r => (int.Parse(r.GetAttribute("data-bucket")!), int.Parse(r.GetAttribute("data-now")!), int.Parse(r.GetAttribute("data-draft")!))));
        var chart = page.Find("#preview-histogram");
        Assert.NotNull(chart.QuerySelector("svg"));
        Assert.Contains("Now", chart.TextContent);
        Assert.Contains("Draft", chart.TextContent);

        // Editing the draft again withdraws the preview: it no longer says what saving would do.
        page.Find("#mql-threshold").Change("50");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#scoring-preview-panel")));
    }

    [Fact]
    public void A_manager_reads_the_model_and_may_preview_but_sees_no_save_restore_or_edit_controls()
    {
        var (_, _, page) = RenderAs(Manager, Roles.Manager);

        Assert.NotNull(page.Find("#scoring-read-only"));
        Assert.Empty(page.FindAll("#scoring-save"));
        Assert.Empty(page.FindAll("[data-action=restore]"));
        Assert.Empty(page.FindAll("#fit-add"));
        Assert.Empty(page.FindAll("#engagement-add"));
        Assert.Empty(page.FindAll("[data-action=remove]"));
        Assert.True(page.Find("#mql-threshold").HasAttribute("readonly"));
        Assert.True(Field(page, "fit-exec", "points").HasAttribute("readonly"));
        Assert.NotNull(page.Find("#scoring-preview"));
    }

    [Fact]
    public async Task Saving_asks_for_a_note_makes_a_new_version_and_follows_the_rescoring_to_its_end()
    {
        var (dialogs, snackbars, page) = RenderAs(Marketer, Roles.Marketing);
        var expected = await _editor.PreviewAsync(MarketerCaller, Default with { Mql = Default.Mql with { Threshold = 45 } });

        page.Find("#mql-threshold").Change("45");
        page.Find("#scoring-save").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Save as version 2", dialogs.Markup));
        dialogs.Find("#version-note").Input("Lower bar for Q1");
        dialogs.Find("#note-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("#versions-table tbody tr").GetAttribute("data-version")));
        Assert.Contains("Lower bar for Q1", page.Find("#versions-table tbody tr").TextContent);
        Assert.Equal("45", page.Find("#mql-threshold").GetAttribute("value"));
        Assert.True(page.Find("#scoring-save").HasAttribute("disabled"));
        Assert.Equal("Queued", page.Find("#rescore-run").GetAttribute("data-status"));
        snackbars.WaitForAssertion(() => Assert.Contains("Saved as version 2. Rescoring every lead…", snackbars.Markup));

        Assert.True(await _rescorer.RunPendingAsync(CancellationToken.None));
        _clock.Advance(ScoringPage.PollInterval);

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find("#rescore-run").GetAttribute("data-status")));
        var run = page.Find("#rescore-run");
        Assert.Equal(("40", "40", expected.EnterCount.ToString()), (run.GetAttribute("data-done"), run.GetAttribute("data-total"), run.GetAttribute("data-promoted")));
        Assert.Contains($"40 of 40 leads", page.Find("#rescore-figures").TextContent);
        Assert.Contains($"{expected.EnterCount} entered the MQL queue", page.Find("#rescore-figures").TextContent);
        snackbars.WaitForAssertion(() => Assert.Contains($"Every lead was rescored with version 2; {expected.EnterCount} entered the MQL queue.", snackbars.Markup));
    }

    [Fact]
    public async Task An_old_version_is_viewed_read_only_and_restoring_it_saves_its_rules_as_the_next_version()
    {
        await _editor.SaveAsync(MarketerCaller, Default with { Mql = Default.Mql with { Threshold = 80 } }, "stricter");
        var (dialogs, _, page) = RenderAs(Marketer, Roles.Marketing);
        Assert.Equal("80", page.Find("#mql-threshold").GetAttribute("value"));

        page.Find("#versions-table tr[data-version='1'] [data-action=view]").Click();

        page.WaitForAssertion(() => Assert.Equal("60", page.Find("#mql-threshold").GetAttribute("value")));
        Assert.True(page.Find("#mql-threshold").HasAttribute("readonly"));
        Assert.Contains("You are looking at version 1", page.Find("#scoring-viewing").TextContent);
        Assert.Empty(page.FindAll("#scoring-save"));

        page.Find("#scoring-viewing-restore").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("The rules of version 1 are saved as version 3", dialogs.Markup));
        dialogs.Find("#note-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("#versions-table tbody tr").GetAttribute("data-version")));
        Assert.Contains("Restored version 1.", page.Find("#versions-table tbody tr").TextContent);
        Assert.Empty(page.FindAll("#scoring-viewing"));
        Assert.False(page.Find("#mql-threshold").HasAttribute("readonly"));
        Assert.Equal("60", page.Find("#mql-threshold").GetAttribute("value"));
        Assert.Equal(60, (await _editor.GetVersionAsync(MarketerCaller, 3)).Definition.Mql.Threshold);
    }

    [Fact]
    public async Task A_new_rule_gets_its_own_id_and_saves_with_the_model()
    {
        var (dialogs, _, page) = RenderAs(Marketer, Roles.Marketing);

        page.Find("#fit-add").Click();
        var added = page.FindAll("#fit-rules tbody tr[data-rule]").Last();
        var id = added.GetAttribute("data-rule")!;
        Assert.Matches("^fit-[0-9a-f]{8}$", id);
        Field(page, id, "label").Change("Healthcare buyers");
        Field(page, id, "values").Change("Healthcare, Pharma");
        Field(page, id, "points").Change("-4");
        page.WaitForAssertion(() => Assert.NotNull(Row(page, id).QuerySelector(".ld-points-negative")));
        page.Find("#scoring-save").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#note-confirm")));
        dialogs.Find("#note-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("#versions-table tbody tr").GetAttribute("data-version")));
        var saved = (await _editor.GetVersionAsync(MarketerCaller, 2)).Definition.FitRules.Single(r => r.Id == id);
        Assert.Equal(("Healthcare buyers", LeadAttribute.Industry, RuleOperator.InList, -4), (saved.Label, saved.Attribute, saved.Operator, saved.Points));
        Assert.Equal(["Healthcare", "Pharma"], saved.Values);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars, IRenderedComponent<ScoringPage> Page)
        RenderAs(Actor person, string role)
    {
        Context.AddAuthorization()
            .SetAuthorized(person.UserId)
            .SetRoles(role)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, person.UserId), new Claim(LeadDeskClaims.DisplayName, person.Name));
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<ScoringPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#versions-table")));
        return (dialogs, snackbars, page);
    }

    private static IElement Row(IRenderedComponent<ScoringPage> page, string ruleId) => page.Find($"tr[data-rule='{ruleId}']");

    /// <summary>The input of one field of a rule's row.</summary>
    private static IElement Field(IRenderedComponent<ScoringPage> page, string ruleId, string field) =>
        page.Find($"tr[data-rule='{ruleId}'] input[data-field='{field}']");

    private static string Stat(IRenderedComponent<ScoringPage> page, string name) =>
        page.Find($"#preview-counts [data-stat='{name}'] .stat-value").TextContent.Trim();
}
