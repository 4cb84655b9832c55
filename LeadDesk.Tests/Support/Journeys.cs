namespace LeadDesk.Tests.Support;

/// <summary>Brings a lead to a stage the way people would: by legal verbs only, one hour apart.</summary>
public static class Journeys
{
    /// <summary>
    /// Moves <paramref name="lead"/> (a new lead, in stage Lead) to <paramref name="stage"/>. <paramref name="rep"/> takes the
    /// handoff on the way to SAL and beyond; for MQL, <paramref name="pendingHandoff"/> leaves a handoff waiting for the rep.
    /// </summary>
    public static Lead MoveTo(Lead lead, LifecycleStage stage, Actor? rep = null, DateTime? start = null, bool pendingHandoff = false)
    {
        if (lead.Stage != LifecycleStage.Lead) throw new InvalidOperationException("Journeys start from a new lead.");
        rep ??= Leads.Rep;
        var t = start ?? lead.CreatedAt;
        DateTime Next() => t = t.AddHours(1);

        void ToSal()
        {
            lead.Promote(Leads.Marketer, Next(), "Good fit");
            lead.HandOff(Leads.Marketer, rep, Next(), null);
            lead.Accept(rep, Next(), null);
        }

        switch (stage)
        {
            case LifecycleStage.Lead:
                break;
            case LifecycleStage.MQL:
                lead.Promote(Leads.Marketer, Next(), "Good fit");
                if (pendingHandoff) lead.HandOff(Leads.Marketer, rep, Next(), null);
                break;
            case LifecycleStage.SAL:
                ToSal();
                break;
            case LifecycleStage.SQL:
                ToSal();
                lead.Qualify(rep, Next(), null);
                break;
            case LifecycleStage.Opportunity:
            case LifecycleStage.Won:
            case LifecycleStage.Lost:
                ToSal();
                lead.Qualify(rep, Next(), null);
                lead.ConvertToOpportunity(rep, Next(), 12_000m, new DateOnly(2027, 1, 31), null);
                if (stage == LifecycleStage.Won) lead.CloseWon(rep, Next(), null);
                if (stage == LifecycleStage.Lost) lead.CloseLost(rep, Next(), ReasonCode.Price, null);
                break;
            case LifecycleStage.Nurture:
                lead.Recycle(Leads.Marketer, Next(), ReasonCode.BadTiming, null);
                break;
            case LifecycleStage.Disqualified:
                lead.Disqualify(Leads.Marketer, Next(), ReasonCode.Spam, null);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stage), stage, "No journey to this stage.");
        }
        if (lead.Stage != stage) throw new InvalidOperationException($"The journey ended in {lead.Stage}, not {stage}.");
        return lead;
    }
}
