using System.Security.Claims;
using LeadDesk.Domain.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace LeadDesk.App.Identity;

/// <summary>Turns the signed-in user of the current circuit into the <see cref="Caller"/> the domain services check.</summary>
public sealed class CallerAccessor(AuthenticationStateProvider authentication)
{
    public async Task<Caller> GetAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return From(user);
    }

    public static Caller From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
                 ?? throw new InvalidOperationException("The user is not signed in.");
        var name = user.FindFirstValue(LeadDeskClaims.DisplayName) ?? user.Identity?.Name ?? id;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(id, name, roles);
    }
}
