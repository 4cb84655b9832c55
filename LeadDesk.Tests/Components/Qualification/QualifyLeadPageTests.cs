using System.Globalization;
using System.Resources;
using System.Security.Claims;
using Bunit;
using LeadDesk.App.Components.Pages.Qualification;
using LeadDesk.App.Resources;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Qualification;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Components;

/// <summary>The BANT form at /leads/{id}/qualify, as the owning rep of a SAL lead, against a real SQLite database.</summary>
public sealed class QualifyLeadPageTests : ComponentTestBase
{
    private TestDatabase _database = default!;
    private int _leadId;

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _leadId = await AddLeadAsync(LifecycleStage.SAL);
        Context.Services.AddLeadActionServices(_database);
        Context.AddAuthorization().SetAuthorized("sales@x").SetRoles(Roles.Sales)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, Leads.Rep.UserId));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void The_top_of_the_form_summarises_the_lead()
    {
        var page = RenderForm();

        var summary = page.Find("#qualify-lead").TextContent;
        Assert.Contains("Ana Silva", summary);
        Assert.Contains("Acme", summary);
        Assert.Contains("SAL", summary);
    }

    [Fact]
    public void Four_strong_answers_show_Qualified_with_eight_points()
    {
        var page = RenderForm();

        Answer(page, "budget", "Confirmed");
        Answer(page, "authority", "DecisionMaker");
        Answer(page, "need", "Critical");
        Answer(page, "timeline", "WithinQuarter");

        page.WaitForAssertion(() => Assert.Equal("Qualified", Verdict(page).GetAttribute("data-outcome")));
        Assert.Contains("Qualified: will become SQL", Verdict(page).TextContent);
        Assert.Equal("8", page.Find("#bant-points").GetAttribute("data-points"));
        Assert.Contains("All four answers are strong.", Verdict(page).TextContent);
        Assert.Contains("Save and make it SQL", page.Find("#qualify-submit").TextContent);
    }

    [Fact]
    public void Buying_next_year_turns_the_live_verdict_to_Nurture_with_the_reason()
    {
        var page = RenderForm();
        Answer(page, "budget", "Confirmed");
        Answer(page, "authority", "DecisionMaker");
        Answer(page, "need", "Critical");
        Answer(page, "timeline", "WithinQuarter");
        page.WaitForAssertion(() => Assert.Equal("Qualified", Verdict(page).GetAttribute("data-outcome")));

        Answer(page, "timeline", "WithinYear");

        page.WaitForAssertion(() => Assert.Equal("Nurture", Verdict(page).GetAttribute("data-outcome")));
        Assert.Equal("6", page.Find("#bant-points").GetAttribute("data-points"));
        var finding = page.Find("#bant-findings li[data-dimension=Timeline]");
        Assert.Contains("they will not buy before next year", finding.TextContent);
        Assert.Contains("Back to nurture", Verdict(page).TextContent);
    }

    [Fact]
    public void With_one_answer_missing_the_verdict_is_Incomplete_and_names_it()
    {
        var page = RenderForm();

        Answer(page, "budget", "Confirmed");
        Answer(page, "authority", "Influencer");
        Answer(page, "need", "Critical");

        page.WaitForAssertion(() => Assert.Equal("Incomplete", Verdict(page).GetAttribute("data-outcome")));
        Assert.Equal("Still to answer: Timeline.", page.Find("#bant-incomplete").TextContent.Trim());
        Assert.Empty(page.FindAll(".mud-input-error")); // no validation messages before the first submit
    }

    [Fact]
    public async Task Submitting_strong_answers_makes_the_lead_SQL_stores_the_assessment_and_goes_back_to_the_lead()
    {
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var page = RenderForm();
        Answer(page, "budget", "Confirmed");
        page.Find("#bant-budget-note").Input("Approved in the Q3 plan.");
        Answer(page, "authority", "DecisionMaker");
        Answer(page, "need", "Critical");
        Answer(page, "timeline", "WithinQuarter");

        page.Find("#qualify-submit").Click();

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith($"/leads/{_leadId}", navigation.Uri));
        snackbars.WaitForAssertion(() => Assert.Contains("Ana Silva passed BANT and is now a sales qualified lead (SQL).", snackbars.Markup));
        await using var db = _database.NewContext();
        var lead = await db.Leads.SingleAsync(l => l.Id == _leadId);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        var assessment = await db.BantAssessments.SingleAsync(b => b.LeadId == _leadId);
        Assert.Equal(BantOutcome.Qualified, assessment.Outcome);
        Assert.Equal(8, assessment.Points);
        Assert.Equal(BudgetAnswer.Confirmed, assessment.Budget);
        Assert.Equal("Approved in the Q3 plan.", assessment.BudgetNote);
        Assert.Equal(Leads.Rep.UserId, assessment.AssessedById);
    }

    [Fact]
    public async Task Submitting_with_an_answer_missing_shows_the_message_beside_it_and_writes_nothing()
    {
        var page = RenderForm();
        Answer(page, "budget", "Confirmed");
        Answer(page, "authority", "DecisionMaker");
        Answer(page, "need", "Critical");

        page.Find("#qualify-submit").Click();

        page.WaitForAssertion(() => Assert.Contains("Choose an answer.", page.Find("#bant-timeline").TextContent));
        Assert.DoesNotContain("Choose an answer.", page.Find("#bant-budget").TextContent);
        Assert.Contains("Answer the four questions before saving.", page.Find("#qualify-incomplete").TextContent);
        await using var db = _database.NewContext();
        Assert.Equal(LifecycleStage.SAL, (await db.Leads.SingleAsync(l => l.Id == _leadId)).Stage);
        Assert.False(await db.BantAssessments.AnyAsync());
    }

    [Fact]
    public async Task A_lead_that_is_not_SAL_shows_why_and_no_form()
    {
        var sql = await AddLeadAsync(LifecycleStage.SQL, "sql@acme.com");

        var page = Render<QualifyLead>(p => p.Add(x => x.Id, sql));

        page.WaitForAssertion(() => Assert.Contains("This lead is in stage SQL", page.Find("#qualify-not-allowed").TextContent));
        Assert.Empty(page.FindAll("#bant-form"));
    }

    [Fact]
    public async Task Another_reps_lead_shows_who_owns_it_and_no_form()
    {
        var theirs = await AddLeadAsync(LifecycleStage.SAL, "theirs@acme.com", Leads.OtherRep);

        var page = Render<QualifyLead>(p => p.Add(x => x.Id, theirs));

        page.WaitForAssertion(() => Assert.Contains("Only the rep who owns this lead (Sofia Sales)", page.Find("#qualify-not-allowed").TextContent));
        Assert.Empty(page.FindAll("#bant-form"));
    }

    [Fact]
    public void Every_answer_and_every_weak_answer_has_words_in_every_language()
    {
        var keys = new List<string>();
        foreach (var dimension in Enum.GetValues<BantDimension>())
        {
            keys.Add($"Bant.{dimension}");
            keys.Add($"Question.{dimension}");
        }
        foreach (var outcome in Enum.GetValues<BantOutcome>())
            keys.AddRange([$"Verdict.{outcome}", $"Outcome.{outcome}", $"Verdict.Explain.{outcome}", $"Qualify.Submit.{outcome}", $"Qualify.Done.{outcome}"]);
        keys.AddRange(Enum.GetNames<BudgetAnswer>().Select(a => $"Budget.{a}"));
        keys.AddRange(Enum.GetNames<AuthorityAnswer>().Select(a => $"Authority.{a}"));
        keys.AddRange(Enum.GetNames<NeedAnswer>().Select(a => $"Need.{a}"));
        keys.AddRange(Enum.GetNames<TimelineAnswer>().Select(a => $"Timeline.{a}"));
        // A finding for every answer that scores below 2, found by asking the policy itself.
        keys.AddRange(Enum.GetValues<BudgetAnswer>().Skip(1).SelectMany(b => Enum.GetValues<TimelineAnswer>().Skip(1).SelectMany(t =>
            Enum.GetValues<AuthorityAnswer>().Skip(1).SelectMany(a => Enum.GetValues<NeedAnswer>().Skip(1).SelectMany(n =>
            {
                var answers = new BantAnswers(b, a, n, t);
                return BantPolicy.Evaluate(answers).Findings.Select(f => $"Finding.{f.Dimension}.{f.Dimension switch
                {
                    BantDimension.Budget => answers.Budget.ToString(),
                    BantDimension.Authority => answers.Authority.ToString(),
                    BantDimension.Need => answers.Need.ToString(),
                    _ => answers.Timeline.ToString(),
                }}");
            })))));
        foreach (var culture in new[] { CultureInfo.InvariantCulture, new CultureInfo("es"), new CultureInfo("pt-BR") })
        {
            var set = new ResourceManager(typeof(QualifyText)).GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
            Assert.Empty(keys.Distinct().Where(k => string.IsNullOrWhiteSpace(set.GetString(k))).Select(k => $"{culture.Name}: {k}"));
        }
    }

    private IRenderedComponent<QualifyLead> RenderForm()
    {
        var page = Render<QualifyLead>(p => p.Add(x => x.Id, _leadId));
        page.WaitForElement("#bant-form");
        return page;
    }

    private static void Answer(IRenderedComponent<QualifyLead> page, string dimension, string answer) =>
        page.Find($"#bant-{dimension} input[data-answer={answer}]").Click();

    private static AngleSharp.Dom.IElement Verdict(IRenderedComponent<QualifyLead> page) => page.Find("#bant-verdict");

    private async Task<int> AddLeadAsync(LifecycleStage stage, string email = "ana.silva@acme.com", Actor? rep = null)
    {
        await using var db = _database.NewContext();
        var lead = Journeys.MoveTo(Leads.New(email), stage, rep ?? Leads.Rep);
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }
}
