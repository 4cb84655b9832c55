using Bogus;

namespace LeadDesk.Domain.Demo;

/// <summary>Realistic lead profiles and engagement for demos and benchmarks, from a seeded Faker.</summary>
public sealed class DemoLeadFactory(int seed)
{
    private static readonly (string Title, Seniority Seniority, string Department)[] Titles =
    [
        ("Chief Marketing Officer", Seniority.Executive, "Marketing"), ("CEO", Seniority.Executive, "Management"),
        ("Founder", Seniority.Owner, "Management"), ("VP of Sales", Seniority.VicePresident, "Sales"),
        ("VP Marketing", Seniority.VicePresident, "Marketing"), ("Director of Demand Generation", Seniority.Director, "Marketing"),
        ("Sales Director", Seniority.Director, "Sales"), ("Head of Operations", Seniority.Director, "Operations"),
        ("Marketing Manager", Seniority.Manager, "Marketing"), ("Sales Operations Manager", Seniority.Manager, "Operations"),
        ("IT Manager", Seniority.Manager, "IT"), ("Marketing Specialist", Seniority.IndividualContributor, "Marketing"),
        ("Account Executive", Seniority.IndividualContributor, "Sales"), ("Software Engineer", Seniority.IndividualContributor, "Engineering"),
        ("Financial Analyst", Seniority.IndividualContributor, "Finance"), ("Marketing Intern", Seniority.Entry, "Marketing"),
        ("MBA Student", Seniority.Entry, "Education"), ("HR Coordinator", Seniority.Entry, "Human Resources"),
    ];

    private static readonly string[] Industries =
        ["Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education", "Logistics", "Media", "Hospitality", "Government"];

    private static readonly string[] Countries = ["US", "US", "US", "BR", "BR", "ES", "MX", "GB", "DE", "PT", "FR", "CA", "AR", "IN", "AU", "JP"];

    private static readonly (string Source, string UtmSource, string UtmMedium)[] Channels =
    [
        ("Organic search", "google", "organic"), ("Paid search", "google", "cpc"), ("Paid social", "linkedin", "paid_social"),
        ("Social", "twitter", "social"), ("Email", "newsletter", "email"), ("Webinar", "webinar", "event"),
        ("Referral", "partner", "referral"), ("Events", "tradeshow", "event"), ("Direct", "(direct)", "(none)"),
    ];

    private static readonly string[] Campaigns =
        ["spring-launch", "pricing-guide", "state-of-sales-2026", "crm-migration-webinar", "q3-retargeting", "partner-summit", "black-friday"];

    private static readonly string[] FreeMail = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "uol.com.br"];

    private readonly Faker _faker = new("en") { Random = new Randomizer(seed) };
    private int _sequence;

    public Randomizer Random => _faker.Random;

    public LeadProfile NextProfile()
    {
        var f = _faker;
        var title = f.PickRandom(Titles);
        var first = f.Name.FirstName();
        var last = f.Name.LastName();
        var company = f.Company.CompanyName();
        var size = f.Random.WeightedRandom([f.Random.Int(1, 9), f.Random.Int(10, 49), f.Random.Int(50, 999), f.Random.Int(1000, 50000)],
            [0.2f, 0.3f, 0.35f, 0.15f]);
        var channel = f.PickRandom(Channels);
        var domain = f.Random.Bool(0.18f) ? f.PickRandom(FreeMail) : Slug(company) + f.PickRandom(".com", ".io", ".net", ".com.br", ".es");
        // A sequence number keeps generated emails unique however many leads are made.
        var email = $"{Slug(first)}.{Slug(last)}{++_sequence}@{domain}";
        return new LeadProfile
        {
            FirstName = first,
            LastName = last,
            Email = email,
            Phone = f.Phone.PhoneNumber("+1 ###-###-####"),
            JobTitle = title.Title,
            Seniority = title.Seniority,
            Department = title.Department,
            Company = company,
            CompanySize = size,
            Industry = f.PickRandom(Industries),
            Country = f.PickRandom(Countries),
            AnnualRevenue = (long)size * f.Random.Long(40_000, 250_000),
            Source = channel.Source,
            UtmSource = channel.UtmSource,
            UtmMedium = channel.UtmMedium,
            UtmCampaign = channel.Source is "Direct" or "Organic search" ? null : f.PickRandom(Campaigns),
        };
    }

    /// <summary>Engagement between creation and now; some leads are far more active than others.</summary>
    public IEnumerable<(EngagementEventType Type, DateTime At, string? Detail)> NextEvents(DateTime createdAt, DateTime now, double activity)
    {
        var f = _faker;
        var count = (int)Math.Round(f.Random.Double(0, 14) * activity);
        var span = Math.Max(1, (now - createdAt).TotalMinutes);
        for (var i = 0; i < count; i++)
        {
            var at = createdAt.AddMinutes(f.Random.Double(0, span));
            var type = f.Random.WeightedRandom(
                [EngagementEventType.PageVisit, EngagementEventType.EmailOpen, EngagementEventType.EmailClick, EngagementEventType.PricingPageVisit,
                 EngagementEventType.ContentDownload, EngagementEventType.FormSubmission, EngagementEventType.WebinarAttended,
                 EngagementEventType.DemoPageVisit, EngagementEventType.DemoRequest, EngagementEventType.CareersPageVisit, EngagementEventType.Unsubscribe],
                [0.3f, 0.2f, 0.1f, 0.09f, 0.08f, 0.06f, 0.05f, 0.04f, 0.04f, 0.02f, 0.02f]);
            yield return (type, at, Detail(type));
        }
    }

    private string? Detail(EngagementEventType type) => type switch
    {
        EngagementEventType.PageVisit => "/" + _faker.PickRandom("blog/lead-scoring", "features", "customers", "integrations", "blog/bant"),
        EngagementEventType.PricingPageVisit => "/pricing",
        EngagementEventType.DemoPageVisit => "/demo",
        EngagementEventType.CareersPageVisit => "/careers",
        EngagementEventType.EmailOpen or EngagementEventType.EmailClick or EngagementEventType.Unsubscribe => _faker.PickRandom(Campaigns),
        EngagementEventType.ContentDownload => _faker.PickRandom("State of Sales 2026 report", "Lead scoring playbook", "MQL to SQL checklist"),
        EngagementEventType.WebinarAttended => "CRM migration webinar",
        EngagementEventType.FormSubmission => "/contact",
        EngagementEventType.DemoRequest => "/demo",
        _ => null,
    };

    private static string Slug(string text) =>
        new string(text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } s ? s : "lead";
}
