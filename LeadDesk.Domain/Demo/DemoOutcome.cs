namespace LeadDesk.Domain.Demo;

/// <summary>
/// How likely a demo lead that reached sales is to be won, from what marketing knew at the handoff. The demo's sales are
/// not coin tosses, so closed-loop scoring has something real to find: seniority, company size, industry and the buying
/// signals matter, and so does the channel, which the shipped rules do not look at (referrals and events close, paid
/// social does not); country, department, revenue, email opens and plain page visits, which the rules reward, do not.
/// </summary>
internal static class DemoOutcome
{
    /// <summary>
    /// How strongly the signals decide the outcome, against chance: strong enough that a few hundred closed leads show
    /// them, loose enough that no lead's outcome is certain.
    /// </summary>
    private const double Strength = 1.5;

    /// <summary>The log-odds of a lead with none of the signals: about 30 % of them are won.</summary>
    private const double Baseline = -0.9;

    public static float WonChance(Lead lead, DateTime handedOffAt)
    {
        var profile = lead.Profile;
        var signals = 0.0;
        signals += profile.Seniority switch
        {
            Seniority.Executive or Seniority.Owner => 0.9,
            Seniority.VicePresident or Seniority.Director => 0.6,
            Seniority.Manager => 0.2,
            Seniority.IndividualContributor => -0.4,
            Seniority.Entry => -1.2,
            _ => 0,
        };
        signals += profile.CompanySize switch
        {
            null => 0,
            < 10 => -0.9,
            < 50 => 0,
            < 1000 => 0.6,
            _ => 0.2, // large companies buy, but slowly and by committee
        };
        signals += profile.Industry switch
        {
            "Software" => 0.7,
            "Financial Services" => 0.4,
            "Retail" => -0.4,
            "Education" => -0.7,
            _ => 0,
        };
        signals += profile.Source switch
        {
            "Referral" => 1.0,
            "Events" => 0.7,
            "Webinar" => 0.3,
            "Paid social" => -0.7,
            "Social" => -0.5,
            _ => 0,
        };
        if (profile.Email is { } email && DefaultScoringModel.FreeMailDomains.Any(d => email.EndsWith("@" + d, StringComparison.OrdinalIgnoreCase)))
            signals -= 0.7;

        var before = lead.Events.Where(e => e.OccurredAt <= handedOffAt).ToList();
        if (before.Any(e => e.Type == EngagementEventType.DemoRequest)) signals += 1.0;
        signals += 0.35 * Math.Min(3, before.Count(e => e.Type == EngagementEventType.PricingPageVisit));
        if (before.Any(e => e.Type == EngagementEventType.WebinarAttended)) signals += 0.5;
        if (before.Any(e => e.Type == EngagementEventType.CareersPageVisit)) signals -= 0.9;
        return (float)(1 / (1 + Math.Exp(-(Baseline + Strength * signals))));
    }
}
