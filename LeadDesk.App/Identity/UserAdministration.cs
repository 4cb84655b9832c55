using System.Security.Claims;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Leads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.App.Identity;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsLockedOut, DateTimeOffset? LockoutEnd);

public sealed record NewUser(string Email, string DisplayName, string Password, IReadOnlyList<string> Roles);

/// <summary>What a manager does at /admin/users. Every call checks the caller is a Manager, whatever the screen shows.</summary>
public sealed class UserAdministration(UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(ClaimsPrincipal caller)
    {
        RequireManager(caller);
        var all = await users.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync();
        var rows = new List<UserRow>(all.Count);
        var now = clock.GetUtcNow();
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            rows.Add(new UserRow(user.Id, user.Email ?? "", user.DisplayName, roles.Order().ToList(),
                user.LockoutEnd is { } end && end > now, user.LockoutEnd));
        }
        return rows;
    }

    public async Task<string> CreateAsync(ClaimsPrincipal caller, NewUser request)
    {
        RequireManager(caller);
        if (string.IsNullOrWhiteSpace(request.DisplayName)) throw new DomainException("A name is required.", "NameRequired");
        ValidateRoles(request.Roles);
        var user = new AppUser
        {
            UserName = request.Email.Trim(), Email = request.Email.Trim(), DisplayName = request.DisplayName.Trim(), EmailConfirmed = true,
        };
        Check(await users.CreateAsync(user, request.Password));
        var added = await users.AddToRolesAsync(user, request.Roles);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user); // never leave a user without the roles the manager chose
            Check(added);
        }
        return user.Id;
    }

    public async Task SetRolesAsync(ClaimsPrincipal caller, string userId, IReadOnlyList<string> roles)
    {
        RequireManager(caller);
        ValidateRoles(roles);
        var user = await Find(userId);
        if (user.Id == users.GetUserId(caller) && !roles.Contains(Roles.Manager))
            throw new DomainException("You cannot remove your own Manager role.", "KeepOwnManagerRole");
        var current = await users.GetRolesAsync(user);
        Check(await users.RemoveFromRolesAsync(user, current.Except(roles)));
        Check(await users.AddToRolesAsync(user, roles.Except(current)));
    }

    public async Task LockAsync(ClaimsPrincipal caller, string userId)
    {
        RequireManager(caller);
        var user = await Find(userId);
        if (user.Id == users.GetUserId(caller)) throw new DomainException("You cannot lock your own account.", "CannotLockSelf");
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        await users.UpdateSecurityStampAsync(user); // signs the person out of open sessions
    }

    public async Task UnlockAsync(ClaimsPrincipal caller, string userId)
    {
        RequireManager(caller);
        var user = await Find(userId);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    }

    private async Task<AppUser> Find(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new DomainException("That user no longer exists.", "UserGone");

    private static void RequireManager(ClaimsPrincipal caller)
    {
        if (!caller.IsInRole(Roles.Manager)) throw new UnauthorizedAccessException("Only a Manager can manage users.");
    }

    private static void ValidateRoles(IReadOnlyList<string> roles)
    {
        if (roles.Count == 0) throw new DomainException("Choose at least one role.", "RoleRequired");
        var unknown = roles.Except(Roles.All).ToList();
        if (unknown.Count > 0) throw new DomainException($"Unknown role: {string.Join(", ", unknown)}.");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
