using LeadDesk.Domain.Handoff;

namespace LeadDesk.Tests.Handoff;

/// <summary>Keeps every notification the service publishes, in order.</summary>
public sealed class RecordingNotifier : ILeadNotifier
{
    private readonly Lock _gate = new();
    private readonly List<LeadNotification> _published = [];

    public IReadOnlyList<LeadNotification> Published
    {
        get { lock (_gate) return [.. _published]; }
    }

    public void Publish(LeadNotification notification)
    {
        lock (_gate) _published.Add(notification);
    }

    public IDisposable Subscribe(Func<LeadNotification, Task> handler) => throw new NotSupportedException("The tests read Published.");
}
