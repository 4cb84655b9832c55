namespace LeadDesk.Domain.Leads;

/// <summary>
/// One stage move, recorded for ever. Decisions are appended by <see cref="Lead"/> and never updated or deleted;
/// stage-entry times and time in stage are read from them.
/// </summary>
public sealed class Decision
{
    private Decision() { }

    internal Decision(Lead lead, Actor actor, DateTime at, LifecycleStage from, LifecycleStage to,
        LifecycleVerb verb, ReasonCode? reason, string? note)
    {
        Lead = lead;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        At = at;
        FromStage = from;
        ToStage = to;
        Verb = verb;
        Reason = reason;
        Note = note;
        ScoreAtDecision = lead.TotalScore;
        LeadCreatedAt = lead.CreatedAt;
    }

    public long Id { get; private set; }
    public int LeadId { get; private set; }
    public Lead Lead { get; private set; } = null!;
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }
    public LifecycleStage FromStage { get; private set; }
    public LifecycleStage ToStage { get; private set; }
    public LifecycleVerb Verb { get; private set; }
    public ReasonCode? Reason { get; private set; }
    public string? Note { get; private set; }
    public int ScoreAtDecision { get; private set; }
    /// <summary>The rep a handoff was given to (HandOff and Reassign only).</summary>
    public string? AssignedToId { get; private set; }
    public string? AssignedToName { get; private set; }

    /// <summary>The lead's creation time, copied (it never changes): the cohort funnel counts its leads' moves from decisions alone.</summary>
    public DateTime LeadCreatedAt { get; private set; }

    /// <summary>Accept and Reject: when the handoff they answer was made (a Reassign does not restart it); null for other verbs.</summary>
    public DateTime? HandedOffAt { get; private set; }

    /// <summary>
    /// How long the funnel step this decision completes took: Lead → MQL for the lead's first promotion (from its
    /// creation), MQL → accepted for an acceptance (from the latest promotion), SAL → SQL for a qualification (from the
    /// latest acceptance), SQL → Won for a win (from the latest qualification), and the MQL review for marketing's first
    /// handoff, recycle or disqualification of an MQL (from its entry into MQL). Null for every other decision, and when
    /// the step's start was never recorded (a lead imported straight into a later stage).
    /// </summary>
    public TimeSpan? StepDuration { get; private set; }

    /// <summary>The times measured at the moment of the decision, from the lead as it was (<see cref="Lead"/>).</summary>
    internal void Measure(DateTime? stepStartedAt, DateTime? handedOffAt)
    {
        StepDuration = At - stepStartedAt;
        HandedOffAt = handedOffAt;
    }

    internal void AssignTo(Actor rep)
    {
        AssignedToId = rep.UserId;
        AssignedToName = rep.Name;
    }

    public const int NoteMaxLength = 2000;
}
