using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace LeadDesk.Domain.Leads;

/// <summary>
/// Who a lead is: the attributes that arrive from forms, imports and people, and that fit scoring reads.
/// </summary>
public sealed record LeadProfile
{
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string Email { get; init; } = "";
    public string? Phone { get; init; }
    public string? JobTitle { get; init; }
    public Seniority Seniority { get; init; }
    public string? Department { get; init; }
    public string? Company { get; init; }
    /// <summary>Number of employees.</summary>
    public int? CompanySize { get; init; }
    public string? Industry { get; init; }
    /// <summary>ISO 3166-1 alpha-2 code, upper case.</summary>
    public string? Country { get; init; }
    /// <summary>Whole currency units per year.</summary>
    public long? AnnualRevenue { get; init; }
    public string? Source { get; init; }
    public string? UtmSource { get; init; }
    public string? UtmMedium { get; init; }
    public string? UtmCampaign { get; init; }

    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int TextMaxLength = 200;

    /// <summary>The key that makes emails unique: trimmed and lower-cased.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The email's domain, lower-cased, or empty.</summary>
    public string EmailDomain
    {
        get
        {
            var at = Email.LastIndexOf('@');
            return at < 0 ? "" : Email[(at + 1)..].Trim().ToLowerInvariant();
        }
    }

    /// <summary>Every problem with this profile, by field name; empty when it can be saved.</summary>
    public IReadOnlyList<ValidationResult> Validate()
    {
        var problems = new List<ValidationResult>();
        void Fail(string field, string message) => problems.Add(new ValidationResult(message, [field]));

        if (string.IsNullOrWhiteSpace(Email)) Fail(nameof(Email), "Email is required.");
        else if (Email.Trim().Length > EmailMaxLength) Fail(nameof(Email), $"Email must be at most {EmailMaxLength} characters.");
        else if (!IsValidEmail(Email.Trim())) Fail(nameof(Email), $"'{Email.Trim()}' is not a valid email address.");
        if (FirstName.Trim().Length > NameMaxLength) Fail(nameof(FirstName), $"First name must be at most {NameMaxLength} characters.");
        if (LastName.Trim().Length > NameMaxLength) Fail(nameof(LastName), $"Last name must be at most {NameMaxLength} characters.");
        foreach (var (field, value) in new[] { (nameof(Phone), Phone), (nameof(JobTitle), JobTitle), (nameof(Department), Department),
                     (nameof(Company), Company), (nameof(Industry), Industry), (nameof(Source), Source), (nameof(UtmSource), UtmSource),
                     (nameof(UtmMedium), UtmMedium), (nameof(UtmCampaign), UtmCampaign) })
        {
            if (value is not null && value.Trim().Length > TextMaxLength) Fail(field, $"{field} must be at most {TextMaxLength} characters.");
        }
        // Email and country have formats of their own that already refuse control characters.
        foreach (var (field, value) in new[] { (nameof(FirstName), FirstName), (nameof(LastName), LastName),
                     (nameof(Phone), Phone), (nameof(JobTitle), JobTitle), (nameof(Department), Department), (nameof(Company), Company),
                     (nameof(Industry), Industry), (nameof(Source), Source), (nameof(UtmSource), UtmSource),
                     (nameof(UtmMedium), UtmMedium), (nameof(UtmCampaign), UtmCampaign) })
        {
            if (TextRules.HasControlCharacter(value)) Fail(field, $"{field} contains a control character (such as NUL); remove it.");
        }
        if (CompanySize is < 0) Fail(nameof(CompanySize), "Company size cannot be negative.");
        if (AnnualRevenue is < 0) Fail(nameof(AnnualRevenue), "Annual revenue cannot be negative.");
        if (Country is not null && !(Country.Trim().Length == 2 && Country.Trim().All(char.IsAsciiLetter)))
            Fail(nameof(Country), "Country must be a two-letter ISO code such as US or BR.");
        return problems;
    }

    private static bool IsValidEmail(string email) =>
        MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);
}
