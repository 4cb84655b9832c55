using LeadDesk.Domain.Assignment;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Sla;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Handoff;

/// <summary>
/// The round-robin under the assignment rules a manager sets: who takes part, territories, daily capacity, away reps.
/// Each test starts with no staff but the marketer and the manager and adds the reps it needs. The clock starts on
/// Monday November 23, 2026 at 12:00 UTC.
/// </summary>
public sealed class AssignmentRulesTests : IAsyncLifetime
{
    private static readonly Caller Ana = CallerOf(new Actor("rep-ana", "Ana Alves"), Roles.Sales);
    private static readonly Caller Bruno = CallerOf(new Actor("rep-bruno", "Bruno Braga"), Roles.Sales);
    private static readonly Caller Carla = CallerOf(new Actor("rep-carla", "Carla Costa"), Roles.Sales);
    private static readonly Caller Dora = CallerOf(new Actor("rep-dora", "Dora Dias"), Roles.Sales);

    private HandoffTestBed _bed = null!;

    public Task InitializeAsync() => StartAsync(TeamTimeZone.Utc);

    private async Task StartAsync(TeamTimeZone zone)
    {
        _bed = await HandoffTestBed.CreateAsync(withStaff: false, zone);
        await _bed.AddUserAsync(Marketer);
        await _bed.AddUserAsync(Manager);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static RepRules Rules(string[]? territory = null, int? capacity = null, bool away = false, bool takesPart = true) =>
        new(takesPart, territory ?? [], capacity, away);

    private async Task AddRepsAsync(params Caller[] reps)
    {
        foreach (var rep in reps) await _bed.AddUserAsync(rep);
    }

    /// <summary>MQLs from <paramref name="country"/> (null: no country).</summary>
    private async Task<List<int>> MqlsAsync(int count, string? country = "BR")
    {
        var ids = new List<int>();
        for (var i = 0; i < count; i++)
            ids.Add(await _bed.AddLeadAsync(LifecycleStage.MQL, arrange: lead => lead.UpdateProfile(lead.Profile with { Country = country })));
        return ids;
    }

    private async Task<List<string?>> HandOffAsync(IReadOnlyList<int> ids)
    {
        var results = await _bed.Service.HandOffAsync(Marketer, ids, null);
        Assert.All(results, r => Assert.Null(r.Error));
        return results.Select(r => r.RepName).ToList();
    }

    private async Task<List<string?>> HandOffFromAsync(string? country, int count) => await HandOffAsync(await MqlsAsync(count, country));

    // ---- fairness ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Over_many_handoffs_in_batches_every_rep_gets_as_many_as_any_other_give_or_take_one()
    {
        await AddRepsAsync(Dora, Bruno, Ana, Carla);
        var received = new List<string?>();
        foreach (var batch in new[] { 7, 1, 13, 25, 2, 19, 36 })
        {
            received.AddRange(await HandOffFromAsync("BR", batch));
            _bed.Clock.Advance(TimeSpan.FromMinutes(17));
        }

        var counts = received.GroupBy(n => n).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(103, received.Count);
        Assert.Equal(4, counts.Count);
        Assert.True(counts.Values.Max() - counts.Values.Min() <= 1, string.Join(", ", counts));
    }

    [Fact]
    public async Task Fairness_holds_inside_a_territory_and_among_the_reps_without_one()
    {
        await AddRepsAsync(Ana, Bruno, Carla, Dora);
        await _bed.SetRulesAsync(Ana, Rules(["BR"]));
        await _bed.SetRulesAsync(Bruno, Rules(["BR"]));

        var brazil = new List<string?>();
        var elsewhere = new List<string?>();
        for (var round = 0; round < 11; round++)
        {
            brazil.AddRange(await HandOffFromAsync("BR", 3));
            elsewhere.AddRange(await HandOffFromAsync(round % 2 == 0 ? "DE" : null, 2));
        }

        Assert.Equal(33, brazil.Count);
        Assert.Equal([Ana.Name, Bruno.Name], brazil.Distinct().Order());
        Assert.InRange(brazil.Count(n => n == Ana.Name), 16, 17);
        Assert.Equal([Carla.Name, Dora.Name], elsewhere.Distinct().Order());
        Assert.Equal(11, elsewhere.Count(n => n == Carla.Name));
    }

    // ---- territory --------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_lead_from_a_rep_s_territory_goes_to_that_rep_and_other_leads_to_the_reps_without_territory()
    {
        await AddRepsAsync(Ana, Bruno, Carla, Dora);
        await _bed.SetRulesAsync(Ana, Rules(["br", " PT "]));   // saved as BR, PT
        await _bed.SetRulesAsync(Bruno, Rules(["US"]));

        Assert.Equal([Ana.Name, Ana.Name], await HandOffFromAsync("BR", 2));
        Assert.Equal([Ana.Name], await HandOffFromAsync("PT", 1));
        Assert.Equal([Bruno.Name], await HandOffFromAsync("US", 1));
        Assert.Equal([Carla.Name, Dora.Name, Carla.Name], await HandOffFromAsync("DE", 3));
        Assert.Equal([Dora.Name], await HandOffFromAsync(null, 1));
        Assert.Equal(["BR", "PT"], (await _bed.Rules.GetAsync(Manager)).Single(r => r.UserId == Ana.UserId).Rules.Territory);
    }

    [Fact]
    public async Task When_every_rep_has_a_territory_a_lead_from_elsewhere_goes_round_all_of_them()
    {
        await AddRepsAsync(Ana, Bruno);
        await _bed.SetRulesAsync(Ana, Rules(["BR"]));
        await _bed.SetRulesAsync(Bruno, Rules(["US"]));

        Assert.Equal([Ana.Name, Bruno.Name, Ana.Name], await HandOffFromAsync("JP", 3));
        Assert.Equal([Ana.Name], await HandOffFromAsync("BR", 1));
    }

    [Fact]
    public async Task When_the_territory_reps_are_away_or_full_the_reps_without_territory_take_the_lead()
    {
        await AddRepsAsync(Ana, Bruno, Carla);
        await _bed.SetRulesAsync(Ana, Rules(["BR"], away: true));
        await _bed.SetRulesAsync(Bruno, Rules(["BR"], capacity: 1));

        Assert.Equal([Bruno.Name, Carla.Name, Carla.Name], await HandOffFromAsync("BR", 3));
    }

    // ---- capacity ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_rep_at_capacity_is_skipped_for_the_rest_of_the_day()
    {
        await AddRepsAsync(Ana, Bruno);
        await _bed.SetRulesAsync(Ana, Rules(capacity: 2));

        Assert.Equal([Ana.Name, Bruno.Name, Ana.Name, Bruno.Name, Bruno.Name, Bruno.Name], await HandOffFromAsync("BR", 6));
        var ana = (await _bed.Rules.GetAsync(Manager)).Single(r => r.UserId == Ana.UserId);
        Assert.Equal(2, ana.AssignedToday);

        _bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));  // the next day
        Assert.Equal([Ana.Name, Bruno.Name, Ana.Name, Bruno.Name], await HandOffFromAsync("BR", 4));
    }

    [Fact]
    public async Task Capacity_counts_the_handoffs_of_the_team_s_local_day()
    {
        await DisposeAsync();
        await StartAsync(TeamTimeZone.From("America/Sao_Paulo"));   // UTC−3, no DST
        await AddRepsAsync(Ana, Bruno);
        await _bed.SetRulesAsync(Ana, Rules(capacity: 1));

        _bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));   // Monday 23:00 in São Paulo
        Assert.Equal([Ana.Name, Bruno.Name, Bruno.Name], await HandOffFromAsync("BR", 3));

        _bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero));   // Tuesday 00:00 there: a new day
        Assert.Equal([Ana.Name, Bruno.Name], await HandOffFromAsync("BR", 2));
    }

    [Fact]
    public async Task A_handoff_reassigned_to_a_rep_counts_toward_their_capacity()
    {
        await AddRepsAsync(Ana, Bruno);
        await _bed.SetRulesAsync(Ana, Rules(capacity: 1));
        var first = await HandOffFromAsync("BR", 1);
        Assert.Equal([Ana.Name], first);
        var toBruno = (await MqlsAsync(1)).Single();
        await HandOffAsync([toBruno]);

        await _bed.Service.ReassignAsync(Manager, toBruno, Ana.UserId, null);   // a manager may go over capacity by hand

        Assert.Equal(2, (await _bed.Rules.GetAsync(Manager)).Single(r => r.UserId == Ana.UserId).AssignedToday);
        Assert.Equal([Bruno.Name, Bruno.Name], await HandOffFromAsync("BR", 2));
    }

    // ---- away and taking part ---------------------------------------------------------------------------------

    [Fact]
    public async Task An_away_rep_is_skipped_and_back_in_turn_once_they_return()
    {
        await AddRepsAsync(Ana, Bruno, Carla);
        await HandOffFromAsync("BR", 3);                           // Ana, Bruno, Carla
        await _bed.SetRulesAsync(Ana, Rules(away: true));

        Assert.Equal([Bruno.Name, Carla.Name, Bruno.Name, Carla.Name], await HandOffFromAsync("BR", 4));

        await _bed.SetRulesAsync(Ana, Rules());
        Assert.Equal([Ana.Name, Bruno.Name, Carla.Name], await HandOffFromAsync("BR", 3));
    }

    [Fact]
    public async Task A_rep_who_does_not_take_part_gets_no_handoffs_but_a_manager_may_still_reassign_to_them()
    {
        await AddRepsAsync(Ana, Bruno);
        await _bed.SetRulesAsync(Bruno, Rules(takesPart: false));

        Assert.Equal([Ana.Name, Ana.Name], await HandOffFromAsync("BR", 2));
        var lead = (await _bed.Queues.GetHandoffQueueAsync(Manager, null, 0, 10)).Rows.First().Id;

        await _bed.Service.ReassignAsync(Manager, lead, Bruno.UserId, "Bruno knows them.");

        Assert.Equal(Bruno.UserId, (await _bed.LoadAsync(lead)).HandoffRepId);
        Assert.Contains(Bruno.Name, (await _bed.Roster.GetActiveRepsAsync()).Select(r => r.Name));
    }

    [Fact]
    public async Task When_everyone_is_away_full_or_out_the_handoff_is_refused_with_NoActiveRep_and_nothing_changes()
    {
        await AddRepsAsync(Ana, Bruno, Carla);
        await _bed.SetRulesAsync(Ana, Rules(away: true));
        await _bed.SetRulesAsync(Bruno, Rules(takesPart: false));
        await _bed.SetRulesAsync(Carla, Rules(capacity: 1));
        Assert.Equal([Carla.Name], await HandOffFromAsync("BR", 1));
        var ids = await MqlsAsync(2);
        var before = await Task.WhenAll(ids.Select(_bed.SnapshotAsync));

        var results = await _bed.Service.HandOffAsync(Marketer, ids, null);

        Assert.All(results, r => Assert.Equal("NoActiveRep", r.Error?.Code));
        Assert.Contains("away, at today's capacity or locked out", results[0].Error!.Message);
        Assert.Equal(before, await Task.WhenAll(ids.Select(_bed.SnapshotAsync)));
    }

    // ---- the rules themselves ---------------------------------------------------------------------------------

    [Fact]
    public async Task The_rules_list_every_Sales_user_with_the_defaults_until_a_manager_sets_them()
    {
        await AddRepsAsync(Bruno, Ana);
        await _bed.AddUserAsync(Carla, lockoutEnd: Start.AddDays(3));

        var rows = await _bed.Rules.GetAsync(Manager);

        Assert.Equal([Ana.Name, Bruno.Name, Carla.Name], rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.True(r.Rules.SameAs(RepRules.Default)));
        Assert.Equal([false, false, true], rows.Select(r => r.LockedOut));
        Assert.Equal("rep-ana@leaddesk.test", rows[0].Email);
    }

    [Fact]
    public async Task Saved_rules_come_back_as_saved()
    {
        await AddRepsAsync(Ana, Bruno);

        await _bed.Rules.SaveAsync(Manager, [new(Ana.UserId, Rules(["pt", "BR", "br"], 5, away: true)), new(Bruno.UserId, Rules(takesPart: false))]);

        var rows = (await _bed.Rules.GetAsync(Manager)).ToDictionary(r => r.UserId, r => r.Rules);
        Assert.Equal(["BR", "PT"], rows[Ana.UserId].Territory);
        Assert.Equal(5, rows[Ana.UserId].CapacityPerDay);
        Assert.True(rows[Ana.UserId].Away);
        Assert.False(rows[Bruno.UserId].TakesPart);
    }

    [Theory]
    [InlineData(Roles.Marketing)]
    [InlineData(Roles.Sales)]
    public async Task Only_managers_read_or_change_the_rules(string role)
    {
        await AddRepsAsync(Ana);
        var someone = CallerOf(new Actor("someone", "Some One"), role);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Rules.GetAsync(someone));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _bed.Rules.SaveAsync(someone, [new(Ana.UserId, Rules(away: true))]));

        Assert.False((await _bed.Rules.GetAsync(Manager)).Single().Rules.Away);
    }

    [Theory]
    [InlineData(new[] { "BR", "XX" }, null, "InvalidCountryCode", "XX")]
    [InlineData(new[] { "BRA" }, null, "InvalidCountryCode", "BRA")]
    [InlineData(new[] { "UK" }, null, "InvalidCountryCode", "UK")]
    [InlineData(new string[0], 0, "CapacityOutOfRange", "Ana Alves")]
    [InlineData(new string[0], 1001, "CapacityOutOfRange", "Ana Alves")]
    public async Task Invalid_rules_are_refused_whole_and_nothing_is_saved(string[] territory, int? capacity, string code, string firstArgument)
    {
        await AddRepsAsync(Ana, Bruno);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _bed.Rules.SaveAsync(Manager,
            [new(Bruno.UserId, Rules(away: true)), new(Ana.UserId, Rules(territory, capacity))]));

        Assert.Equal(code, refusal.Code);
        Assert.Equal(firstArgument, refusal.Arguments[0]);
        Assert.All(await _bed.Rules.GetAsync(Manager), r => Assert.True(r.Rules.SameAs(RepRules.Default)));
    }

    [Fact]
    public async Task Rules_for_someone_outside_the_Sales_role_are_refused()
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => _bed.Rules.SaveAsync(Manager, [new(Marketer.UserId, Rules())]));

        Assert.Equal("NotASalesUser", refusal.Code);
    }

    [Fact]
    public void Every_ISO_country_code_is_known_and_nothing_else()
    {
        Assert.Equal(249, Countries.Codes.Count);
        Assert.Equal(Countries.Codes.Count, Countries.Codes.Distinct().Count());
        Assert.All(Countries.Codes, c => Assert.Matches("^[A-Z]{2}$", c));
        Assert.True(Countries.IsCode(" br "));
        Assert.False(Countries.IsCode("EU"));
    }
}
