using System.Security.Claims;
using LeadDesk.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadDesk.App.Identity;

public static class LeadDeskClaims
{
    /// <summary>The person's display name, written on the decisions they make.</summary>
    public const string DisplayName = "leaddesk:display_name";
}

/// <summary>Adds the display name to the sign-in cookie so every decision can record it without a lookup.</summary>
public sealed class LeadDeskClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
            identity.AddClaim(new Claim(LeadDeskClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
