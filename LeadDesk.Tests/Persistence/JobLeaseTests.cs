using LeadDesk.Domain.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Persistence;

/// <summary>Two app nodes (two <see cref="JobLeases"/> on one database) competing for the same background work.</summary>
public sealed class JobLeaseTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _db = null!;
    private JobLeases _nodeA = null!, _nodeB = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(_clock);
        (_nodeA, _nodeB) = (new JobLeases(_db.Contexts, _clock), new JobLeases(_db.Contexts, _clock));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Only_one_node_holds_a_lease_and_the_holder_can_renew_it()
    {
        Assert.True(await _nodeA.TryAcquireAsync("work"));
        Assert.False(await _nodeB.TryAcquireAsync("work"));
        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await _nodeA.TryAcquireAsync("work"));   // renewed: 30 s from now
        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.False(await _nodeB.TryAcquireAsync("work"));
        Assert.True(await _nodeB.TryAcquireAsync("other work"));
    }

    [Fact]
    public async Task A_lease_that_is_not_renewed_passes_to_another_node()
    {
        Assert.True(await _nodeA.TryAcquireAsync("work"));

        _clock.Advance(JobLeases.Duration + TimeSpan.FromSeconds(1));   // node A died

        Assert.True(await _nodeB.TryAcquireAsync("work"));
        Assert.False(await _nodeA.TryAcquireAsync("work"));
    }

    [Fact]
    public async Task A_released_lease_can_be_taken_at_once()
    {
        Assert.True(await _nodeA.TryAcquireAsync("work"));

        await _nodeA.ReleaseAsync("work");

        Assert.True(await _nodeB.TryAcquireAsync("work"));
    }

    [Fact]
    public async Task Nodes_asking_at_the_same_moment_get_one_winner()
    {
        var nodes = Enumerable.Range(0, 8).Select(_ => new JobLeases(_db.Contexts, _clock)).ToList();

        var results = await Task.WhenAll(nodes.Select(n => n.TryAcquireAsync("race")));

        Assert.Equal(1, results.Count(won => won));
    }
}
