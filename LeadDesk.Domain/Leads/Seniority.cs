namespace LeadDesk.Domain.Leads;

public enum Seniority
{
    Unknown = 0,
    Entry = 1,
    IndividualContributor = 2,
    Manager = 3,
    Director = 4,
    VicePresident = 5,
    Executive = 6,
    Owner = 7,
}
