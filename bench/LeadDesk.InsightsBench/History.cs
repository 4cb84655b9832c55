using LeadDesk.Domain.Demo;
using LeadDesk.Domain.Leads;
using LeadDesk.Domain.Scoring;

namespace LeadDesk.InsightsBench;

/// <summary>
/// Leads with the histories the app records, played through the domain's verbs: closed ones handed off to sales and
/// then won, lost, or disqualified by sales, and open ones (new, MQL, or with sales). Whether a closed lead is won
/// follows a hidden quality of what it was at the handoff (seniority, company size, industry, free-mail, demo requests,
/// webinars), so there is something to learn. Same seed, same leads.
/// </summary>
internal sealed class History(int seed, DateTime now)
{
    private static readonly Actor Marketer = new("bench-marketer", "Bench Marketer");
    private static readonly Actor Rep = new("bench-rep", "Bench Rep");

    private readonly DemoLeadFactory _factory = new(seed);
    private readonly Random _random = new(seed);

    public Lead Closed()
    {
        var (lead, clock) = Engaged(out var quality);
        lead.Promote(Actor.System, clock = clock.AddDays(1), null);
        lead.HandOff(Marketer, Rep, clock = clock.AddDays(1), null);
        // Sales engages the lead after the handoff too: events the training must not see.
        lead.RecordEvent(EngagementEventType.DemoRequest, clock.AddDays(2), "/demo");
        if (_random.NextDouble() < 0.15 * (1 - quality))
        {
            lead.Reject(Rep, clock.AddDays(1), ReasonCode.NotAFit, null, disqualify: true);
            return lead;
        }
        lead.Accept(Rep, clock = clock.AddDays(1), null);
        lead.Qualify(Rep, clock = clock.AddDays(3), null);
        lead.ConvertToOpportunity(Rep, clock = clock.AddDays(2), 20_000, DateOnly.FromDateTime(clock.AddDays(30)), null);
        if (_random.NextDouble() < quality) lead.CloseWon(Rep, clock.AddDays(10), null);
        else lead.CloseLost(Rep, clock.AddDays(10), ReasonCode.Price, null);
        return lead;
    }

    public Lead Open()
    {
        var (lead, clock) = Engaged(out _);
        if (_random.NextDouble() < 0.3) lead.Promote(Actor.System, clock = clock.AddDays(1), null);
        if (lead.Stage == LifecycleStage.MQL && _random.NextDouble() < 0.5) lead.HandOff(Marketer, Rep, clock.AddDays(1), null);
        return lead;
    }

    /// <summary>A profile and engagement in the 30 days after its creation, some time in the last year and a half.</summary>
    public (LeadProfile Profile, EventOccurrence[] Events, DateTime CreatedAt) Sample()
    {
        var created = now.AddDays(-_random.Next(45, 500));
        var events = _factory.NextEvents(created, created.AddDays(30), _random.NextDouble() * 1.6)
            .Select(e => new EventOccurrence(e.Type, e.At)).OrderBy(e => e.OccurredAt).ToArray();
        return (_factory.NextProfile(), events, created);
    }

    private (Lead Lead, DateTime Clock) Engaged(out double quality)
    {
        var (profile, events, created) = Sample();
        var lead = Lead.Create(profile, created);
        foreach (var e in events) lead.RecordEvent(e.Type, e.OccurredAt, null);
        var clock = events.Length > 0 ? events.Max(e => e.OccurredAt) : created;
        var odds = -1.2
            + (profile.Seniority >= Seniority.Director ? 1.4 : 0)
            + (profile.CompanySize >= 200 ? 0.8 : 0)
            + (profile.Industry is "Software" or "Financial Services" ? 1.0 : profile.Industry == "Retail" ? -1.0 : 0)
            + (DefaultScoringModel.FreeMailDomains.Contains(profile.EmailDomain) ? -1.5 : 0)
            + (events.Any(e => e.Type == EngagementEventType.DemoRequest) ? 1.5 : 0)
            + (events.Any(e => e.Type == EngagementEventType.WebinarAttended) ? 1.0 : 0)
            - 0.4 * events.Count(e => e.Type == EngagementEventType.ContentDownload);
        quality = 1 / (1 + Math.Exp(-odds));
        return (lead, clock);
    }
}
