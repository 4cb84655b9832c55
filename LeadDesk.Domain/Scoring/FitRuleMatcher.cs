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
            RuleOperator.Equals => rule.Values.Count > 0 && text.AsSpan().Equals(rule.Values[0].AsSpan().Trim(), StringComparison.OrdinalIgnoreCase),
            RuleOperator.InList => AnyEquals(text, rule.Values),
            RuleOperator.Contains => AnyContained(text, rule.Values),
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

    // Loops rather than LINQ: a rescore matches every rule against a million leads, and each lambda here captured the lead.
    private static bool DomainMatches(string domain, IReadOnlyList<string> domains)
    {
        if (domain.Length == 0) return false;
        foreach (var listed in domains)
        {
            var wanted = listed.AsSpan().Trim().TrimStart('@');
            if (wanted.IsEmpty) continue;
            if (IsDomainOrSubdomain(domain, wanted)) return true;
        }
        return false;
    }

    /// <summary>The domain is <paramref name="wanted"/> (any case) or ends with "." and it.</summary>
    private static bool IsDomainOrSubdomain(string domain, ReadOnlySpan<char> wanted)
    {
        Span<char> lower = wanted.Length <= 256 ? stackalloc char[wanted.Length] : new char[wanted.Length];
        wanted.ToLowerInvariant(lower);
        return domain.AsSpan().SequenceEqual(lower)
            || (domain.Length > lower.Length && domain[^(lower.Length + 1)] == '.' && domain.AsSpan().EndsWith(lower, StringComparison.Ordinal));
    }

    private static bool AnyEquals(string text, IReadOnlyList<string> values)
    {
        foreach (var value in values)
            if (text.AsSpan().Equals(value.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool AnyContained(string text, IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            var part = value.AsSpan().Trim();
            if (part.Length > 0 && text.AsSpan().Contains(part, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
