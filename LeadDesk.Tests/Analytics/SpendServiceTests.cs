using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static LeadDesk.Tests.Analytics.AnalyticsHistory;

namespace LeadDesk.Tests.Analytics;

/// <summary>Channel spend: managers set one amount per channel and month; everyone else is refused.</summary>
public sealed class SpendServiceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _db = null!;
    private SpendService _spend = null!;
    private static readonly Caller TheManager = CallerOf(Manager, Roles.Manager);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(_clock);
        _spend = new SpendService(_db.Contexts, _clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> RowCountAsync()
    {
        await using var context = _db.NewContext();
        return await context.ChannelSpends.CountAsync();
    }

    [Fact]
    public async Task A_manager_sets_the_spend_of_a_month_stored_on_its_first_day()
    {
        var row = await _spend.SetAsync(TheManager, " Paid search ", new DateOnly(2026, 11, 17), 1234.50m);

        Assert.Equal(new ChannelSpendRow("Paid search", new DateOnly(2026, 11, 1), 1234.50m, "Maria Manager", Leads.Now), row);
        Assert.Equal([row], await _spend.GetAsync(2026));
    }

    [Fact]
    public async Task Setting_the_same_channel_and_month_again_replaces_the_amount()
    {
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 11, 1), 1000m);
        _clock.Advance(TimeSpan.FromHours(2));

        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 11, 30), 800m);

        var row = Assert.Single(await _spend.GetAsync(2026));
        Assert.Equal((800m, Leads.Now.AddHours(2)), (row.Amount, row.UpdatedAt));
        Assert.Equal(1, await RowCountAsync());
    }

    [Fact]
    public async Task Managers_setting_the_same_month_at_once_leave_one_row()
    {
        var amounts = new[] { 100m, 200m, 300m, 400m };

        await Task.WhenAll(amounts.Select(a => Task.Run(() => _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 11, 1), a))));

        Assert.Contains(Assert.Single(await _spend.GetAsync(2026)).Amount, amounts);
        Assert.Equal(1, await RowCountAsync());
    }

    [Fact]
    public async Task Zero_is_a_valid_spend()
    {
        var row = await _spend.SetAsync(TheManager, "Events", new DateOnly(2026, 11, 1), 0m);

        Assert.Equal(0m, row.Amount);
    }

    [Theory]
    [InlineData(Roles.Marketing)]
    [InlineData(Roles.Sales)]
    public async Task Only_a_manager_may_set_spend(string role)
    {
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _spend.SetAsync(CallerOf(Leads.Marketer, role), "Paid search", new DateOnly(2026, 11, 1), 10m));

        Assert.Equal("AccessDenied", ex.Code);
        Assert.Equal(0, await RowCountAsync());
    }

    [Fact]
    public async Task A_negative_amount_is_refused_and_the_old_amount_stays()
    {
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 11, 1), 1000m);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 11, 1), -1m));

        Assert.Equal("NegativeAmount", ex.Code);
        Assert.Equal(1000m, Assert.Single(await _spend.GetAsync(2026)).Amount);
    }

    [Fact]
    public async Task A_blank_channel_is_refused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => _spend.SetAsync(TheManager, "  ", new DateOnly(2026, 11, 1), 1m));

        Assert.Equal("ChannelRequired", ex.Code);
    }

    [Fact]
    public async Task A_year_lists_its_months_by_channel_then_month()
    {
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 12, 1), 3m);
        await _spend.SetAsync(TheManager, "Events", new DateOnly(2026, 2, 1), 2m);
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2026, 1, 1), 1m);
        await _spend.SetAsync(TheManager, "Paid search", new DateOnly(2027, 1, 1), 4m);

        var rows = await _spend.GetAsync(2026);

        Assert.Equal([("Events", 2), ("Paid search", 1), ("Paid search", 12)], rows.Select(r => (r.Channel, r.Month.Month)));
    }

    [Fact]
    public async Task A_channel_name_longer_than_a_lead_source_is_refused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            _spend.SetAsync(TheManager, new string('x', LeadProfile.TextMaxLength + 1), new DateOnly(2026, 11, 1), 1m));

        Assert.Equal(("ChannelTooLong", LeadProfile.TextMaxLength), (ex.Code, (int)ex.Arguments.Single()!));
        Assert.Equal(0, await RowCountAsync());
    }

    [Fact]
    public async Task The_lead_channels_are_the_distinct_sources_the_leads_name_once_each()
    {
        await SaveAsync(_db,
            NewLead("a", Leads.Now, source: "Paid search"), NewLead("b", Leads.Now, source: "Events"),
            NewLead("c", Leads.Now, source: "Paid search"), NewLead("d", Leads.Now, source: null),
            NewLead("e", Leads.Now, source: "  "));

        Assert.Equal(["Events", "Paid search"], await _spend.GetLeadChannelsAsync());
    }
}
