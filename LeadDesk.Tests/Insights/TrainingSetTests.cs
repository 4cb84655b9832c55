using LeadDesk.Domain.Insights;

namespace LeadDesk.Tests.Insights;

/// <summary>
/// Reading the training set from the database: only closed leads, with their profile and only the events up to their
/// cut-off (nothing after the handoff or the outcome), on either engine.
/// </summary>
public sealed class TrainingSetTests : IAsyncLifetime
{
    private static readonly DateTime Start = Leads.Now.AddDays(-60);
    private InsightsBed _bed = default!;

    public async Task InitializeAsync() => _bed = await InsightsBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static DateTime Day(double day) => Start.AddDays(day);

    /// <summary>Engaged before the handoff (day 10), during the sales process, and after it was won (day 20).</summary>
    private static Lead WonWithLateEvents()
    {
        var lead = Lead.Create(Leads.Profile("won@acme.com"), Start);
        lead.RecordEvent(EngagementEventType.PageVisit, Day(2), "/blog");
        lead.RecordEvent(EngagementEventType.PricingPageVisit, Day(9), "/pricing");
        lead.Promote(Actor.System, Day(9.5), null);
        lead.HandOff(Leads.Marketer, Leads.Rep, Day(10), null);
        lead.RecordEvent(EngagementEventType.PricingPageVisit, Day(10), "/pricing"); // at the cut-off: known at the handoff
        lead.RecordEvent(EngagementEventType.DemoRequest, Day(12), "/demo"); // booked by the rep: after the cut-off
        lead.Accept(Leads.Rep, Day(11), null);
        lead.Qualify(Leads.Rep, Day(13), null);
        lead.ConvertToOpportunity(Leads.Rep, Day(14), 20_000, DateOnly.FromDateTime(Day(40)), null);
        lead.CloseWon(Leads.Rep, Day(20), null);
        lead.RecordEvent(EngagementEventType.WebinarAttended, Day(25), "Onboarding webinar"); // a customer now
        return lead;
    }

    [Fact]
    public async Task Closed_leads_come_with_their_profile_and_only_the_events_up_to_their_cut_off()
    {
        var imported = Lead.Import(Leads.Profile("imported@globex.com") with { Country = "DE", CompanySize = 40 }, Day(0), LifecycleStage.Lost,
            Leads.Marketer, Day(5), "Import: crm.csv");
        imported.RecordEvent(EngagementEventType.EmailOpen, Day(1), null);
        imported.RecordEvent(EngagementEventType.EmailClick, Day(6), null); // after its outcome
        var open = Lead.Create(Leads.Profile("open@initech.com"), Start);
        open.RecordEvent(EngagementEventType.DemoRequest, Day(3), "/demo");
        var screened = Lead.Create(Leads.Profile("student@uni.edu"), Start);
        screened.Disqualify(Leads.Marketer, Day(1), ReasonCode.Student, null);
        await _bed.SaveAsync([WonWithLateEvents(), imported, open, screened]);

        await using var db = _bed.Database.NewContext();
        var closed = await TrainingSet.ClosedLeadsAsync(db, CancellationToken.None);
        var examples = new List<TrainingExample>();
        await foreach (var batch in TrainingSet.ExamplesAsync(db, closed, CancellationToken.None)) examples.AddRange(batch);

        Assert.Equal(2, examples.Count);
        var won = examples.Single(e => e.Won);
        Assert.Equal(("won@acme.com", Day(20), Day(10)), (won.Profile.Email, won.OutcomeAt, won.CutOff));
        Assert.Equal([(EngagementEventType.PageVisit, Day(2)), (EngagementEventType.PricingPageVisit, Day(9)), (EngagementEventType.PricingPageVisit, Day(10))],
            won.Events.Select(e => (e.Type, e.OccurredAt)));
        Assert.Equal((Seniority.VicePresident, "Software", 250), (won.Profile.Seniority, won.Profile.Industry, won.Profile.CompanySize!.Value));
        var lost = examples.Single(e => !e.Won);
        Assert.Equal(("imported@globex.com", Day(5), Day(5), "DE", 40), (lost.Profile.Email, lost.OutcomeAt, lost.CutOff, lost.Profile.Country, lost.Profile.CompanySize!.Value));
        Assert.Equal([EngagementEventType.EmailOpen], lost.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task The_features_of_a_lead_do_not_change_with_what_happened_after_its_cut_off()
    {
        var early = WonWithLateEvents();
        await _bed.SaveAsync([early]);
        await using var db = _bed.Database.NewContext();
        var examples = new List<TrainingExample>();
        await foreach (var batch in TrainingSet.ExamplesAsync(db, await TrainingSet.ClosedLeadsAsync(db, CancellationToken.None), CancellationToken.None))
            examples.AddRange(batch);
        var example = examples.Single();
        var space = FeatureSpace.Learn(Enumerable.Repeat(example, 30).Select((e, i) => e with { LeadId = i, Events = i % 2 == 0 ? e.Events : [] }).ToList(),
            DefaultScoringModel.Definition);

        var atCutOff = space.Vector(example.Profile, example.Events, example.CutOff);
        var withLater = space.Vector(example.Profile, [.. example.Events, new EventOccurrence(EngagementEventType.PricingPageVisit, Day(30))], example.CutOff);

        Assert.Equal(atCutOff, withLater);
        var pricing = space.Features.ToList().FindIndex(f => f.EventType == EngagementEventType.PricingPageVisit);
        Assert.True(atCutOff[pricing] > 1.9f, "two pricing visits up to the handoff, decayed by days at most");
    }

    [Fact]
    public async Task A_lead_is_predicted_from_its_history_up_to_its_first_handoff_or_now()
    {
        var handedOff = Lead.Create(Leads.Profile("handed@acme.com"), Start);
        handedOff.RecordEvent(EngagementEventType.PricingPageVisit, Day(1), "/pricing");
        handedOff.Promote(Actor.System, Day(2), null);
        handedOff.HandOff(Leads.Marketer, Leads.Rep, Day(3), null);
        handedOff.RecordEvent(EngagementEventType.DemoRequest, Day(4), "/demo");
        var fresh = Lead.Create(Leads.Profile("fresh@acme.com"), Start);
        fresh.RecordEvent(EngagementEventType.DemoRequest, Day(4), "/demo");
        await _bed.SaveAsync([handedOff, fresh]);

        await using var db = _bed.Database.NewContext();
        var first = (await TrainingSet.LeadAsync(db, handedOff.Id, Leads.Now, CancellationToken.None))!.Value;
        var second = (await TrainingSet.LeadAsync(db, fresh.Id, Leads.Now, CancellationToken.None))!.Value;

        Assert.Equal((Day(3), 1), (first.CutOff, first.Events.Count));
        Assert.Equal((Leads.Now, 1), (second.CutOff, second.Events.Count));
        Assert.Null(await TrainingSet.LeadAsync(db, 999_999, Leads.Now, CancellationToken.None));
    }
}
