namespace LeadDesk.Domain.Inbox;

/// <summary>
/// How many leads share one stage, status, owner and source. SQLite triggers on <c>Leads</c> keep these rows exact
/// (see <see cref="Persistence.LeadTallyTriggers"/>), so the inbox counts a filter on those columns by summing a few dozen
/// rows instead of walking hundreds of thousands of index entries. An empty owner or source means none.
/// </summary>
internal sealed class LeadTally
{
    private LeadTally() { }

    public LifecycleStage Stage { get; private set; }
    public LeadStatus Status { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string Source { get; private set; } = "";
    public int Count { get; private set; }
}
