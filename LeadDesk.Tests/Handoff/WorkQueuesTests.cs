using LeadDesk.Domain.Handoff;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Handoff;

/// <summary>
/// The MQL queue (marketing's review) and the handoff queue (each rep's answers to give), read by <see cref="WorkQueues"/>
/// from a real database.
/// </summary>
public sealed class WorkQueuesTests : IAsyncLifetime
{
    private HandoffTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await HandoffTestBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private WorkQueues Queues => _bed.Queues;

    private static DateTime DaysAgo(double days) => Leads.Now.AddDays(-days);

    /// <summary>An MQL that became one <paramref name="daysAgo"/> days ago (journeys promote an hour after creation).</summary>
    private Task<int> MqlSinceAsync(double daysAgo, Action<Lead>? arrange = null) =>
        _bed.AddLeadAsync(LifecycleStage.MQL, createdAt: DaysAgo(daysAgo).AddHours(-1), arrange: arrange);

    /// <summary>An MQL handed to <paramref name="rep"/> by the marketer <paramref name="daysAgo"/> days ago, with a note.</summary>
    private Task<int> HandedOffAsync(Actor rep, double daysAgo, string? note) =>
        _bed.AddLeadAsync(LifecycleStage.MQL, createdAt: DaysAgo(daysAgo + 1),
            arrange: lead => lead.HandOff(Leads.Marketer, rep, DaysAgo(daysAgo), note));

    // ---- the MQL queue ----------------------------------------------------------------------------------------

    [Fact]
    public async Task The_MQL_queue_holds_MQLs_not_yet_handed_off_oldest_first()
    {
        var recent = await MqlSinceAsync(1);
        var oldest = await MqlSinceAsync(9);
        var middle = await MqlSinceAsync(4);
        await _bed.AddLeadAsync(LifecycleStage.Lead);
        await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        await _bed.AddLeadAsync(LifecycleStage.SAL);
        await _bed.AddLeadAsync(LifecycleStage.Nurture);
        await _bed.AddLeadAsync(LifecycleStage.Disqualified);

        var page = await Queues.GetMqlQueueAsync(Marketer, 0, 25);

        Assert.Equal([oldest, middle, recent], page.Rows.Select(r => r.Id));
        Assert.Equal(3, page.TotalCount);
        Assert.Equal([DaysAgo(9), DaysAgo(4), DaysAgo(1)], page.Rows.Select(r => r.WaitingSince));
    }

    [Fact]
    public async Task An_MQL_row_carries_what_marketing_needs_to_decide_and_the_token_to_act_with()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, score: 64);
        var lead = await _bed.LoadAsync(id);

        var row = Assert.Single((await Queues.GetMqlQueueAsync(Marketer, 0, 25)).Rows);

        Assert.Equal((lead.DisplayName, lead.Email, "Acme", "VP Marketing", "Paid search"), (row.Name, row.Email, row.Company, row.JobTitle, row.Source));
        Assert.Equal((64, 0, 64), (row.FitScore, row.EngagementScore, row.TotalScore));
        Assert.Equal("fit.seniority", Assert.Single(row.Explanation).RuleId);
        Assert.Equal(lead.ConcurrencyToken, row.ConcurrencyToken);
        Assert.Null(row.HandedOffBy);
        Assert.Null(row.RepId);
    }

    [Fact]
    public async Task The_MQL_queue_is_paged_with_the_total_count()
    {
        var ids = new List<int>();
        for (var day = 10; day >= 6; day--) ids.Add(await MqlSinceAsync(day));

        var first = await Queues.GetMqlQueueAsync(Marketer, 0, 2);
        var second = await Queues.GetMqlQueueAsync(Marketer, 1, 2);
        var last = await Queues.GetMqlQueueAsync(Marketer, 2, 2);
        var beyond = await Queues.GetMqlQueueAsync(Marketer, 3, 2);

        Assert.Equal(ids[..2], first.Rows.Select(r => r.Id));
        Assert.Equal(ids[2..4], second.Rows.Select(r => r.Id));
        Assert.Equal(ids[4..], last.Rows.Select(r => r.Id));
        Assert.Empty(beyond.Rows);
        Assert.All(new[] { first, second, last, beyond }, p => Assert.Equal((5, 2), (p.TotalCount, p.PageSize)));
        Assert.Equal(1, second.Page);
    }

    [Fact]
    public async Task Each_row_shows_up_to_three_recent_events_newest_first_and_none_older_than_90_days()
    {
        var busy = await MqlSinceAsync(2, lead =>
        {
            lead.RecordEvent(EngagementEventType.PricingPageVisit, DaysAgo(3), "/pricing");
            lead.RecordEvent(EngagementEventType.DemoRequest, DaysAgo(1), "demo form");
            lead.RecordEvent(EngagementEventType.EmailClick, DaysAgo(89), "newsletter");
            lead.RecordEvent(EngagementEventType.WebinarAttended, DaysAgo(10), "Q3 webinar");
            lead.RecordEvent(EngagementEventType.ContentDownload, DaysAgo(120), "old report");
        });
        var quietOfLate = await MqlSinceAsync(1, lead =>
        {
            lead.RecordEvent(EngagementEventType.EmailClick, DaysAgo(89), "newsletter");
            lead.RecordEvent(EngagementEventType.ContentDownload, DaysAgo(91), "old report");
        });
        var silent = await MqlSinceAsync(1, lead => lead.RecordEvent(EngagementEventType.PageVisit, DaysAgo(200), "/"));

        var rows = (await Queues.GetMqlQueueAsync(Marketer, 0, 25)).Rows.ToDictionary(r => r.Id);

        Assert.Equal([(EngagementEventType.DemoRequest, DaysAgo(1)), (EngagementEventType.PricingPageVisit, DaysAgo(3)), (EngagementEventType.WebinarAttended, DaysAgo(10))],
            rows[busy].RecentEvents.Select(e => (e.Type, e.OccurredAt)));
        Assert.Equal("demo form", rows[busy].RecentEvents[0].Detail);
        Assert.Equal([EngagementEventType.EmailClick], rows[quietOfLate].RecentEvents.Select(e => e.Type));
        Assert.Empty(rows[silent].RecentEvents);
    }

    [Fact]
    public async Task The_90_day_window_moves_with_the_clock()
    {
        var id = await MqlSinceAsync(1, lead => lead.RecordEvent(EngagementEventType.DemoRequest, DaysAgo(80), null));
        Assert.Single(Assert.Single((await Queues.GetMqlQueueAsync(Marketer, 0, 25)).Rows).RecentEvents);

        _bed.Clock.Advance(TimeSpan.FromDays(11));

        var row = Assert.Single((await Queues.GetMqlQueueAsync(Marketer, 0, 25)).Rows);
        Assert.Equal(id, row.Id);
        Assert.Empty(row.RecentEvents);
    }

    [Fact]
    public async Task A_manager_may_read_the_MQL_queue()
    {
        var id = await MqlSinceAsync(1);

        Assert.Equal([id], (await Queues.GetMqlQueueAsync(Manager, 0, 25)).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_sales_rep_asking_for_the_MQL_queue_is_refused()
    {
        await MqlSinceAsync(1);

        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => Queues.GetMqlQueueAsync(Rep, 0, 25));

        Assert.Equal("AccessDenied", refusal.Code);
    }

    [Fact]
    public async Task An_MQL_leaves_the_queue_once_handed_off()
    {
        var id = await MqlSinceAsync(1);

        await _bed.Service.HandOffAsync(Marketer, [id], null);

        var page = await Queues.GetMqlQueueAsync(Marketer, 0, 25);
        Assert.Empty(page.Rows);
        Assert.Equal(0, page.TotalCount);
    }

    // ---- the handoff queue ------------------------------------------------------------------------------------

    [Fact]
    public async Task A_rep_sees_only_their_own_pending_handoffs_oldest_first_with_the_marketer_and_note()
    {
        var newer = await HandedOffAsync(Leads.Rep, 1, "Call before Friday");
        var older = await HandedOffAsync(Leads.Rep, 3, null);
        await HandedOffAsync(Leads.OtherRep, 2, "For Sofia");
        await _bed.AddLeadAsync(LifecycleStage.SAL);
        await MqlSinceAsync(1);

        var page = await Queues.GetHandoffQueueAsync(Rep, null, 0, 25);

        Assert.Equal([older, newer], page.Rows.Select(r => r.Id));
        Assert.Equal(2, page.TotalCount);
        var row = page.Rows[1];
        Assert.Equal((Marketer.Name, "Call before Friday"), (row.HandedOffBy, row.HandoffNote));
        Assert.Equal((Rep.UserId, Rep.Name), (row.RepId, row.RepName));
        Assert.Equal(DaysAgo(1), row.WaitingSince);
        Assert.Equal((Marketer.Name, (string?)null), (page.Rows[0].HandedOffBy, page.Rows[0].HandoffNote));
    }

    [Fact]
    public async Task A_rep_asking_for_another_rep_s_queue_still_sees_only_their_own()
    {
        var mine = await HandedOffAsync(Leads.Rep, 1, null);
        await HandedOffAsync(Leads.OtherRep, 2, null);

        var page = await Queues.GetHandoffQueueAsync(Rep, OtherRep.UserId, 0, 25);

        Assert.Equal([mine], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task A_manager_sees_every_pending_handoff_and_can_filter_by_rep()
    {
        var sams = await HandedOffAsync(Leads.Rep, 1, null);
        var sofias = await HandedOffAsync(Leads.OtherRep, 2, null);

        var all = await Queues.GetHandoffQueueAsync(Manager, null, 0, 25);
        var sofiaOnly = await Queues.GetHandoffQueueAsync(Manager, OtherRep.UserId, 0, 25);

        Assert.Equal([sofias, sams], all.Rows.Select(r => r.Id));
        Assert.Equal([OtherRep.Name, Rep.Name], all.Rows.Select(r => r.RepName));
        Assert.Equal([sofias], sofiaOnly.Rows.Select(r => r.Id));
        Assert.Equal(1, sofiaOnly.TotalCount);
    }

    [Fact]
    public async Task A_reassigned_handoff_moves_to_the_new_rep_s_queue_and_keeps_the_marketer_s_note()
    {
        var id = await HandedOffAsync(Leads.Rep, 1, "Speaks Portuguese");

        await _bed.Service.ReassignAsync(Manager, id, OtherRep.UserId, "Sofia covers Brazil");

        Assert.Empty((await Queues.GetHandoffQueueAsync(Rep, null, 0, 25)).Rows);
        var row = Assert.Single((await Queues.GetHandoffQueueAsync(OtherRep, null, 0, 25)).Rows);
        Assert.Equal((Marketer.Name, "Speaks Portuguese", OtherRep.Name, DaysAgo(1)), (row.HandedOffBy, row.HandoffNote, row.RepName, row.WaitingSince));
    }

    [Fact]
    public async Task An_answered_handoff_leaves_the_queue()
    {
        var accepted = await HandedOffAsync(Leads.Rep, 1, null);
        var rejected = await HandedOffAsync(Leads.Rep, 2, null);
        var waiting = await HandedOffAsync(Leads.Rep, 3, null);

        await _bed.Service.AcceptAsync(Rep, accepted, null);
        await _bed.Service.RejectAsync(Rep, rejected, ReasonCode.NoBudget, null, disqualify: false);

        Assert.Equal([waiting], (await Queues.GetHandoffQueueAsync(Rep, null, 0, 25)).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task The_handoff_queue_is_paged_with_the_total_count()
    {
        var ids = new List<int>();
        for (var day = 5; day >= 1; day--) ids.Add(await HandedOffAsync(Leads.Rep, day, $"Note {day}"));

        var second = await Queues.GetHandoffQueueAsync(Rep, null, 1, 2);

        Assert.Equal(ids[2..4], second.Rows.Select(r => r.Id));
        Assert.Equal(["Note 3", "Note 2"], second.Rows.Select(r => r.HandoffNote));
        Assert.Equal(5, second.TotalCount);
    }

    [Fact]
    public async Task A_marketer_asking_for_the_handoff_queue_is_refused()
    {
        await HandedOffAsync(Leads.Rep, 1, null);

        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => Queues.GetHandoffQueueAsync(Marketer, null, 0, 25));

        Assert.Equal("AccessDenied", refusal.Code);
    }
}
