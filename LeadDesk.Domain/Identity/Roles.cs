namespace LeadDesk.Domain.Identity;

/// <summary>The Identity roles, used alike by [Authorize], AuthorizeView, the API and the domain services.</summary>
public static class Roles
{
    public const string Marketing = "Marketing";
    public const string Sales = "Sales";
    public const string Manager = "Manager";

    public static readonly IReadOnlyList<string> All = [Marketing, Sales, Manager];

    /// <summary>For [Authorize(Roles = ...)]: any of the listed roles.</summary>
    public const string Everyone = Marketing + "," + Sales + "," + Manager;
}
