using LeadDesk.Tests.Analytics;

namespace LeadDesk.Tests.Domain;

/// <summary>
/// What the lifecycle verbs keep for the dashboard as they record each decision: the lead's milestones and latest steps,
/// and on the decision the lead's creation, the handoff an answer closes and how long the completed funnel step took.
/// </summary>
public sealed class LeadTimingsTests
{
    private static readonly DateTime Created = new(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);

    private static DateTime At(int hours) => Created.AddHours(hours);

    private static Decision Last(Lead lead) => lead.Decisions[^1];

    [Fact]
    public void Each_funnel_step_is_measured_from_where_it_began()
    {
        var lead = Lead.Create(Leads.Profile(), Created);
        lead.Promote(Leads.Marketer, At(5), "Good fit");
        Assert.Equal(TimeSpan.FromHours(5), Last(lead).StepDuration);           // Lead → MQL, from creation
        lead.HandOff(Leads.Marketer, Leads.Rep, At(7), null);
        Assert.Equal(TimeSpan.FromHours(2), Last(lead).StepDuration);           // marketing's review, from the entry into MQL
        lead.Reassign(AnalyticsHistory.Manager, Leads.OtherRep, At(8), null);
        Assert.Null(Last(lead).StepDuration);
        lead.Accept(Leads.OtherRep, At(10), null);
        Assert.Equal((TimeSpan.FromHours(5), At(7)), (Last(lead).StepDuration!.Value, Last(lead).HandedOffAt!.Value)); // from the promotion; the handoff, not the reassignment
        lead.Qualify(Leads.Rep, At(20), null);
        Assert.Equal(TimeSpan.FromHours(10), Last(lead).StepDuration);          // SAL → SQL, from the acceptance
        lead.ConvertToOpportunity(Leads.Rep, At(30), 1_000m, new DateOnly(2026, 12, 1), null);
        Assert.Null(Last(lead).StepDuration);
        lead.CloseWon(Leads.Rep, At(50), null);
        Assert.Equal(TimeSpan.FromHours(30), Last(lead).StepDuration);          // SQL → Won, from the qualification
        Assert.All(lead.Decisions, d => Assert.Equal(Created, d.LeadCreatedAt));
    }

    [Fact]
    public void Milestones_keep_the_first_entry_and_latest_steps_the_last()
    {
        var lead = Lead.Create(Leads.Profile(), Created);
        lead.Promote(Leads.Marketer, At(1), "Good fit");
        lead.Recycle(Leads.Marketer, At(2), ReasonCode.BadTiming, null);
        lead.Promote(Leads.Marketer, At(3), "Came back");
        Assert.Null(Last(lead).StepDuration);                                   // not the lead's first promotion
        lead.HandOff(Leads.Marketer, Leads.Rep, At(4), null);
        lead.Reject(Leads.Rep, At(6), ReasonCode.NoBudget, null, disqualify: false);

        Assert.Equal(At(4), Last(lead).HandedOffAt);
        Assert.Equal((At(1), At(3)), (lead.ReachedMqlAt, lead.LastPromotedAt));
        Assert.Equal((TimeSpan?)TimeSpan.FromHours(1), lead.Decisions[1].StepDuration); // the recycle was marketing's first review
        Assert.Null(lead.ReachedSalAt);
        Assert.Null(lead.LastAcceptedAt);
    }

    [Fact]
    public void Only_marketings_first_review_of_an_MQL_is_timed()
    {
        var lead = Lead.Create(Leads.Profile(), Created);
        lead.Promote(Leads.Marketer, At(1), "Good fit");
        lead.HandOff(Leads.Marketer, Leads.Rep, At(3), null);
        lead.Disqualify(Leads.Marketer, At(4), ReasonCode.Student, null);       // a second review: the handoff came first

        Assert.Equal(TimeSpan.FromHours(2), lead.Decisions[1].StepDuration);
        Assert.Null(Last(lead).StepDuration);
        Assert.Null(Last(lead).HandedOffAt);
    }

    [Fact]
    public void An_import_reaches_only_the_stage_it_lands_in_and_starts_no_step()
    {
        var importedAt = At(24);
        var lead = Lead.Import(Leads.Profile(), Created, LifecycleStage.MQL, Leads.Marketer, importedAt, "Import: crm.csv");
        Assert.Equal((importedAt, null, null), (lead.ReachedMqlAt, lead.ReachedSalAt, lead.LastPromotedAt));
        Assert.Null(Last(lead).StepDuration);

        lead.HandOff(Leads.Marketer, Leads.Rep, At(30), null);
        Assert.Equal(TimeSpan.FromHours(6), Last(lead).StepDuration);           // reviewed 6 hours after it came in as an MQL
        lead.Accept(Leads.Rep, At(33), null);
        Assert.Null(Last(lead).StepDuration);                                   // never promoted: no MQL → accepted step
        Assert.Equal(At(30), Last(lead).HandedOffAt);
        Assert.Equal(At(33), lead.ReachedSalAt);
    }

    [Fact]
    public void A_win_without_a_qualification_has_no_SQL_to_won_step()
    {
        var lead = Lead.Import(Leads.Profile(), Created, LifecycleStage.Opportunity, Leads.Marketer, At(1), "Import: crm.csv");
        lead.CloseWon(Leads.Rep, At(9), null);

        Assert.Null(Last(lead).StepDuration);
        Assert.Equal((At(1), At(9), null), (lead.ReachedOpportunityAt, lead.ReachedWonAt, lead.ReachedSqlAt));
    }
}
