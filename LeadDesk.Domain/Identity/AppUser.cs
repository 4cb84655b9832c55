using Microsoft.AspNetCore.Identity;

namespace LeadDesk.Domain.Identity;

/// <summary>A person who signs in. Leads and decisions refer to users by id and a display-name snapshot only.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public Actor ToActor() => new(Id, string.IsNullOrWhiteSpace(DisplayName) ? UserName ?? Id : DisplayName);
}
