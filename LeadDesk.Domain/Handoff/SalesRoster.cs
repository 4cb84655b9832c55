using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Handoff;

public sealed record SalesRep(string Id, string Name);

/// <summary>The sales reps who can receive handoffs, and whose turn it is.</summary>
public sealed class SalesRoster(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<SalesRep>> GetActiveRepsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ActiveRepsAsync(db, cancellationToken)).Select(r => new SalesRep(r.Id, r.Name)).ToList();
    }

    /// <summary>
    /// Round-robin: the active rep whose last handoff (given or reassigned to them) is the oldest, never-assigned reps
    /// first. Handoffs made at the same instant (a bulk handoff under a coarse or frozen clock) are told apart by the
    /// order they were written, so the turn still moves on; never-assigned reps tie by name. The decision index on
    /// (AssignedToId, At) answers each rep's latest handoff.
    /// </summary>
    internal async Task<Actor> NextAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        var next = (await ActiveRepsAsync(db, cancellationToken))
            .OrderBy(r => r.LastAssignedAt ?? DateTime.MinValue).ThenBy(r => r.LastAssignmentId ?? 0)
            .ThenBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new DomainException("There is no active sales rep to hand the lead to. Ask a manager to add one.", "NoActiveRep");
        return new Actor(next.Id, next.Name);
    }

    internal async Task<Actor> FindActiveAsync(LeadDeskDbContext db, string repId, CancellationToken cancellationToken) =>
        (await ActiveRepsAsync(db, cancellationToken)).Where(r => r.Id == repId).Select(r => new Actor(r.Id, r.Name)).FirstOrDefault()
        ?? throw new DomainException("That person is not an active sales rep.", "NotAnActiveRep");

    private async Task<List<RepRow>> ActiveRepsAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        var reps = await db.Users
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Sales)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new RepRow(u.Id, u.DisplayName, u.LockoutEnd,
                db.Decisions.Where(d => d.AssignedToId == u.Id).Max(d => (DateTime?)d.At),
                db.Decisions.Where(d => d.AssignedToId == u.Id).Max(d => (long?)d.Id)))
            .ToListAsync(cancellationToken);
        // Lockout is compared here: SQLite cannot compare the DateTimeOffset Identity stores. The roster is a handful of people.
        var now = clock.GetUtcNow();
        return reps.Where(r => r.LockoutEnd is null || r.LockoutEnd <= now).ToList();
    }

    private sealed record RepRow(string Id, string Name, DateTimeOffset? LockoutEnd, DateTime? LastAssignedAt, long? LastAssignmentId);
}
