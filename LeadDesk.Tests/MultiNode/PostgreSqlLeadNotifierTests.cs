using LeadDesk.Domain.Handoff;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Tests.MultiNode;

/// <summary>The notifier of several nodes: what one publishes, every node's subscribers receive, in order.</summary>
[Trait("Category", "PostgreSqlOnly")]
public sealed class PostgreSqlLeadNotifierTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PostgreSqlLeadNotifier _nodeA = null!, _nodeB = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _nodeA = new PostgreSqlLeadNotifier(_database.ConnectionString, NullLogger<PostgreSqlLeadNotifier>.Instance);
        _nodeB = new PostgreSqlLeadNotifier(_database.ConnectionString, NullLogger<PostgreSqlLeadNotifier>.Instance);
        await _nodeA.StartAsync(CancellationToken.None);
        await _nodeB.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.StopAsync(CancellationToken.None);
        await _nodeB.StopAsync(CancellationToken.None);
        _nodeA.Dispose();
        _nodeB.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task What_one_node_publishes_reaches_the_subscribers_of_both_nodes_in_order()
    {
        var onA = new List<int>();
        var onB = new List<int>();
        var bothGotThree = new TaskCompletionSource();
        void Check()
        {
            lock (onA) lock (onB)
                if (onA.Count == 3 && onB.Count == 3) bothGotThree.TrySetResult();
        }
        using var a = _nodeA.Subscribe(n => { lock (onA) onA.Add(n.LeadId); Check(); return Task.CompletedTask; });
        using var b = _nodeB.Subscribe(n => { lock (onB) onB.Add(n.LeadId); Check(); return Task.CompletedTask; });
        await Task.Delay(500); // both LISTEN connections are up

        foreach (var id in new[] { 1, 2, 3 })
            _nodeB.Publish(new LeadNotification(id, $"Lead {id}", LifecycleVerb.HandOff, LifecycleStage.MQL, "mkt", "Marta", "rep", Leads.Now));

        await bothGotThree.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal([1, 2, 3], onA.Order());
        Assert.Equal([1, 2, 3], onB.Order());
    }
}
