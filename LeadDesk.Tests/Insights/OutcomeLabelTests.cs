using LeadDesk.Domain.Insights;

namespace LeadDesk.Tests.Insights;

/// <summary>Which leads are closed, won or lost, and where their history is cut, read from hand-built decision logs.</summary>
public sealed class OutcomeLabelTests
{
    private static readonly DateTime Start = Leads.Now.AddDays(-60);

    private static DateTime Day(int day) => Start.AddDays(day);

    private static ClosedOutcome? Label(Lead lead) =>
        OutcomeLabel.Of(lead.Decisions.Select(d => new DecisionFact(d.At, d.Verb, d.FromStage, d.ToStage)));

    /// <summary>Promoted on day 1, handed off on day 2, accepted on day 3.</summary>
    private static Lead Accepted()
    {
        var lead = Lead.Create(Leads.Profile(), Start);
        lead.Promote(Actor.System, Day(1), null);
        lead.HandOff(Leads.Marketer, Leads.Rep, Day(2), null);
        lead.Accept(Leads.Rep, Day(3), null);
        return lead;
    }

    private static Lead Opportunity()
    {
        var lead = Accepted();
        lead.Qualify(Leads.Rep, Day(4), null);
        lead.ConvertToOpportunity(Leads.Rep, Day(5), 10_000, DateOnly.FromDateTime(Day(40)), null);
        return lead;
    }

    [Fact]
    public void A_lead_closed_won_is_won_with_its_history_cut_at_the_handoff()
    {
        var lead = Opportunity();
        lead.CloseWon(Leads.Rep, Day(9), null);

        Assert.Equal(new ClosedOutcome(true, Day(9), Day(2)), Label(lead));
    }

    [Fact]
    public void A_lead_closed_lost_is_lost()
    {
        var lead = Opportunity();
        lead.CloseLost(Leads.Rep, Day(9), ReasonCode.Price, null);

        Assert.Equal(new ClosedOutcome(false, Day(9), Day(2)), Label(lead));
    }

    [Fact]
    public void A_lead_disqualified_after_reaching_sales_is_lost()
    {
        var lead = Accepted();
        lead.Disqualify(Leads.Rep, Day(6), ReasonCode.BantNotMet, null);

        Assert.Equal(new ClosedOutcome(false, Day(6), Day(2)), Label(lead));
    }

    [Fact]
    public void A_handoff_rejected_into_disqualified_is_lost_but_rejected_back_to_nurture_is_not_closed()
    {
        var disqualified = Lead.Create(Leads.Profile(), Start);
        disqualified.Promote(Actor.System, Day(1), null);
        disqualified.HandOff(Leads.Marketer, Leads.Rep, Day(2), null);
        disqualified.Reject(Leads.Rep, Day(3), ReasonCode.NotAFit, null, disqualify: true);
        var nurtured = Lead.Create(Leads.Profile(), Start);
        nurtured.Promote(Actor.System, Day(1), null);
        nurtured.HandOff(Leads.Marketer, Leads.Rep, Day(2), null);
        nurtured.Reject(Leads.Rep, Day(3), ReasonCode.BadTiming, null, disqualify: false);

        Assert.Equal(new ClosedOutcome(false, Day(3), Day(2)), Label(disqualified));
        Assert.Null(Label(nurtured));
    }

    [Fact]
    public void A_lead_marketing_disqualified_before_any_handoff_is_not_closed()
    {
        var lead = Lead.Create(Leads.Profile(), Start);
        lead.Promote(Actor.System, Day(1), null);
        lead.Disqualify(Leads.Marketer, Day(2), ReasonCode.Student, null);

        Assert.Null(Label(lead));
    }

    [Fact]
    public void Open_and_recycled_leads_are_not_closed()
    {
        var open = Opportunity();
        var recycled = Accepted();
        recycled.Recycle(Leads.Rep, Day(5), ReasonCode.NoBudget, null);

        Assert.Null(Label(open));
        Assert.Null(Label(recycled));
        Assert.Null(Label(Lead.Create(Leads.Profile(), Start)));
    }

    [Fact]
    public void Only_the_first_outcome_counts_a_lost_deal_won_later_stays_lost()
    {
        var lead = Opportunity();
        lead.CloseLost(Leads.Rep, Day(9), ReasonCode.BadTiming, null);
        lead.Recycle(Leads.Marketer, Day(20), ReasonCode.BadTiming, null);
        lead.Promote(Actor.System, Day(30), null);
        lead.HandOff(Leads.Marketer, Leads.Rep, Day(31), null);
        lead.Accept(Leads.Rep, Day(32), null);
        lead.Qualify(Leads.Rep, Day(33), null);
        lead.ConvertToOpportunity(Leads.Rep, Day(34), 5_000, DateOnly.FromDateTime(Day(50)), null);
        lead.CloseWon(Leads.Rep, Day(40), null);

        Assert.Equal(new ClosedOutcome(false, Day(9), Day(2)), Label(lead));
    }

    [Theory]
    [InlineData(LifecycleStage.Won, true)]
    [InlineData(LifecycleStage.Lost, false)]
    public void A_lead_imported_with_its_outcome_is_closed_at_the_import(LifecycleStage stage, bool won)
    {
        var lead = Lead.Import(Leads.Profile(), Start, stage, Leads.Marketer, Day(1), "Import: crm.csv");

        Assert.Equal(new ClosedOutcome(won, Day(1), Day(1)), Label(lead));
    }

    [Fact]
    public void A_lead_imported_as_sales_accepted_and_disqualified_later_is_lost_cut_at_the_import()
    {
        var lead = Lead.Import(Leads.Profile(), Start, LifecycleStage.SAL, Leads.Marketer, Day(1), "Import: crm.csv");
        lead.Disqualify(Leads.Rep, Day(4), ReasonCode.NotAFit, null);

        Assert.Equal(new ClosedOutcome(false, Day(4), Day(1)), Label(lead));
    }

    [Fact]
    public void A_lead_imported_as_disqualified_is_not_closed()
    {
        var lead = Lead.Import(Leads.Profile(), Start, LifecycleStage.Disqualified, Leads.Marketer, Day(1), "Import: crm.csv");

        Assert.Null(Label(lead));
    }
}
