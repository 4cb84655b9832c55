using LeadDesk.Domain.Analytics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static LeadDesk.Tests.Analytics.AnalyticsHistory;

namespace LeadDesk.Tests.Analytics;

/// <summary>Handoff health on a real SQLite database with a hand-built November (see <see cref="AnalyticsHistory.SeedHandoffStoryAsync"/>).</summary>
public sealed class HandoffHealthTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private HandoffHealth _health = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Leads.Now)));
        _health = new HandoffHealth(_db.Contexts);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Handoffs_and_answers_are_counted_by_the_time_of_each_decision_in_the_half_open_period()
    {
        await SeedHandoffStoryAsync(_db);

        var report = await _health.GetAsync(November);

        Assert.Equal(5, report.Handoffs);   // title, student, student2, reassigned, pending; not the reassignment, not Oct 30 nor Dec 1
        Assert.Equal(2, report.Accepted);   // title, and late (handed off in October, accepted in November)
        Assert.Equal(3, report.Rejected);   // student, student2, reassigned; not october
    }

    [Fact]
    public async Task Acceptance_rate_is_accepted_over_answered_in_the_period()
    {
        await SeedHandoffStoryAsync(_db);

        var report = await _health.GetAsync(November);

        Assert.Equal(0.4, report.AcceptanceRate!.Value, 10);
    }

    [Fact]
    public async Task Rejection_reasons_are_grouped_and_the_most_frequent_comes_first()
    {
        await SeedHandoffStoryAsync(_db);

        var report = await _health.GetAsync(November);

        Assert.Equal([new ReasonCount(ReasonCode.NoBudget, 2), new ReasonCount(ReasonCode.BadTiming, 1)], report.RejectionReasons);
    }

    [Fact]
    public async Task Median_time_to_decide_runs_from_the_latest_handoff_and_survives_a_reassignment()
    {
        await SeedHandoffStoryAsync(_db);

        var report = await _health.GetAsync(November);

        // 2, 4, 6, 10 and 48 hours.
        Assert.Equal(6.0, report.MedianHoursToDecide!.Value, 10);
    }

    [Fact]
    public async Task Median_of_an_even_count_is_the_mean_of_the_two_middle_answers()
    {
        var a = HandedOff(NewLead("a", Utc(2026, 10, 1)), Utc(2026, 11, 2));
        a.Accept(Leads.Rep, Utc(2026, 11, 2, 1), null);
        var b = HandedOff(NewLead("b", Utc(2026, 10, 1)), Utc(2026, 11, 3));
        b.Reject(Leads.Rep, Utc(2026, 11, 3, 4), ReasonCode.NotAFit, null, disqualify: false);
        await SaveAsync(_db, a, b);

        var report = await _health.GetAsync(November);

        Assert.Equal(2.5, report.MedianHoursToDecide!.Value, 10);
        Assert.Equal(0.5, report.AcceptanceRate!.Value, 10);
    }

    [Fact]
    public async Task A_second_handoff_after_a_rejection_restarts_the_clock()
    {
        var lead = HandedOff(NewLead("again", Utc(2026, 10, 1)), Utc(2026, 11, 2));
        lead.Reject(Leads.Rep, Utc(2026, 11, 2, 5), ReasonCode.BadTiming, null, disqualify: false);
        lead.Promote(Leads.Marketer, Utc(2026, 11, 10), "Came back");
        lead.HandOff(Leads.Marketer, Leads.Rep, Utc(2026, 11, 10, 1), null);
        lead.Accept(Leads.Rep, Utc(2026, 11, 10, 4), null);
        await SaveAsync(_db, lead);

        var report = await _health.GetAsync(November);

        Assert.Equal(2, report.Handoffs);
        Assert.Equal(4.0, report.MedianHoursToDecide!.Value, 10); // 5 h and 3 h
    }

    [Fact]
    public async Task Rules_relied_on_compare_the_share_of_rejected_leads_with_the_share_of_accepted_leads()
    {
        await SeedHandoffStoryAsync(_db);

        var rules = (await _health.GetAsync(November)).RulesReliedOn;

        // Rejected: student {student, download}, student2 {student}, reassigned {download, demo}.
        // Accepted: title {title, demo}, late {demo}.
        Assert.Equal(["download", "student", "title", "demo"], rules.Select(r => r.RuleId));
        var download = rules[0];
        Assert.Equal(("Rule download", 2, 0), (download.Label, download.RejectedLeads, download.AcceptedLeads));
        Assert.Equal(2.0 / 3, download.RejectedShare!.Value, 10);
        Assert.Equal(0.0, download.AcceptedShare!.Value, 10);
        var demo = rules[3];
        Assert.Equal(1.0 / 3, demo.RejectedShare!.Value, 10);
        Assert.Equal(1.0, demo.AcceptedShare!.Value, 10);
        Assert.Equal(1.0 / 3 - 1.0, demo.Difference, 10);
    }

    [Fact]
    public async Task Rules_relied_on_follow_a_rescore_of_a_lead_already_counted()
    {
        await SeedHandoffStoryAsync(_db);
        await _health.GetAsync(November);

        // student2 is rescored after its rejection: it now relies on "title", no longer on "student".
        await using (var context = _db.NewContext())
        {
            var lead = await context.Leads.SingleAsync(l => l.EmailNormalized == "student2@acme.com");
            lead.ApplyScore(new ScoreResult(10, 0, [new ScoreLine("title", "Rule title", ScoreComponent.Fit, 10, 1, false)]), 2, Utc(2026, 11, 25));
            await context.SaveChangesAsync();
        }
        var rules = (await _health.GetAsync(November)).RulesReliedOn;

        // Rejected: student {student, download}, student2 {title}, reassigned {download, demo}.
        (int Rejected, int Accepted) Counts(string rule) => rules.Where(r => r.RuleId == rule).Select(r => (r.RejectedLeads, r.AcceptedLeads)).Single();
        Assert.Equal((1, 0), Counts("student"));
        Assert.Equal((1, 1), Counts("title"));
        Assert.Equal((2, 0), Counts("download"));
    }

    [Fact]
    public async Task Rules_relied_on_keep_only_the_top_ones()
    {
        await SeedHandoffStoryAsync(_db);

        var rules = (await _health.GetAsync(November, topRules: 1)).RulesReliedOn;

        Assert.Equal("download", Assert.Single(rules).RuleId);
    }

    [Fact]
    public async Task A_quiet_period_has_zero_counts_and_undefined_rate_and_median()
    {
        await SeedHandoffStoryAsync(_db);

        var report = await _health.GetAsync(new ReportPeriod(Utc(2026, 9, 1), Utc(2026, 10, 1)));

        Assert.Equal((0, 0, 0), (report.Handoffs, report.Accepted, report.Rejected));
        Assert.Null(report.AcceptanceRate);
        Assert.Null(report.MedianHoursToDecide);
        Assert.Empty(report.RejectionReasons);
        Assert.Empty(report.RulesReliedOn);
    }
}
