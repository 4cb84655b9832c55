using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Qualification;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Handoff;

/// <summary>The outcome of handing one lead of a bulk selection to sales.</summary>
public sealed record HandOffResult(int LeadId, string? RepName, DomainException? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Every step of the marketing → sales handoff. Each call checks the caller's role and rights on the lead, applies one
/// lifecycle verb, and saves the lead, its decision (and any BANT answers) in one transaction. If someone else changed
/// the lead since the caller saw it (<c>seenToken</c>) or while acting, nothing is saved and
/// <see cref="LeadChangedException"/> says who acted first. Committed changes are published to open screens.
/// </summary>
public sealed class HandoffService(
    IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, SalesRoster roster, ILeadNotifier notifier)
{
    /// <summary>LeadDesk acting on its own (SLA escalation); it holds no role, as no screen acts as it.</summary>
    private static readonly Caller SystemCaller = new(Actor.System.UserId, Actor.System.Name, new HashSet<string>());

    public Task PromoteAsync(Caller caller, int leadId, string note, Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, (lead, now, _) =>
        {
            caller.Require("promote a lead to MQL", Roles.Marketing);
            lead.Promote(caller.Actor, now, note);
            return Task.CompletedTask;
        });

    /// <summary>"Promote to sales": each lead gets the next rep in turn, in its own transaction, so one failure stops none of the others.</summary>
    public async Task<IReadOnlyList<HandOffResult>> HandOffAsync(Caller caller, IReadOnlyList<int> leadIds, string? note, CancellationToken ct = default)
    {
        caller.Require("hand leads to sales", Roles.Marketing);
        var results = new List<HandOffResult>(leadIds.Count);
        foreach (var leadId in leadIds.Distinct())
        {
            Actor? rep = null;
            try
            {
                await ActAsync(caller, leadId, null, ct, async (lead, now, db) =>
                {
                    rep = await roster.NextAsync(db, lead.Country, ct);
                    lead.HandOff(caller.Actor, rep, now, note);
                });
                results.Add(new HandOffResult(leadId, rep?.Name, null));
            }
            catch (DomainException error)
            {
                results.Add(new HandOffResult(leadId, null, error));
            }
        }
        return results;
    }

    /// <summary>Marketing sends a lead or an MQL back to nurture.</summary>
    public Task ReturnToNurtureAsync(Caller caller, int leadId, ReasonCode reason, string? note, Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, (lead, now, _) =>
        {
            caller.Require("return a lead to nurture", Roles.Marketing);
            if (lead.Stage is not (LifecycleStage.Lead or LifecycleStage.MQL))
                throw new IllegalTransitionException(lead.Stage, LifecycleVerb.Recycle, LifecycleStage.Nurture);
            lead.Recycle(caller.Actor, now, reason, note);
            return Task.CompletedTask;
        });

    /// <summary>Marketing disqualifies what has not reached sales; the owning rep disqualifies what has.</summary>
    public Task DisqualifyAsync(Caller caller, int leadId, ReasonCode reason, string? note, Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, (lead, now, _) =>
        {
            if (lead.Stage is LifecycleStage.SAL or LifecycleStage.SQL or LifecycleStage.Opportunity) RequireOwner(caller, lead, "disqualify this lead");
            else caller.Require("disqualify a lead", Roles.Marketing);
            lead.Disqualify(caller.Actor, now, reason, note);
            return Task.CompletedTask;
        });

    public Task AcceptAsync(Caller caller, int leadId, string? note, Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, (lead, now, _) =>
        {
            caller.Require("accept a handoff", Roles.Sales);
            lead.Accept(caller.Actor, now, note);
            return Task.CompletedTask;
        });

    public Task RejectAsync(Caller caller, int leadId, ReasonCode reason, string? note, bool disqualify, Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, (lead, now, _) =>
        {
            caller.Require("reject a handoff", Roles.Sales);
            lead.Reject(caller.Actor, now, reason, note, disqualify);
            return Task.CompletedTask;
        });

    public Task ReassignAsync(Caller caller, int leadId, string repId, string? note, Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, async (lead, now, db) =>
        {
            caller.Require("reassign a handoff", Roles.Manager);
            lead.Reassign(caller.Actor, await roster.FindActiveAsync(db, repId, ct), now, note);
        });

    /// <summary>
    /// SLA escalation: the handoff moves to the next rep by the assignment rules (never the one holding it), recorded as a
    /// Reassign by LeadDesk itself with <paramref name="note"/>. <paramref name="seenToken"/> is the lead's concurrency
    /// token when the escalation found it overdue: had anyone accepted, rejected or reassigned it since, or should they do so
    /// before this write commits, their decision stands and nothing is recorded here (<see cref="LeadChangedException"/>).
    /// </summary>
    internal async Task<Actor> EscalateAsync(int leadId, Guid seenToken, string note, CancellationToken ct = default)
    {
        Actor? rep = null;
        await ActAsync(SystemCaller, leadId, seenToken, ct, async (lead, now, db) =>
        {
            rep = await roster.NextAsync(db, lead.Country, ct, exceptRepId: lead.HandoffRepId);
            lead.Reassign(Actor.System, rep, now, note);
        });
        return rep!;
    }

    /// <summary>
    /// The owning rep's BANT answers decide: qualified → SQL; short of it → nurture, or disqualified when there is no
    /// need or no say. The answers are kept with the decision, whichever way it goes.
    /// </summary>
    public async Task<BantVerdict> QualifyAsync(Caller caller, int leadId, BantAnswers answers, Guid? seenToken = null, CancellationToken ct = default)
    {
        var verdict = BantPolicy.Evaluate(answers);
        await ActAsync(caller, leadId, seenToken, ct, (lead, now, db) =>
        {
            RequireOwner(caller, lead, "qualify this lead");
            if (verdict.Outcome == BantOutcome.Incomplete)
                throw new DomainException($"Answer every BANT question first: {string.Join(", ", verdict.Unanswered)}.", "BantIncomplete",
                    string.Join(", ", verdict.Unanswered));
            if (lead.Stage != LifecycleStage.SAL)
                throw new IllegalTransitionException(lead.Stage, LifecycleVerb.Qualify, null);
            db.BantAssessments.Add(new BantAssessment(lead.Id, answers, verdict, caller.Actor, now));
            var findings = string.Join("; ", verdict.Findings.Select(f => f.Reason));
            switch (verdict.Outcome)
            {
                case BantOutcome.Qualified:
                    lead.Qualify(caller.Actor, now, findings.Length == 0 ? "BANT: all four strong." : $"BANT {verdict.Points}/8: {findings}");
                    break;
                case BantOutcome.Disqualify:
                    lead.Disqualify(caller.Actor, now, ReasonCode.BantNotMet, $"BANT {verdict.Points}/8: {findings}");
                    break;
                default:
                    lead.Recycle(caller.Actor, now, ReasonCode.BantNotMet, $"BANT {verdict.Points}/8: {findings}");
                    break;
            }
            return Task.CompletedTask;
        });
        return verdict;
    }

    public Task ConvertToOpportunityAsync(Caller caller, int leadId, decimal amount, DateOnly expectedClose, string? note,
        Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, (lead, now, _) =>
        {
            RequireOwner(caller, lead, "turn this lead into an opportunity");
            if (expectedClose < DateOnly.FromDateTime(now))
                throw new DomainException("The expected close date cannot be in the past.", "CloseDateInPast");
            lead.ConvertToOpportunity(caller.Actor, now, amount, expectedClose, note);
            return Task.CompletedTask;
        });

    public Task CloseWonAsync(Caller caller, int leadId, string? note, Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, (lead, now, _) =>
        {
            RequireOwner(caller, lead, "close this opportunity");
            lead.CloseWon(caller.Actor, now, note);
            return Task.CompletedTask;
        });

    public Task CloseLostAsync(Caller caller, int leadId, ReasonCode reason, string? note, Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, (lead, now, _) =>
        {
            RequireOwner(caller, lead, "close this opportunity");
            lead.CloseLost(caller.Actor, now, reason, note);
            return Task.CompletedTask;
        });

    /// <summary>The owning rep gives an accepted, qualified or lost lead back to marketing (a lost one, marketing too).</summary>
    public Task RecycleAsync(Caller caller, int leadId, ReasonCode reason, string? note, Guid? seenToken = null, CancellationToken ct = default) =>
        ActAsync(caller, leadId, seenToken, ct, (lead, now, _) =>
        {
            if (!(lead.Stage == LifecycleStage.Lost && caller.IsIn(Roles.Marketing))) RequireOwner(caller, lead, "recycle this lead");
            lead.Recycle(caller.Actor, now, reason, note);
            return Task.CompletedTask;
        });

    private static void RequireOwner(Caller caller, Lead lead, string action)
    {
        caller.Require(action, Roles.Sales);
        if (lead.OwnerId != caller.UserId)
            throw new DomainException($"Only the lead's owner ({lead.OwnerName ?? "nobody"}) can {action}.", "NotYourLead", lead.OwnerName ?? "—");
    }

    /// <summary>Loads the lead, acts, and saves in one transaction; a concurrent change turns into <see cref="LeadChangedException"/>.</summary>
    private async Task ActAsync(Caller caller, int leadId, Guid? seenToken, CancellationToken ct, Func<Lead, DateTime, LeadDeskDbContext, Task> act)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == leadId, ct) ?? throw new LeadNotFoundException(leadId);
        if (seenToken is { } seen && seen != lead.ConcurrencyToken)
            throw await ChangedAsync(leadId, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var decisionsBefore = lead.Decisions.Count;
        await act(lead, now, db);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await ChangedAsync(leadId, ct);
        }

        foreach (var decision in lead.Decisions.Skip(decisionsBefore))
            notifier.Publish(new LeadNotification(lead.Id, lead.DisplayName, decision.Verb, lead.Stage, caller.UserId, caller.Name,
                lead.HandoffRepId, now));
    }

    private async Task<LeadChangedException> ChangedAsync(int leadId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var latest = await db.Decisions.AsNoTracking().Where(d => d.LeadId == leadId)
            .OrderByDescending(d => d.At).ThenByDescending(d => d.Id)
            .Select(d => new { d.ActorName, d.Verb, d.At }).FirstOrDefaultAsync(ct);
        return new LeadChangedException(leadId, latest?.ActorName, latest?.Verb, latest?.At);
    }
}
