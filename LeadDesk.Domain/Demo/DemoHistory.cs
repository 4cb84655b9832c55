using Bogus;

namespace LeadDesk.Domain.Demo;

/// <summary>Plays one lead's story forward in time through the lifecycle verbs.</summary>
internal sealed class DemoHistory(Lead lead, DemoCast cast, Randomizer random, DateTime now, bool meetsMql)
{
    private DateTime _clock = lead.CreatedAt;

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
        if (random.Bool(0.45f)) lead.CloseWon(rep, _clock, "Signed the annual plan.");
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
