namespace LeadDesk.Domain.Identity;

/// <summary>
/// The signed-in person asking a domain service to act: who they are and which roles they hold. The services check the
/// roles themselves, so a screen that shows a button by mistake still cannot do another role's step.
/// </summary>
public sealed record Caller(string UserId, string Name, IReadOnlySet<string> Roles)
{
    public Actor Actor => new(UserId, Name);

    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Throws <see cref="AccessDeniedException"/> unless the caller holds one of <paramref name="roles"/>.</summary>
    public void Require(string action, params string[] roles)
    {
        if (!roles.Any(IsIn)) throw new AccessDeniedException(action, roles);
    }
}
