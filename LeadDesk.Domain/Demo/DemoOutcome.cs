namespace LeadDesk.Domain.Demo;

/// <summary>
/// How likely a demo lead that reached sales is to be won, from what marketing knew at the handoff. The demo's sales are
/// not coin tosses, so closed-loop scoring has something real to find: seniority, company size, industry and the buying
/// signals matter; email opens and plain page visits, which the shipped rules still reward, do not.
/// </summary>
internal static class DemoOutcome
{
    public static float WonChance(Lead lead, DateTime handedOffAt)
    {
        var profile = lead.Profile;
        var logit = -0.9;
        logit += profile.Seniority switch
        {
            Seniority.Executive or Seniority.Owner => 0.9,
            Seniority.VicePresident or Seniority.Director => 0.6,
            Seniority.Manager => 0.2,
            Seniority.IndividualContributor => -0.4,
            Seniority.Entry => -1.2,
            _ => 0,
        };
        logit += profile.CompanySize switch
        {
            null => 0,
            < 10 => -0.9,
            < 50 => 0,
            < 1000 => 0.6,
            _ => 0.2, // large companies buy, but slowly and by committee
        };
        logit += profile.Industry switch
        {
            "Software" => 0.7,
            "Financial Services" => 0.4,
            "Retail" => -0.4,
            "Education" => -0.7,
            _ => 0,
        };
        if (profile.Email is { } email && DefaultScoringModel.FreeMailDomains.Any(d => email.EndsWith("@" + d, StringComparison.OrdinalIgnoreCase)))
            logit -= 0.7;

        var before = lead.Events.Where(e => e.OccurredAt <= handedOffAt).ToList();
        if (before.Any(e => e.Type == EngagementEventType.DemoRequest)) logit += 1.0;
        logit += 0.35 * Math.Min(3, before.Count(e => e.Type == EngagementEventType.PricingPageVisit));
        if (before.Any(e => e.Type == EngagementEventType.WebinarAttended)) logit += 0.5;
        if (before.Any(e => e.Type == EngagementEventType.CareersPageVisit)) logit -= 0.9;
        return (float)(1 / (1 + Math.Exp(-logit)));
    }
}
