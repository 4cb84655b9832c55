using LeadDesk.Domain.Assignment;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Handoff;

public sealed record SalesRep(string Id, string Name);

/// <summary>One Sales user as the round-robin sees them now: their rules, today's handoffs, and when their turn last came.</summary>
/// <param name="AssignedToday">HandOff and Reassign decisions that gave them a handoff during the team's local day so far.</param>
internal sealed record RepStanding(
    string Id, string Name, string? Email, bool LockedOut, RepRules Rules, int AssignedToday, DateTime? LastAssignedAt, long? LastAssignmentId)
{
    public bool AtCapacity => Rules.CapacityPerDay is { } capacity && AssignedToday >= capacity;
}

/// <summary>The sales reps who can receive handoffs, and whose turn it is under the assignment rules.</summary>
public sealed class SalesRoster(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, TeamTimeZone zone)
{
    /// <summary>Every Sales user who is not locked out, by name, whatever their assignment rules (a manager may still pick them).</summary>
    public async Task<IReadOnlyList<SalesRep>> GetActiveRepsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await StandingsAsync(db, cancellationToken)).Where(r => !r.LockedOut).Select(r => new SalesRep(r.Id, r.Name)).ToList();
    }

    /// <summary>
    /// The rep who gets the next handoff of a lead from <paramref name="country"/> (see <see cref="Choose"/>), other than
    /// <paramref name="exceptRepId"/>; refused with NoActiveRep when nobody is left.
    /// </summary>
    internal async Task<Actor> NextAsync(LeadDeskDbContext db, string? country, CancellationToken cancellationToken, string? exceptRepId = null)
    {
        var next = Choose(await StandingsAsync(db, cancellationToken), country, exceptRepId)
            ?? throw new DomainException("No sales rep can take this lead now: every rep in the round-robin is away, at today's capacity or locked out. "
                                         + "A manager can change the assignment rules.", "NoActiveRep");
        return new Actor(next.Id, next.Name);
    }

    /// <summary>
    /// The assignment rules, applied in order:
    /// <list type="number">
    /// <item>Only reps who take part, are not locked out and are not <paramref name="exceptRepId"/> are considered.</item>
    /// <item>Group: the reps whose territory holds the lead's country. When there are none (or the lead has no country, or
    /// every one of them is away or full), the reps without a territory; when every rep has a territory, all of them.</item>
    /// <item>In the group, reps who are away or have had their capacity of handoffs today are skipped.</item>
    /// <item>Round-robin among the rest: the one whose last handoff (given or reassigned to them) is the oldest, never-assigned
    /// first. Handoffs made at the same instant (a bulk handoff under a coarse or frozen clock) are told apart by the order
    /// they were written; never-assigned reps tie by name.</item>
    /// </list>
    /// Null when nobody is left.
    /// </summary>
    internal static RepStanding? Choose(IEnumerable<RepStanding> reps, string? country, string? exceptRepId)
    {
        var candidates = reps.Where(r => r.Rules.TakesPart && !r.LockedOut && r.Id != exceptRepId).ToList();
        var territory = country is null ? [] : candidates.Where(r => r.Rules.Territory.Contains(country, StringComparer.OrdinalIgnoreCase)).ToList();
        var general = candidates.Where(r => !r.Rules.HasTerritory).ToList();
        if (general.Count == 0) general = candidates;
        return new[] { territory, general }
            .Select(group => group.Where(r => !r.Rules.Away && !r.AtCapacity)
                .OrderBy(r => r.LastAssignedAt ?? DateTime.MinValue).ThenBy(r => r.LastAssignmentId ?? 0)
                .ThenBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault())
            .FirstOrDefault(r => r is not null);
    }

    internal async Task<Actor> FindActiveAsync(LeadDeskDbContext db, string repId, CancellationToken cancellationToken) =>
        (await StandingsAsync(db, cancellationToken)).Where(r => r.Id == repId && !r.LockedOut).Select(r => new Actor(r.Id, r.Name)).FirstOrDefault()
        ?? throw new DomainException("That person is not an active sales rep.", "NotAnActiveRep");

    /// <summary>
    /// Every user in the Sales role, by name, with their rules (the defaults when none were saved), the handoffs they were
    /// given during the team's local day, and their latest one. The decision index on (AssignedToId, At) answers both.
    /// </summary>
    internal async Task<IReadOnlyList<RepStanding>> StandingsAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (dayStart, dayEnd) = zone.DayOf(now.UtcDateTime);
        var reps = await db.Users
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Sales)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.LockoutEnd,
                LastAssignedAt = db.Decisions.Where(d => d.AssignedToId == u.Id).Max(d => (DateTime?)d.At),
                LastAssignmentId = db.Decisions.Where(d => d.AssignedToId == u.Id).Max(d => (long?)d.Id),
                AssignedToday = db.Decisions.Count(d => d.AssignedToId == u.Id && d.At >= dayStart && d.At < dayEnd),
            })
            .ToListAsync(cancellationToken);
        // A handful of rows, one per rep who has rules.
        var rules = await db.Set<RepAssignment>().AsNoTracking().ToDictionaryAsync(a => a.UserId, a => a.Rules, cancellationToken);
        // Lockout is compared here: SQLite cannot compare the DateTimeOffset Identity stores. The roster is a handful of people.
        return reps.Select(r => new RepStanding(r.Id, r.DisplayName, r.Email, r.LockoutEnd > now, rules.GetValueOrDefault(r.Id, RepRules.Default),
                r.AssignedToday, r.LastAssignedAt, r.LastAssignmentId))
            .ToList();
    }
}
