using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Sla;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Handoff;

/// <summary>
/// Overdue flags in the two queues, by the SLA in force (seeded: marketing 8, sales 24 business hours, Mon–Fri
/// 09:00–18:00 in the team time zone, UTC here). The fake clock starts on Monday November 23, 2026 at 12:00 UTC.
/// </summary>
public sealed class QueueSlaTests : IAsyncLifetime
{
    private HandoffTestBed _bed = null!;

    public Task InitializeAsync() => StartAsync(TeamTimeZone.Utc);

    private async Task StartAsync(TeamTimeZone zone) => _bed = await HandoffTestBed.CreateAsync(zone: zone);

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static DateTime Nov(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, DateTimeKind.Utc);

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    /// <summary>An MQL that entered the stage at <paramref name="at"/> (journeys promote an hour after creation).</summary>
    private Task<int> MqlSinceAsync(DateTime at) => _bed.AddLeadAsync(LifecycleStage.MQL, createdAt: at.AddHours(-1));

    private Task<int> HandedOffAsync(Actor rep, DateTime at) =>
        _bed.AddLeadAsync(LifecycleStage.MQL, createdAt: at.AddDays(-1), arrange: lead => lead.HandOff(Leads.Marketer, rep, at, null));

    [Fact]
    public async Task MQLs_past_marketing_s_business_hours_are_flagged_with_how_long_overdue_and_come_first()
    {
        var thursday = await MqlSinceAsync(Nov(19, 16));      // Thu 2 + Fri 9 + Mon 3 = 14 business hours
        var friday = await MqlSinceAsync(Nov(20, 10));        // Fri 8 + Mon 3 = 11
        var saturday = await MqlSinceAsync(Nov(21, 15));      // the weekend counts nothing: Mon 3
        var monday = await MqlSinceAsync(Nov(23, 9, 30));     // 2.5

        var page = await _bed.Queues.GetMqlQueueAsync(Marketer, 0, 25);

        Assert.Equal([thursday, friday, saturday, monday], page.Rows.Select(r => r.Id));
        Assert.Equal([Hours(6), Hours(3), null, null], page.Rows.Select(r => r.OverdueBy));
        Assert.Equal([true, true, false, false], page.Rows.Select(r => r.Overdue));
        Assert.Equal([Nov(20, 15), Nov(20, 18), Nov(23, 17), Nov(23, 17, 30)], page.Rows.Select(r => r.DueAt!.Value));
        Assert.Equal((2, 8), (page.OverdueCount, page.SlaHours));
    }

    [Fact]
    public async Task An_MQL_becomes_overdue_at_its_due_time_as_the_clock_moves()
    {
        var saturday = await MqlSinceAsync(Nov(21, 15));
        var monday = await MqlSinceAsync(Nov(23, 9, 30));

        _bed.Clock.SetUtcNow(Nov(23, 17));
        var atFive = await _bed.Queues.GetMqlQueueAsync(Marketer, 0, 25);
        _bed.Clock.SetUtcNow(Nov(23, 17, 31));
        var later = await _bed.Queues.GetMqlQueueAsync(Marketer, 0, 25);
        _bed.Clock.SetUtcNow(Nov(24, 9));                     // overnight nothing more is owed
        var nextMorning = await _bed.Queues.GetMqlQueueAsync(Marketer, 0, 25);

        Assert.Equal([TimeSpan.Zero, null], atFive.Rows.Select(r => r.OverdueBy));
        Assert.Equal([Hours(0.5) + TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)], later.Rows.Select(r => r.OverdueBy));
        Assert.Equal([Hours(1), Hours(0.5)], nextMorning.Rows.Select(r => r.OverdueBy));
        Assert.Equal([1, 2, 2], new[] { atFive, later, nextMorning }.Select(p => p.OverdueCount));
        Assert.Equal([saturday, monday], nextMorning.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task The_overdue_count_covers_the_whole_queue_not_only_the_page()
    {
        for (var day = 16; day <= 20; day++) await MqlSinceAsync(Nov(day, 10));   // all overdue
        await MqlSinceAsync(Nov(23, 11));

        var secondPage = await _bed.Queues.GetMqlQueueAsync(Marketer, 1, 4);

        Assert.Equal(5, secondPage.OverdueCount);
        Assert.Equal([true, false], secondPage.Rows.Select(r => r.Overdue));
    }

    [Fact]
    public async Task Handoffs_past_the_sales_SLA_are_flagged_and_a_reassignment_does_not_restart_the_clock()
    {
        var wednesday = await HandedOffAsync(Leads.Rep, Nov(18, 10));            // 8 + 9 + 9 + 3 = 29 business hours
        var thursday = await HandedOffAsync(Leads.Rep, Nov(19, 10));             // 20
        var tuesday = await _bed.AddLeadAsync(LifecycleStage.MQL, createdAt: Nov(16, 12), arrange: lead =>
        {
            lead.HandOff(Leads.Marketer, Leads.Rep, Nov(17, 12), null);                  // 6 + 9 + 9 + 9 + 3 = 36
            lead.Reassign(Manager.Actor, Leads.OtherRep, Nov(23, 11), "Sam is out.");
        });

        var sams = await _bed.Queues.GetHandoffQueueAsync(Rep, null, 0, 25);
        var sofias = await _bed.Queues.GetHandoffQueueAsync(OtherRep, null, 0, 25);
        var everyone = await _bed.Queues.GetHandoffQueueAsync(Manager, null, 0, 25);

        Assert.Equal([wednesday, thursday], sams.Rows.Select(r => r.Id));
        Assert.Equal([Hours(5), null], sams.Rows.Select(r => r.OverdueBy));
        Assert.Equal((1, 24), (sams.OverdueCount, sams.SlaHours));
        Assert.Equal(Hours(12), Assert.Single(sofias.Rows).OverdueBy);
        Assert.Equal(1, sofias.OverdueCount);
        Assert.Equal([tuesday, wednesday, thursday], everyone.Rows.Select(r => r.Id));
        Assert.Equal(2, everyone.OverdueCount);
    }

    [Fact]
    public async Task A_changed_SLA_applies_to_the_queues_at_once()
    {
        var thursday = await HandedOffAsync(Leads.Rep, Nov(19, 10));             // 20 business hours: within 24
        await _bed.SetSlaAsync(SlaTerms.Default with { SalesAnswerHours = 16, BusinessDays = WeekDays.Every });

        var page = await _bed.Queues.GetHandoffQueueAsync(Rep, null, 0, 25);

        // Thu 8 + Fri 9 + Sat 9 + Sun 9 + Mon 3 = 38 business hours, 22 past the 16 allowed.
        Assert.Equal(Hours(22), Assert.Single(page.Rows).OverdueBy);
        Assert.Equal(16, page.SlaHours);
    }

    [Fact]
    public async Task Business_hours_are_those_of_the_team_time_zone()
    {
        await DisposeAsync();
        await StartAsync(TeamTimeZone.From("America/Sao_Paulo"));   // 09:00–18:00 there is 12:00–21:00 UTC

        await MqlSinceAsync(Nov(20, 11));                           // Fri 08:00 there: a full 9-hour Friday, Mon 09:00 now

        var row = Assert.Single((await _bed.Queues.GetMqlQueueAsync(Marketer, 0, 25)).Rows);
        Assert.Equal(Hours(1), row.OverdueBy);
        Assert.Equal(Nov(20, 20), row.DueAt);                       // Friday 17:00 in São Paulo
    }
}
