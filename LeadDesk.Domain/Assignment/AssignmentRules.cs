using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Assignment;

/// <summary>One Sales user on the assignment screen: their rules and how many handoffs they were given today (team time zone).</summary>
public sealed record RepAssignmentRow(string UserId, string Name, string? Email, bool LockedOut, RepRules Rules, int AssignedToday);

/// <summary>New rules for one Sales user.</summary>
public sealed record RepRulesChange(string UserId, RepRules Rules);

/// <summary>Managers decide who takes part in the round-robin and how (<see cref="SalesRoster.Choose"/> applies it).</summary>
public sealed class AssignmentRules(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, SalesRoster roster)
{
    /// <summary>Every Sales user, by name, locked-out ones included (their rules apply again once unlocked).</summary>
    public async Task<IReadOnlyList<RepAssignmentRow>> GetAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Require("see the assignment rules", Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await roster.StandingsAsync(db, ct))
            .Select(r => new RepAssignmentRow(r.Id, r.Name, r.Email, r.LockedOut, r.Rules, r.AssignedToday))
            .ToList();
    }

    /// <summary>
    /// Saves the rules of the given Sales users in one transaction (Managers only). Every change is checked first and the
    /// first problem refuses the whole save, so a half-applied set of rules never deals a handoff. Users left out keep theirs.
    /// </summary>
    public async Task SaveAsync(Caller caller, IReadOnlyList<RepRulesChange> changes, CancellationToken ct = default)
    {
        caller.Require("change the assignment rules", Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var reps = (await roster.StandingsAsync(db, ct)).ToDictionary(r => r.Id);
        foreach (var change in changes)
        {
            if (!reps.TryGetValue(change.UserId, out var rep))
                throw new DomainException($"User {change.UserId} is not in the Sales role, so has no assignment rules.", "NotASalesUser", change.UserId);
            if (change.Rules.Validate(rep.Name) is [var first, ..]) throw first.Error;
        }

        var ids = changes.Select(c => c.UserId).ToList();
        var stored = await db.Set<RepAssignment>().Where(a => ids.Contains(a.UserId)).ToDictionaryAsync(a => a.UserId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var change in changes)
        {
            if (!stored.TryGetValue(change.UserId, out var assignment))
                db.Add(stored[change.UserId] = assignment = new RepAssignment(change.UserId));
            assignment.Apply(change.Rules, caller.Actor, now);
        }
        await db.SaveChangesAsync(ct);
    }
}
