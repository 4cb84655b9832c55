namespace LeadDesk.Tests.Support;

/// <summary>Small builders for hand-made leads in tests.</summary>
public static class Leads
{
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    public static readonly Actor Marketer = new("marketer-1", "Marta Marketing");
    public static readonly Actor Rep = new("rep-1", "Sam Sales");
    public static readonly Actor OtherRep = new("rep-2", "Sofia Sales");

    public static LeadProfile Profile(string email = "ana.silva@acme.com", string first = "Ana", string last = "Silva") => new()
    {
        FirstName = first, LastName = last, Email = email, Company = "Acme", JobTitle = "VP Marketing",
        Seniority = Seniority.VicePresident, Department = "Marketing", CompanySize = 250, Industry = "Software",
        Country = "BR", AnnualRevenue = 40_000_000, Source = "Paid search",
    };

    public static Lead New(string email = "ana.silva@acme.com") => Lead.Create(Profile(email), Now.AddDays(-30));
}
