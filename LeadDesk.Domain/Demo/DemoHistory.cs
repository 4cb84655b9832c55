using Bogus;

namespace LeadDesk.Domain.Demo;

/// <summary>
/// Plays one lead's story forward in time through the lifecycle verbs. How a handed-off lead fares with sales follows
/// a hidden <see cref="Quality"/> of the lead (who they are and what they did before the handoff), not the scoring
/// model, so that the closed leads have something to teach closed-loop scoring that the hand-made rules do not know.
/// </summary>
internal sealed class DemoHistory(Lead lead, DemoCast cast, Randomizer random, DateTime now, bool meetsMql)
{
    private DateTime _clock = lead.CreatedAt;

    public void Play()
    {
        // Below the MQL definition, a marketer still promotes some leads by hand (a call at a booth, a referral).
        if (!meetsMql && !random.Bool(0.15f))
        {
            PlayUnqualified();
            return;
        }
        var promotedByHand = !meetsMql || random.Bool(0.1f);
        if (!Step(1, 6)) return;
        lead.Promote(promotedByHand ? cast.Marketer : Actor.System, _clock,
            promotedByHand ? "Asked for a call at our booth." : $"Score {lead.TotalScore} met the MQL definition.");
        if (random.Bool(0.08f) || !Step(0.2, 3)) return; // still waiting for marketing review
        var rep = random.ArrayElement(cast.SalesReps.ToArray());
        lead.HandOff(cast.Marketer, rep, _clock, random.Bool(0.5f) ? "Visited pricing twice this week." : null);
        var quality = Quality();
        if (random.Bool(0.06f) || !Step(0.1, 4)) return; // pending with sales
        if (random.Bool((float)(0.1 + 0.3 * (1 - quality))))
        {
            var reason = random.ArrayElement(ReasonCodes.Rejection.ToArray());
            lead.Reject(rep, _clock, reason, reason == ReasonCode.Other ? "Reseller, not an end customer." : NoteFor(reason), disqualify: random.Bool(0.5f));
            return;
        }
        lead.Accept(rep, _clock, null);
        lead.ChangeStatus(random.ArrayElement([LeadStatus.AttemptingContact, LeadStatus.Connected, LeadStatus.InProgress]));
        if (random.Bool(0.1f) || !Step(1, 10)) return; // still being qualified
        if (random.Bool((float)(0.35 * (1 - quality))))
        {
            if (random.Bool(0.5f)) lead.Recycle(rep, _clock, ReasonCode.BantNotMet, "No budget until next fiscal year.");
            else lead.Disqualify(rep, _clock, ReasonCode.BantNotMet, "No budget and no authority: not a buyer.");
            return;
        }
        lead.Qualify(rep, _clock, "BANT: budget confirmed, talking to the decision maker.");
        if (random.Bool(0.1f) || !Step(1, 7)) return;
        lead.ConvertToOpportunity(rep, _clock, random.Int(5, 120) * 1000m, DateOnly.FromDateTime(_clock.AddDays(random.Int(20, 90))), null);
        if (random.Bool(0.15f) || !Step(3, 25)) return; // open opportunity
        if (random.Bool((float)quality)) lead.CloseWon(rep, _clock, "Signed the annual plan.");
        else lead.CloseLost(rep, _clock, random.ArrayElement(ReasonCodes.Loss.Where(r => r != ReasonCode.Other).ToArray()), null);
    }

    /// <summary>
    /// How likely sales is to win the lead, from what was known at the handoff: senior buyers at larger companies in
    /// software and financial services who asked for a demo or came to a webinar do well; free-mail addresses and
    /// research-only downloads do not. Some of this the default rules reward, some they miss or weigh differently.
    /// </summary>
    private double Quality()
    {
        var profile = lead.Profile;
        var before = lead.Events.Where(e => e.OccurredAt <= _clock).ToList();
        var odds = -1.8
            + (profile.Seniority >= Seniority.Director ? 1.6 : 0)
            + (profile.CompanySize >= 200 ? 1.0 : 0)
            + (profile.Industry is "Software" or "Financial Services" ? 1.5 : profile.Industry == "Retail" ? -1.2 : 0)
            + (profile.Country is "BR" or "MX" or "ES" ? 1.0 : 0)
            + (DefaultScoringModel.FreeMailDomains.Contains(profile.EmailDomain) ? -2.0 : 0)
            + (before.Any(e => e.Type == EngagementEventType.DemoRequest) ? 2.0 : 0)
            + (before.Any(e => e.Type == EngagementEventType.WebinarAttended) ? 1.5 : 0)
            - 0.6 * before.Count(e => e.Type == EngagementEventType.ContentDownload);
        return 1 / (1 + Math.Exp(-odds));
    }

    private void PlayUnqualified()
    {
        if (lead.FitScore < 0 && random.Bool(0.5f) && Step(0.5, 20))
        {
            var reason = lead.Profile.JobTitle?.Contains("Student", StringComparison.OrdinalIgnoreCase) == true ? ReasonCode.Student : ReasonCode.NotAFit;
            lead.Disqualify(cast.Marketer, _clock, reason, null);
        }
        else if (random.Bool(0.08f) && Step(2, 30))
        {
            lead.Recycle(cast.Marketer, _clock, ReasonCode.BadTiming, "Not engaging yet; moved to the monthly newsletter.");
        }
    }

    /// <summary>Moves the story clock on by some days; false when that would pass today.</summary>
    private bool Step(double minDays, double maxDays)
    {
        var next = _clock.AddDays(random.Double(minDays, maxDays));
        if (next >= now) return false;
        _clock = next;
        return true;
    }

    private static string? NoteFor(ReasonCode reason) => reason switch
    {
        ReasonCode.NoBudget => "Budget frozen until next year.",
        ReasonCode.WrongContact => "Not the person who buys; gave us a colleague's name.",
        ReasonCode.Unresponsive => "Three calls and two emails, no answer.",
        ReasonCode.Duplicate => "Already in talks through another contact.",
        _ => null,
    };
}
