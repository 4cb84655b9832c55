namespace LeadDesk.Domain.Inbox;

/// <summary>The columns a tally counts leads by; an empty owner or source means none.</summary>
internal interface ITallyKey
{
    LifecycleStage Stage { get; }
    LeadStatus Status { get; }
    string OwnerId { get; }
    string Source { get; }
}

/// <summary>
/// How many leads share one stage, status, owner and source. Triggers on <c>Leads</c> keep these rows exact (see
/// <see cref="Persistence.LeadTallyTriggers"/>), so the inbox counts a filter on those columns by summing a few dozen
/// rows instead of walking hundreds of thousands of index entries. On PostgreSQL the triggers record
/// <see cref="LeadTallyChange"/>s instead, which are added in later: the exact count is the tallies plus the changes.
/// </summary>
internal sealed class LeadTally : ITallyKey
{
    private LeadTally() { }

    public LifecycleStage Stage { get; private set; }
    public LeadStatus Status { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string Source { get; private set; } = "";
    public int Count { get; private set; }
}

/// <summary>
/// PostgreSQL only: leads that entered (+) or left (−) one stage, status, owner and source combination, written by the
/// triggers on <c>Leads</c> and added into <see cref="LeadTally"/> rows by <see cref="Persistence.LeadTallyFolder"/>. Writers
/// only ever insert here, so concurrent transactions never wait for each other on a shared tally row (nor deadlock over
/// two of them), as they would if every new lead updated its tally row in place.
/// </summary>
internal sealed class LeadTallyChange : ITallyKey
{
    private LeadTallyChange() { }

    public long Id { get; private set; }
    public LifecycleStage Stage { get; private set; }
    public LeadStatus Status { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string Source { get; private set; } = "";
    public int Delta { get; private set; }
}
