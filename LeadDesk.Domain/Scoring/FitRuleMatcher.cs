using System.Globalization;

namespace LeadDesk.Domain.Scoring;

/// <summary>Decides whether one fit rule applies to a lead's attributes.</summary>
public static class FitRuleMatcher
{
    public static bool Matches(FitRule rule, LeadProfile lead)
    {
        if (rule.Operator == RuleOperator.EmailDomainIn)
            return DomainMatches(lead.EmailDomain, rule.Values);

        if (rule.Operator == RuleOperator.Range)
        {
            var number = NumericValue(rule.Attribute, lead);
            return number is not null && (rule.Min is null || number >= rule.Min) && (rule.Max is null || number < rule.Max);
        }

        var text = TextValue(rule.Attribute, lead);
        if (string.IsNullOrEmpty(text)) return false;
        return rule.Operator switch
        {
            RuleOperator.Equals => rule.Values.Count > 0 && string.Equals(text, rule.Values[0].Trim(), StringComparison.OrdinalIgnoreCase),
            RuleOperator.InList => rule.Values.Any(v => string.Equals(text, v.Trim(), StringComparison.OrdinalIgnoreCase)),
            RuleOperator.Contains => rule.Values.Any(v => v.Trim().Length > 0 && text.Contains(v.Trim(), StringComparison.OrdinalIgnoreCase)),
            _ => false,
        };
    }

    public static string? TextValue(LeadAttribute attribute, LeadProfile lead) => attribute switch
    {
        LeadAttribute.JobTitle => lead.JobTitle,
        LeadAttribute.Seniority => lead.Seniority == Seniority.Unknown ? null : lead.Seniority.ToString(),
        LeadAttribute.Department => lead.Department,
        LeadAttribute.CompanySize => lead.CompanySize?.ToString(CultureInfo.InvariantCulture),
        LeadAttribute.Industry => lead.Industry,
        LeadAttribute.Country => lead.Country,
        LeadAttribute.AnnualRevenue => lead.AnnualRevenue?.ToString(CultureInfo.InvariantCulture),
        LeadAttribute.EmailDomain => lead.EmailDomain,
        LeadAttribute.Source => lead.Source,
        _ => null,
    };

    public static double? NumericValue(LeadAttribute attribute, LeadProfile lead) => attribute switch
    {
        LeadAttribute.CompanySize => lead.CompanySize,
        LeadAttribute.AnnualRevenue => lead.AnnualRevenue,
        LeadAttribute.Seniority => lead.Seniority == Seniority.Unknown ? null : (double)lead.Seniority,
        _ => null,
    };

    private static bool DomainMatches(string domain, IReadOnlyList<string> domains) =>
        domain.Length > 0 && domains.Any(d =>
        {
            var wanted = d.Trim().TrimStart('@').ToLowerInvariant();
            return wanted.Length > 0 && (domain == wanted || domain.EndsWith("." + wanted, StringComparison.Ordinal));
        });
}
