namespace LeadDesk.Domain.Scoring;

/// <summary>
/// The model LeadDesk ships with: a B2B software seller that wants senior people at mid-sized and large companies
/// in its markets who look at pricing or ask for a demo, and not students, free-mail sign-ups or competitors.
/// </summary>
public static class DefaultScoringModel
{
    public static readonly IReadOnlyList<string> FreeMailDomains =
    [
        "gmail.com", "googlemail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "aol.com", "icloud.com",
        "proton.me", "protonmail.com", "gmx.com", "gmx.de", "uol.com.br", "bol.com.br", "terra.com.br", "yahoo.es",
    ];

    public static readonly IReadOnlyList<string> CompetitorDomains =
        ["hubspot.com", "salesforce.com", "marketo.com", "odoo.com", "mautic.org", "pipedrive.com"];

    public static ScoringModelDefinition Definition { get; } = new()
    {
        FitRules =
        [
            Fit("fit-exec", "C-level or owner", LeadAttribute.Seniority, RuleOperator.InList, 20, "Executive", "Owner"),
            Fit("fit-vp-director", "VP or director", LeadAttribute.Seniority, RuleOperator.InList, 15, "VicePresident", "Director"),
            Fit("fit-manager", "Manager", LeadAttribute.Seniority, RuleOperator.Equals, 8, "Manager"),
            Fit("fit-student", "Student or intern", LeadAttribute.JobTitle, RuleOperator.Contains, -30, "student", "intern", "estudiante", "estudante"),
            Fit("fit-department", "Buying department", LeadAttribute.Department, RuleOperator.InList, 8, "Marketing", "Sales", "Operations"),
            Range("fit-size-mid", "Company 50–999 employees", LeadAttribute.CompanySize, 50, 1000, 12),
            Range("fit-size-enterprise", "Company 1,000+ employees", LeadAttribute.CompanySize, 1000, null, 18),
            Range("fit-size-micro", "Company under 10 employees", LeadAttribute.CompanySize, 0, 10, -5),
            Fit("fit-industry", "Target industry", LeadAttribute.Industry, RuleOperator.InList, 10,
                "Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education"),
            Fit("fit-country", "Target country", LeadAttribute.Country, RuleOperator.InList, 10,
                "US", "CA", "GB", "DE", "FR", "ES", "PT", "BR", "MX", "AR"),
            Range("fit-revenue", "Revenue over 10 million", LeadAttribute.AnnualRevenue, 10_000_000, null, 8),
            Fit("fit-freemail", "Free-mail address", LeadAttribute.EmailDomain, RuleOperator.EmailDomainIn, -15, [.. FreeMailDomains]),
            Fit("fit-competitor", "Competitor domain", LeadAttribute.EmailDomain, RuleOperator.EmailDomainIn, -60, [.. CompetitorDomains]),
        ],
        EngagementRules =
        [
            Engage("eng-page", "Page visits", EngagementEventType.PageVisit, 1, 14, 10),
            Engage("eng-pricing", "Pricing page visits", EngagementEventType.PricingPageVisit, 10, 21, 30),
            Engage("eng-demo-page", "Demo page visits", EngagementEventType.DemoPageVisit, 8, 21, 16),
            Engage("eng-form", "Form submissions", EngagementEventType.FormSubmission, 10, 30, 30),
            Engage("eng-demo", "Demo requested", EngagementEventType.DemoRequest, 30, 45, 30),
            Engage("eng-open", "Email opens", EngagementEventType.EmailOpen, 1, 14, 5),
            Engage("eng-click", "Email clicks", EngagementEventType.EmailClick, 3, 14, 15),
            Engage("eng-webinar", "Webinar attended", EngagementEventType.WebinarAttended, 12, 30, 24),
            Engage("eng-download", "Content downloads", EngagementEventType.ContentDownload, 5, 30, 15),
            Engage("eng-unsubscribe", "Unsubscribed", EngagementEventType.Unsubscribe, -20, null, 20),
            Engage("eng-careers", "Careers page visits", EngagementEventType.CareersPageVisit, -10, 30, 20),
        ],
        Mql = new MqlDefinition { Threshold = 60, MinimumFit = 25 },
    };

    private static FitRule Fit(string id, string label, LeadAttribute attribute, RuleOperator op, int points, params string[] values) =>
        new() { Id = id, Label = label, Attribute = attribute, Operator = op, Points = points, Values = values };

    private static FitRule Range(string id, string label, LeadAttribute attribute, double? min, double? max, int points) =>
        new() { Id = id, Label = label, Attribute = attribute, Operator = RuleOperator.Range, Min = min, Max = max, Points = points };

    private static EngagementRule Engage(string id, string label, EngagementEventType type, int points, double? halfLife, int? cap) =>
        new() { Id = id, Label = label, EventType = type, Points = points, HalfLifeDays = halfLife, Cap = cap };
}
