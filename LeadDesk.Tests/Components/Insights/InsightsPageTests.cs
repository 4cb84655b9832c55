using System.Globalization;
using Bunit;
using LeadDesk.App.Components.Pages.Insights;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Insights;
using MudBlazor;

namespace LeadDesk.Tests.Components.Insights;

/// <summary>/scoring/insights over a real database with the real conversion insights and trainer, in each of its states.</summary>
public sealed class InsightsPageTests : ComponentTestBase
{
    private InsightsPageBed _bed = default!;

    public override async Task InitializeAsync()
    {
        _bed = await InsightsPageBed.CreateAsync();
        _bed.Register(Context.Services);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _bed.DisposeAsync();
    }

    [Fact]
    public async Task Before_any_training_the_page_counts_the_closed_leads_and_says_how_many_more_are_needed()
    {
        await _bed.AddClosedLeadsAsync(won: 30, lost: 20);
        InsightsPageBed.SignIn(Context, InsightsPageBed.Marketer, Roles.Marketing);

        var page = Render<InsightsPage>();

        page.WaitForElement("#insights-empty");
        var data = page.Find("#insights-data");
        Assert.Equal(("50", "30", "20", "false"),
            (data.GetAttribute("data-closed"), data.GetAttribute("data-won"), data.GetAttribute("data-lost"), data.GetAttribute("data-enough")));
        Assert.Equal(
            "Too little data to train: 150 more closed leads needed. 10 more won leads needed. 20 more lost leads needed. " +
            "(Training needs at least 200 closed leads, and 40 won and 40 lost.)",
            Normalize(page.Find("#insights-shortfall").TextContent));
        Assert.Contains("Training can start once there are enough closed leads.", page.Find("#insights-empty").TextContent);
        // Training would only be refused: the button waits for the data.
        Assert.True(page.Find("#insights-train").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("#insights-run"));
        Assert.Empty(page.FindAll("#insights-results"));
    }

    [Fact]
    public async Task With_enough_closed_leads_and_no_run_yet_a_manager_may_train()
    {
        await _bed.AddClosedLeadsAsync(won: 120, lost: 110);
        InsightsPageBed.SignIn(Context, InsightsPageBed.Manager, Roles.Manager);

        var page = Render<InsightsPage>();

        page.WaitForElement("#insights-empty");
        Assert.Equal("true", page.Find("#insights-data").GetAttribute("data-enough"));
        Assert.Contains("Enough closed leads to train.", page.Find("#insights-enough").TextContent);
        Assert.Contains("No model has been trained yet. Train one", page.Find("#insights-empty").TextContent);
        Assert.False(page.Find("#insights-train").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_refused_run_says_what_it_found_and_how_many_more_leads_it_needs()
    {
        await _bed.AddClosedLeadsAsync(won: 30, lost: 20);
        var report = await _bed.TrainAsync(seed: 5);
        Assert.Equal(TrainingStatus.Refused, report.LatestRun.Status);
        InsightsPageBed.SignIn(Context, InsightsPageBed.Marketer, Roles.Marketing);

        var page = Render<InsightsPage>();

        page.WaitForElement("#insights-refusal");
        var run = page.Find("#insights-run");
        Assert.Equal(("Refused", "5"), (run.GetAttribute("data-status"), run.GetAttribute("data-seed")));
        Assert.Equal("Training refused: too little data", page.Find("#insights-run-title").TextContent.Trim());
        var refusal = Normalize(page.Find("#insights-refusal").TextContent);
        Assert.StartsWith("It found 50 closed leads: 30 won and 20 lost.", refusal);
        Assert.Contains("150 more closed leads needed. 10 more won leads needed. 20 more lost leads needed.", refusal);
        Assert.Contains("asked for by Marta Marketing", page.Find("#insights-run-meta").TextContent);
        Assert.Empty(page.FindAll("#insights-run-progress"));
        Assert.Empty(page.FindAll("#insights-results"));
    }

    [Fact]
    public async Task A_running_run_shows_its_step_and_progress_and_the_page_shows_the_results_when_it_ends()
    {
        await _bed.AddClosedLeadsAsync(won: 120, lost: 110);
        var runId = await _bed.Insights.StartTrainingAsync(InsightsPageBed.MarketerCaller, 3);
        // Halfway through reading the leads, as the trainer saves it (the page may have been left and opened again).
        await using (var db = _bed.Database.NewContext())
        {
            var stored = db.TrainingRuns.Single(r => r.Id == runId);
            stored.Start(Leads.Now);
            stored.Report(TrainingStep.ReadingLeads, 115, 230);
            await db.SaveChangesAsync();
        }
        InsightsPageBed.SignIn(Context, InsightsPageBed.Marketer, Roles.Marketing);
        var snackbars = Render<MudSnackbarProvider>();

        var page = Render<InsightsPage>();

        page.WaitForElement("#insights-run-progress");
        var run = page.Find("#insights-run");
        Assert.Equal(("Running", "ReadingLeads", "115", "230", "3"),
            (run.GetAttribute("data-status"), run.GetAttribute("data-step"), run.GetAttribute("data-done"), run.GetAttribute("data-total"), run.GetAttribute("data-seed")));
        Assert.Equal("Reading closed leads and their history: 115 of 230", page.Find("#insights-run-step").TextContent.Trim());
        Assert.Equal("Training…", page.Find("#insights-run-title").TextContent.Trim());
        // One step of four, half done.
        Assert.Equal("12.5", page.Find("#insights-run-progress").GetAttribute("aria-valuenow"));
        Assert.True(page.Find("#insights-train").HasAttribute("disabled"));

        Assert.True(await _bed.Trainer.RunPendingAsync(CancellationToken.None));
        _bed.Clock.Advance(InsightsPage.PollInterval);

        page.WaitForElement("#insights-results");
        Assert.Equal(runId.ToString(CultureInfo.InvariantCulture), page.Find("#insights-results").GetAttribute("data-run"));
        Assert.Empty(page.FindAll("#insights-run"));
        Assert.False(page.Find("#insights-train").HasAttribute("disabled"));
        snackbars.WaitForAssertion(() => Assert.Contains("Training finished: the figures below are new.", snackbars.Markup));
    }

    [Fact]
    public async Task Training_from_the_page_shows_the_four_predictors_side_by_side_calibration_fields_weights_and_the_suggestion()
    {
        await _bed.AddClosedLeadsAsync(won: 120, lost: 110);
        InsightsPageBed.SignIn(Context, InsightsPageBed.Marketer, Roles.Marketing);
        var page = Render<InsightsPage>();
        page.WaitForElement("#insights-empty");

        page.Find("#insights-seed").Change("11");
        page.Find("#insights-train").Click();
        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find("#insights-run").GetAttribute("data-status")));
        Assert.Equal("11", page.Find("#insights-run-seed").TextContent);
        Assert.True(await _bed.Trainer.RunPendingAsync(CancellationToken.None));
        _bed.Clock.Advance(InsightsPage.PollInterval);
        page.WaitForElement("#insights-results");

        var result = (await _bed.Insights.GetLatestAsync(InsightsPageBed.MarketerCaller))!.Result!;
        Assert.Equal("11", page.Find("#insights-result-seed").TextContent);
        Assert.Equal(result.Chosen.ToString(), page.Find("#insights-results").GetAttribute("data-chosen"));
        Assert.Equal(result.Data.HeldOutLeads.ToString("N0", CultureInfo.CurrentCulture),
            page.Find("#insights-split [data-stat='held-out'] .stat-value").TextContent.Trim());

        // Both models, the current rules and the suggested ones, on the same held-out leads; the one in use marked.
        var rows = page.FindAll("#insights-figures-table tbody tr[data-predictor]");
        Assert.Equal(["LogisticRegression", "BoostedTrees", "CurrentRules", "SuggestedRules"], rows.Select(r => r.GetAttribute("data-predictor")));
        foreach (var figures in result.Figures)
        {
            var row = page.Find($"#insights-figures-table tr[data-predictor='{figures.Kind}']");
            Assert.Equal(figures.RocAuc.ToString("0.000", CultureInfo.CurrentCulture), Figure(row, "auc"));
            Assert.Equal(figures.Accuracy.ToString("P1", CultureInfo.CurrentCulture), Figure(row, "accuracy"));
            Assert.Equal(figures.Precision.ToString("P1", CultureInfo.CurrentCulture), Figure(row, "precision"));
            Assert.Equal(figures.Recall.ToString("P1", CultureInfo.CurrentCulture), Figure(row, "recall"));
            Assert.Equal(figures.Kind == result.Chosen, row.HasAttribute("data-chosen"));
        }
        Assert.Equal($"{result.For(PredictorKind.CurrentRules).Threshold:0} points",
            Figure(page.Find("#insights-figures-table tr[data-predictor='CurrentRules']"), "threshold"));
        Assert.Contains("version 1", page.Find("#insights-figures-table tr[data-predictor='CurrentRules']").TextContent);

        // Calibration of the model in use first, with a chart; the rules' bands are points.
        var bins = page.FindAll("#insights-calibration-table tbody tr");
        Assert.Equal(result.For(result.Chosen).Calibration.Select(b => (b.Leads, b.Won)),
            bins.Select(b => (int.Parse(b.GetAttribute("data-leads")!), int.Parse(b.GetAttribute("data-won")!))));
        Assert.NotNull(page.Find("#insights-calibration-chart svg"));
        page.Find("#insights-calibration-choice [data-predictor='CurrentRules']").Click();
        page.WaitForAssertion(() => Assert.Equal("CurrentRules", page.Find("#insights-calibration").GetAttribute("data-predictor")));
        Assert.Equal("Score", page.Find("#insights-calibration-table thead th").TextContent.Trim());
        Assert.EndsWith("points", page.Find("#insights-calibration-table tbody td").TextContent.Trim());

        // Every field used and left out has a name a person reads, never its key.
        Assert.Equal(result.FieldsUsed.Select(f => f.Key).Order(), page.FindAll("#insights-fields-used [data-field]").Select(c => c.GetAttribute("data-field")!).Order());
        Assert.Equal(result.FieldsExcluded.Select(f => f.Key).Order(), page.FindAll("#insights-fields-excluded [data-field]").Select(c => c.GetAttribute("data-field")!).Order());
        Assert.All(page.FindAll("#insights-fields [data-field]"), chip => Assert.NotEqual(chip.GetAttribute("data-field"), chip.TextContent.Trim()));
        Assert.Contains("Seniority", page.Find("#insights-fields-used").TextContent);
        Assert.Contains("Demo requested", page.Find("#insights-fields-used").TextContent);
        var salesWritten = page.Find("#insights-fields-excluded [data-reason='WrittenBySales']");
        Assert.Contains("Written by sales", salesWritten.TextContent);
        Assert.Contains("Stage", salesWritten.TextContent);
        Assert.Contains("BANT answers", salesWritten.TextContent);
        Assert.Contains("Email address", page.Find("#insights-fields-excluded [data-reason='Identifying']").TextContent);

        // The strongest weights each way, largest first.
        var up = result.Weights.Where(w => w.Weight > 0).OrderByDescending(w => w.Weight).Take(WeightsSection.Shown).ToList();
        Assert.Equal(up.Select(w => (w.Field.Key, w.Value)),
            page.FindAll("#insights-weights-up li").Select(li => (li.GetAttribute("data-field")!, li.GetAttribute("data-value"))));
        var down = result.Weights.Where(w => w.Weight < 0).OrderBy(w => w.Weight).Take(WeightsSection.Shown).ToList();
        Assert.Equal(down.Select(w => (w.Field.Key, w.Value)),
            page.FindAll("#insights-weights-down li").Select(li => (li.GetAttribute("data-field")!, li.GetAttribute("data-value"))));
        Assert.Contains("Seniority: C-level executive", page.Find("#insights-weights").TextContent);

        // The suggested rules beside the current points, and Adopt opening the editor with them.
        Assert.Equal(result.Suggestion.Rules.Select(r => r.RuleId).Order(),
            page.FindAll("#insights-suggestion-table tbody tr").Select(r => r.GetAttribute("data-rule")!).Order());
        foreach (var rule in result.Suggestion.Rules)
        {
            var row = page.Find($"#insights-suggestion-table tr[data-rule='{rule.RuleId}']");
            Assert.Equal(rule.Points.ToString(CultureInfo.InvariantCulture), row.GetAttribute("data-points"));
            Assert.Equal(rule.CurrentPoints?.ToString(CultureInfo.InvariantCulture), row.GetAttribute("data-current"));
        }
        Assert.Equal(result.Suggestion.Definition.Mql.Threshold.ToString(CultureInfo.InvariantCulture),
            page.Find("#insights-suggestion-threshold").GetAttribute("data-threshold"));
        var current = page.Find("#insights-current-threshold");
        Assert.Equal(result.Suggestion.CurrentMql!.Threshold.ToString(CultureInfo.InvariantCulture), current.GetAttribute("data-threshold"));
        Assert.Equal($"Model v{result.Suggestion.BasedOnModelVersion} now: threshold {result.Suggestion.CurrentMql.Threshold} points, minimum fit {result.Suggestion.CurrentMql.MinimumFit}.",
            current.TextContent.Trim());
        Assert.Equal($"/scoring?fromInsights={result.RunId}", page.Find("#insights-adopt").GetAttribute("href"));
    }

    [Fact]
    public void When_the_page_cannot_load_it_says_so_and_offers_to_try_again()
    {
        // Signed in without a user id: the caller cannot be identified, as when the session broke.
        Context.AddAuthorization().SetAuthorized("someone").SetRoles(Roles.Marketing);

        var page = Render<InsightsPage>();

        page.WaitForElement("#insights-load-error");
        Assert.Contains("The conversion insights could not be loaded.", page.Find("#insights-load-error").TextContent);
        Assert.NotNull(page.Find("#insights-retry"));
        Assert.Empty(page.FindAll("#insights-data"));
        Assert.Empty(page.FindAll("#insights-train"));
    }

    [Fact]
    public async Task The_page_speaks_the_users_language()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("pt-BR");
        await _bed.AddClosedLeadsAsync(won: 30, lost: 20);
        InsightsPageBed.SignIn(Context, InsightsPageBed.Marketer, Roles.Marketing);

        var page = Render<InsightsPage>();

        page.WaitForElement("#insights-shortfall");
        Assert.Equal("Análise de conversão", page.Find("h1").TextContent.Trim());
        Assert.StartsWith("Dados insuficientes para treinar: Faltam mais 150 leads fechados.", Normalize(page.Find("#insights-shortfall").TextContent));
    }

    private static string Figure(AngleSharp.Dom.IElement row, string figure) => row.QuerySelector($"[data-figure='{figure}']")!.TextContent.Trim();

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
