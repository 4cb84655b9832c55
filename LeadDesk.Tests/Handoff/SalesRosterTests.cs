using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Identity;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Handoff;

/// <summary>
/// Who receives handoffs: the active Sales users, round-robin. Each test starts with no staff and adds the reps it needs
/// as Identity users in the Sales role.
/// </summary>
public sealed class SalesRosterTests : IAsyncLifetime
{
    private static readonly Caller Ana = CallerOf(new Actor("rep-ana", "Ana Alves"), Roles.Sales);
    private static readonly Caller Bruno = CallerOf(new Actor("rep-bruno", "Bruno Braga"), Roles.Sales);
    private static readonly Caller Carla = CallerOf(new Actor("rep-carla", "Carla Costa"), Roles.Sales);
    private static readonly Caller Dora = CallerOf(new Actor("rep-dora", "Dora Dias"), Roles.Sales);

    private HandoffTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await HandoffTestBed.CreateAsync(withStaff: false);
        await _bed.AddUserAsync(Marketer);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<List<int>> MqlsAsync(int count)
    {
        var ids = new List<int>();
        for (var i = 0; i < count; i++) ids.Add(await _bed.AddLeadAsync(LifecycleStage.MQL));
        return ids;
    }

    private async Task<List<string?>> HandOffAsync(IReadOnlyList<int> ids)
    {
        var results = await _bed.Service.HandOffAsync(Marketer, ids, null);
        Assert.All(results, r => Assert.Null(r.Error));
        return results.Select(r => r.RepName).ToList();
    }

    [Fact]
    public async Task Nine_leads_over_three_reps_give_each_rep_three_in_turn()
    {
        foreach (var rep in new[] { Carla, Ana, Bruno }) await _bed.AddUserAsync(rep);

        var reps = await HandOffAsync(await MqlsAsync(9));

        string[] turn = [Ana.Name, Bruno.Name, Carla.Name];
        Assert.Equal([.. turn, .. turn, .. turn], reps);
    }

    [Fact]
    public async Task The_turn_carries_over_from_one_handoff_to_the_next()
    {
        foreach (var rep in new[] { Ana, Bruno, Carla }) await _bed.AddUserAsync(rep);

        var morning = await HandOffAsync(await MqlsAsync(2));
        _bed.Clock.Advance(TimeSpan.FromHours(3));
        var afternoon = await HandOffAsync(await MqlsAsync(2));

        Assert.Equal([Ana.Name, Bruno.Name], morning);
        Assert.Equal([Carla.Name, Ana.Name], afternoon);
    }

    [Fact]
    public async Task A_rep_who_joins_later_gets_the_next_lead()
    {
        foreach (var rep in new[] { Ana, Bruno }) await _bed.AddUserAsync(rep);
        await HandOffAsync(await MqlsAsync(2));

        await _bed.AddUserAsync(Dora);

        Assert.Equal([Dora.Name, Ana.Name], await HandOffAsync(await MqlsAsync(2)));
    }

    [Fact]
    public async Task A_reassigned_handoff_counts_as_the_new_rep_s_turn()
    {
        foreach (var rep in new[] { Ana, Bruno, Carla }) await _bed.AddUserAsync(rep);
        await _bed.AddUserAsync(Manager);
        var first = Assert.Single(await MqlsAsync(1));
        Assert.Equal([Ana.Name], await HandOffAsync([first]));

        _bed.Clock.Advance(TimeSpan.FromMinutes(1));
        await _bed.Service.ReassignAsync(Manager, first, Bruno.UserId, null);
        _bed.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([Carla.Name, Ana.Name, Bruno.Name], await HandOffAsync(await MqlsAsync(3)));
    }

    [Fact]
    public async Task A_locked_out_rep_is_skipped_and_one_whose_lockout_ended_is_back()
    {
        await _bed.AddUserAsync(Ana);
        await _bed.AddUserAsync(Bruno, lockoutEnd: Start.AddDays(1));
        await _bed.AddUserAsync(Carla, lockoutEnd: Start.AddDays(-1));

        var reps = await HandOffAsync(await MqlsAsync(4));

        Assert.Equal([Ana.Name, Carla.Name, Ana.Name, Carla.Name], reps);
        Assert.Equal([Ana.Name, Carla.Name], (await _bed.Roster.GetActiveRepsAsync()).Select(r => r.Name));
    }

    [Fact]
    public async Task Users_outside_the_Sales_role_never_receive_handoffs()
    {
        await _bed.AddUserAsync(Manager);
        await _bed.AddUserAsync(CallerOf(new Actor("mixed-1", "Aaron Both"), Roles.Marketing, Roles.Sales));
        await _bed.AddUserAsync(Ana);

        Assert.Equal(["Aaron Both", Ana.Name], (await _bed.Roster.GetActiveRepsAsync()).Select(r => r.Name));
        Assert.Equal(["Aaron Both", Ana.Name, "Aaron Both"], await HandOffAsync(await MqlsAsync(3)));
    }

    [Fact]
    public async Task With_no_active_rep_the_handoff_fails_with_NoActiveRep_and_nothing_changes()
    {
        await _bed.AddUserAsync(Manager);
        await _bed.AddUserAsync(Bruno, lockoutEnd: DateTimeOffset.MaxValue);
        var ids = await MqlsAsync(2);
        var before = await Task.WhenAll(ids.Select(_bed.SnapshotAsync));

        var results = await _bed.Service.HandOffAsync(Marketer, ids, null);

        Assert.All(results, r => Assert.Equal("NoActiveRep", r.Error?.Code));
        Assert.All(results, r => Assert.Null(r.RepName));
        Assert.Equal(before, await Task.WhenAll(ids.Select(_bed.SnapshotAsync)));
        Assert.Empty(_bed.Notifier.Published);
    }
}
