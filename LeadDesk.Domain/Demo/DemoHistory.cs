using Bogus;

namespace LeadDesk.Domain.Demo;

/// <summary>Plays one lead's story forward in time through the lifecycle verbs.</summary>
internal sealed class DemoHistory(Lead lead, DemoCast cast, Randomizer random, DateTime now, bool meetsMql)
{
    private DateTime _clock = lead.CreatedAt;
    private DateTime _handedOffAt;

    public void Play()
    {
        if (!meetsMql)
        {
            PlayUnqualified();
            return;
        }
        var promotedByHand = random.Bool(0.1f);
        if (!Step(1, 6)) return;
        lead.Promote(promotedByHand ? cast.Marketer : Actor.System, _clock,
            promotedByHand ? "Asked for a call at our booth." : $"Score {lead.TotalScore} met the MQL definition.");
        if (random.Bool(0.12f) || !Step(0.2, 3)) return; // still waiting for marketing review
        var rep = random.ArrayElement(cast.SalesReps.ToArray());
        lead.HandOff(cast.Marketer, rep, _clock, random.Bool(0.5f) ? "Visited pricing twice this week." : null);
        _handedOffAt = _clock;
        if (random.Bool(0.1f) || !Step(0.1, 4)) return; // pending with sales
        if (random.Bool(0.25f))
        {
            var reason = random.ArrayElement(ReasonCodes.Rejection.ToArray());
            lead.Reject(rep, _clock, reason, reason == ReasonCode.Other ? "Reseller, not an end customer." : NoteFor(reason), disqualify: random.Bool(0.3f));
            return;
        }
        lead.Accept(rep, _clock, null);
        lead.ChangeStatus(random.ArrayElement([LeadStatus.AttemptingContact, LeadStatus.Connected, LeadStatus.InProgress]));
        if (random.Bool(0.2f) || !Step(1, 14)) return; // still being qualified
        if (random.Bool(0.3f))
        {
            lead.Recycle(rep, _clock, ReasonCode.BantNotMet, "No budget until next fiscal year.");
            return;
        }
        lead.Qualify(rep, _clock, "BANT: budget confirmed, talking to the decision maker.");
        if (random.Bool(0.2f) || !Step(1, 10)) return;
        lead.ConvertToOpportunity(rep, _clock, random.Int(5, 120) * 1000m, DateOnly.FromDateTime(_clock.AddDays(random.Int(20, 90))), null);
        if (random.Bool(0.3f) || !Step(5, 40)) return; // open opportunity
        if (random.Bool(DemoOutcome.WonChance(lead, _handedOffAt))) lead.CloseWon(rep, _clock, "Signed the annual plan.");
        else lead.CloseLost(rep, _clock, random.ArrayElement(ReasonCodes.Loss.Where(r => r != ReasonCode.Other).ToArray()), null);
    }

    /// <summary>
    /// An older lead that went all the way through sales: promoted at <paramref name="promotedAt"/> (by its score when it
    /// met the MQL definition then, by hand otherwise), handed off, then won or lost by <see cref="DemoOutcome"/>; a lost
    /// one was rejected and disqualified at once, or lost as an opportunity. Its story ends months before today.
    /// </summary>
    public void PlayToClose(DateTime promotedAt)
    {
        _clock = promotedAt;
        lead.Promote(meetsMql ? Actor.System : cast.Marketer, _clock, meetsMql ? "Score met the MQL definition." : "Asked for a call at our booth.");
        Later(0.1, 2);
        var rep = random.ArrayElement(cast.SalesReps.ToArray());
        lead.HandOff(cast.Marketer, rep, _clock, null);
        _handedOffAt = _clock;
        var won = random.Bool(DemoOutcome.WonChance(lead, _handedOffAt));
        // What sales did with the lead shows in its engagement too: the models must not read it (it is after the cut-off).
        for (var i = random.Int(0, won ? 4 : 1); i > 0; i--)
        {
            lead.RecordEvent(won ? EngagementEventType.PricingPageVisit : EngagementEventType.EmailOpen, _clock.AddDays(random.Double(0.5, 10)),
                won ? "/pricing" : null);
        }
        Later(0.1, 3);
        if (!won && random.Bool(0.3f))
        {
            var reason = random.ArrayElement(ReasonCodes.Rejection.Where(r => r != ReasonCode.Other).ToArray());
            lead.Reject(rep, _clock, reason, NoteFor(reason), disqualify: true);
            return;
        }
        lead.Accept(rep, _clock, null);
        lead.ChangeStatus(LeadStatus.Connected);
        Later(2, 14);
        lead.Qualify(rep, _clock, "BANT: budget confirmed, talking to the decision maker.");
        Later(1, 10);
        lead.ConvertToOpportunity(rep, _clock, random.Int(5, 120) * 1000m, DateOnly.FromDateTime(_clock.AddDays(random.Int(20, 90))), null);
        Later(10, 60);
        if (won) lead.CloseWon(rep, _clock, "Signed the annual plan.");
        else lead.CloseLost(rep, _clock, random.ArrayElement(ReasonCodes.Loss.Where(r => r != ReasonCode.Other).ToArray()), null);
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

    /// <summary>Moves the story clock on by some days, for a story that ends well before today.</summary>
    private void Later(double minDays, double maxDays) => _clock = _clock.AddDays(random.Double(minDays, maxDays));

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
