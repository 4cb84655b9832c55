using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Qualification;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Handoff.HandoffTestBed;

namespace LeadDesk.Tests.Handoff;

/// <summary>
/// Two people acting on the same lead at once, each through their own service and DbContext on one SQLite file: exactly
/// one wins, the other is told who acted first, and nothing of the loser's is written.
/// </summary>
public sealed class HandoffConflictTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private HandoffTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await HandoffTestBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_rep_accepting_while_a_manager_reassigns_loses_and_is_told_the_manager_acted_first()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        var decisionsBefore = await _bed.DecisionCountAsync();
        var pause = new PauseBeforeSave();
        var repsService = _bed.NewService(pause);

        // The rep's accept has loaded the lead and accepted it in memory, but not saved yet...
        var accepting = repsService.AcceptAsync(Rep, id, "Mine");
        await pause.Reached.Task.WaitAsync(Patience);
        // ...when the manager's reassign commits.
        await _bed.Service.ReassignAsync(Manager, id, OtherRep.UserId, "Sam is on leave");
        pause.Release.SetResult();

        var lost = await Assert.ThrowsAsync<LeadChangedException>(() => accepting.WaitAsync(Patience));
        Assert.Equal(("ChangedBy", Manager.Name, id), (lost.Code, lost.ActorName, lost.LeadId));
        Assert.Equal([Manager.Name, LifecycleVerb.Reassign, _bed.Now], lost.Arguments);
        Assert.Contains(Manager.Name, lost.Message);

        Assert.Equal(decisionsBefore + 1, await _bed.DecisionCountAsync());
        var lead = await _bed.LoadAsync(id);
        Assert.Equal((LifecycleStage.MQL, OtherRep.UserId), (lead.Stage, lead.HandoffRepId));
        Assert.Null(lead.OwnerId);
        Assert.Equal(LifecycleVerb.Reassign, Assert.Single(_bed.Notifier.Published).Verb);
    }

    [Fact]
    public async Task A_manager_reassigning_while_the_rep_accepts_loses_and_is_told_the_rep_acted_first()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        var decisionsBefore = await _bed.DecisionCountAsync();
        var pause = new PauseBeforeSave();
        var managersService = _bed.NewService(pause);

        var reassigning = managersService.ReassignAsync(Manager, id, OtherRep.UserId, null);
        await pause.Reached.Task.WaitAsync(Patience);
        await _bed.Service.AcceptAsync(Rep, id, null);
        pause.Release.SetResult();

        var lost = await Assert.ThrowsAsync<LeadChangedException>(() => reassigning.WaitAsync(Patience));
        Assert.Equal(Rep.Name, lost.ActorName);
        Assert.Equal(decisionsBefore + 1, await _bed.DecisionCountAsync());
        var lead = await _bed.LoadAsync(id);
        Assert.Equal((LifecycleStage.SAL, Rep.UserId), (lead.Stage, lead.OwnerId));
        Assert.Null(lead.HandoffRepId);
        Assert.Equal(LifecycleVerb.Accept, Assert.Single(_bed.Notifier.Published).Verb);
    }

    [Fact]
    public async Task Accept_and_reassign_started_together_end_with_exactly_one_decision()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        var seen = (await _bed.SnapshotAsync(id)).Token;
        var decisionsBefore = await _bed.DecisionCountAsync();
        var repsService = _bed.NewService();
        var managersService = _bed.NewService();

        var outcomes = await Task.WhenAll(
            Outcome(Task.Run(() => repsService.AcceptAsync(Rep, id, null, seen))),
            Outcome(Task.Run(() => managersService.ReassignAsync(Manager, id, OtherRep.UserId, null, seen))));

        Assert.Single(outcomes, o => o is null);
        var loser = Assert.IsType<LeadChangedException>(Assert.Single(outcomes, o => o is not null));
        Assert.Equal(decisionsBefore + 1, await _bed.DecisionCountAsync());
        var winner = Assert.Single(_bed.Notifier.Published);
        Assert.Equal(winner.ActorName, loser.ActorName);
        var lead = await _bed.LoadAsync(id);
        Assert.Equal(winner.Verb, lead.Decisions[^1].Verb);
        Assert.Equal(winner.Verb == LifecycleVerb.Accept ? LifecycleStage.SAL : LifecycleStage.MQL, lead.Stage);

        static async Task<Exception?> Outcome(Task action)
        {
            try { await action; return null; }
            catch (Exception e) { return e; }
        }
    }

    [Fact]
    public async Task Acting_on_what_you_saw_before_someone_else_acted_is_refused_and_writes_nothing()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        var seenByRep = (await _bed.Details.GetAsync(id))!.ConcurrencyToken;
        _bed.Clock.Advance(TimeSpan.FromMinutes(10));
        await _bed.Service.ReassignAsync(Manager, id, OtherRep.UserId, null);
        var published = _bed.Notifier.Published.Count;

        // The rep's screen still shows the handoff as theirs.
        var lost = await _bed.RefusedAsync<LeadChangedException>(id, () => _bed.Service.AcceptAsync(Rep, id, null, seenByRep));

        Assert.Equal((Manager.Name, "ChangedBy"), (lost.ActorName, lost.Code));
        Assert.Equal([Manager.Name, LifecycleVerb.Reassign, Start.AddMinutes(10).UtcDateTime], lost.Arguments);
        Assert.Equal(published, _bed.Notifier.Published.Count);
    }

    [Fact]
    public async Task A_stale_token_is_refused_even_when_the_action_would_still_be_legal()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.Lead);
        var seen = (await _bed.SnapshotAsync(id)).Token;
        await using (var db = _bed.Database.NewContext())
        {
            // Someone else changed the lead without a stage move (a new score): the marketer's view is out of date.
            var lead = await db.Leads.SingleAsync(l => l.Id == id);
            lead.ApplyScore(new ScoreResult(30, 40, []), 1, _bed.Now);
            await db.SaveChangesAsync();
        }

        var lost = await _bed.RefusedAsync<LeadChangedException>(id, () => _bed.Service.PromoteAsync(Marketer, id, "Good fit", seen));

        Assert.Equal("ChangedBySomeone", lost.Code);
        Assert.Null(lost.ActorName);
    }

    [Fact]
    public async Task The_current_token_lets_the_action_through()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL, pendingHandoff: true);
        var seen = (await _bed.Details.GetAsync(id))!.ConcurrencyToken;

        await _bed.Service.AcceptAsync(Rep, id, null, seen);

        var after = await _bed.SnapshotAsync(id);
        Assert.Equal(LifecycleStage.SAL, after.Stage);
        Assert.NotEqual(seen, after.Token);
    }

    [Fact]
    public async Task A_qualification_that_loses_a_race_keeps_no_BANT_answers()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.SAL);
        var pause = new PauseBeforeSave();
        var qualifying = _bed.NewService(pause).QualifyAsync(Rep, id,
            new BantAnswers(BudgetAnswer.Confirmed, AuthorityAnswer.DecisionMaker, NeedAnswer.Critical, TimelineAnswer.WithinQuarter));
        await pause.Reached.Task.WaitAsync(Patience);

        await _bed.Service.RecycleAsync(Rep, id, ReasonCode.Unresponsive, "Second tab");
        pause.Release.SetResult();

        await Assert.ThrowsAsync<LeadChangedException>(() => qualifying.WaitAsync(Patience));
        var after = await _bed.SnapshotAsync(id);
        Assert.Equal((LifecycleStage.Nurture, 0), (after.Stage, after.BantAssessments));
        Assert.Null((await _bed.Details.GetAsync(id))!.Bant);
    }

    [Fact]
    public async Task Two_marketers_handing_off_the_same_MQL_at_once_give_it_to_one_rep_only()
    {
        var id = await _bed.AddLeadAsync(LifecycleStage.MQL);
        var pause = new PauseBeforeSave();
        var first = _bed.NewService(pause).HandOffAsync(Marketer, [id], "First");
        await pause.Reached.Task.WaitAsync(Patience);

        var second = Assert.Single(await _bed.Service.HandOffAsync(Marketer, [id], "Second"));
        pause.Release.SetResult();
        var firstResult = Assert.Single(await first.WaitAsync(Patience));

        Assert.True(second.Succeeded);
        Assert.IsType<LeadChangedException>(firstResult.Error);
        var lead = await _bed.LoadAsync(id);
        var handoff = Assert.Single(lead.Decisions, d => d.Verb == LifecycleVerb.HandOff);
        Assert.Equal("Second", handoff.Note);
        Assert.Equal(handoff.AssignedToId, lead.HandoffRepId);
    }
}
