using LeadDesk.Domain.Demo;
using LeadDesk.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace LeadDesk.App.Identity;

/// <summary>The roles every install needs, and the demo people listed in the README.</summary>
public sealed class DemoUsers(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IConfiguration configuration)
{
    public const string DefaultPassword = "LeadDesk-demo-2026";

    public static readonly IReadOnlyList<(string Email, string Name, string[] Roles)> People =
    [
        ("marketing@leaddesk.demo", "Marta Marketing", [Roles.Marketing]),
        ("sales@leaddesk.demo", "Sam Sales", [Roles.Sales]),
        ("sales2@leaddesk.demo", "Sofia Sales", [Roles.Sales]),
        ("manager@leaddesk.demo", "Manuel Manager", [Roles.Manager]),
    ];

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
        }
    }

    public async Task<DemoCast> EnsureUsersAsync()
    {
        var password = configuration["Demo:Password"] is { Length: > 0 } configured ? configured : DefaultPassword;
        var actors = new List<(AppUser User, string[] Roles)>();
        foreach (var (email, name, userRoles) in People)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                // Created confirmed: there is no mail server to confirm them with.
                user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
                Check(await users.CreateAsync(user, password), $"create demo user {email}");
                Check(await users.AddToRolesAsync(user, userRoles), $"give {email} its roles");
            }
            actors.Add((user, userRoles));
        }
        return new DemoCast(
            actors.First(a => a.Roles.Contains(Roles.Marketing)).User.ToActor(),
            actors.Where(a => a.Roles.Contains(Roles.Sales)).Select(a => a.User.ToActor()).ToList());
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
