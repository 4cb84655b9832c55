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

    internal void AssignTo(Actor rep)
    {
        AssignedToId = rep.UserId;
        AssignedToName = rep.Name;
    }

    public const int NoteMaxLength = 2000;
}
