using System.Globalization;

namespace LeadDesk.Domain.Leads;

/// <summary>A field where the lead kept its value and the arriving record offered another.</summary>
public sealed record FieldConflict(string Field, string Kept, string Offered);

/// <summary>What merging an arriving record into an existing lead did.</summary>
/// <param name="Filled">The fields that were empty and are now filled.</param>
/// <param name="Conflicts">The fields that kept their value although another was offered.</param>
/// <param name="ReturnedAfterDisqualification">The lead was disqualified and has now been flagged as returned.</param>
public sealed record MergeOutcome(Decision Decision, IReadOnlyList<string> Filled, IReadOnlyList<FieldConflict> Conflicts, bool ReturnedAfterDisqualification);

/// <summary>The merge rule for a returning lead: arriving values fill gaps and never overwrite.</summary>
public static class ProfileMerge
{
    private sealed record Field(string Name, Func<LeadProfile, string?> Read, Func<LeadProfile, LeadProfile, LeadProfile> Copy);

    // Every field but the email (the key): how to read it as text, and how to copy it from the arriving profile.
    private static readonly Field[] Fields =
    [
        Text(nameof(LeadProfile.FirstName), p => p.FirstName, (p, from) => p with { FirstName = from.FirstName }),
        Text(nameof(LeadProfile.LastName), p => p.LastName, (p, from) => p with { LastName = from.LastName }),
        Text(nameof(LeadProfile.Phone), p => p.Phone, (p, from) => p with { Phone = from.Phone }),
        Text(nameof(LeadProfile.JobTitle), p => p.JobTitle, (p, from) => p with { JobTitle = from.JobTitle }),
        new(nameof(LeadProfile.Seniority), p => p.Seniority == Seniority.Unknown ? null : p.Seniority.ToString(), (p, from) => p with { Seniority = from.Seniority }),
        Text(nameof(LeadProfile.Department), p => p.Department, (p, from) => p with { Department = from.Department }),
        Text(nameof(LeadProfile.Company), p => p.Company, (p, from) => p with { Company = from.Company }),
        new(nameof(LeadProfile.CompanySize), p => p.CompanySize?.ToString(CultureInfo.InvariantCulture), (p, from) => p with { CompanySize = from.CompanySize }),
        Text(nameof(LeadProfile.Industry), p => p.Industry, (p, from) => p with { Industry = from.Industry }),
        Text(nameof(LeadProfile.Country), p => p.Country, (p, from) => p with { Country = from.Country }),
        new(nameof(LeadProfile.AnnualRevenue), p => p.AnnualRevenue?.ToString(CultureInfo.InvariantCulture), (p, from) => p with { AnnualRevenue = from.AnnualRevenue }),
        Text(nameof(LeadProfile.Source), p => p.Source, (p, from) => p with { Source = from.Source }),
        Text(nameof(LeadProfile.UtmSource), p => p.UtmSource, (p, from) => p with { UtmSource = from.UtmSource }),
        Text(nameof(LeadProfile.UtmMedium), p => p.UtmMedium, (p, from) => p with { UtmMedium = from.UtmMedium }),
        Text(nameof(LeadProfile.UtmCampaign), p => p.UtmCampaign, (p, from) => p with { UtmCampaign = from.UtmCampaign }),
    ];

    private static Field Text(string name, Func<LeadProfile, string?> read, Func<LeadProfile, LeadProfile, LeadProfile> copy) =>
        new(name, p => string.IsNullOrWhiteSpace(read(p)) ? null : read(p)!.Trim(), copy);

    /// <summary>
    /// <paramref name="existing"/> with every empty field filled from <paramref name="incoming"/>. A field both have with
    /// different values (ignoring case and surrounding spaces) keeps the existing value and is listed as a conflict.
    /// </summary>
    public static (LeadProfile Merged, IReadOnlyList<string> Filled, IReadOnlyList<FieldConflict> Conflicts) Merge(LeadProfile existing, LeadProfile incoming)
    {
        var merged = existing;
        var filled = new List<string>();
        var conflicts = new List<FieldConflict>();
        foreach (var field in Fields)
        {
            var (kept, offered) = (field.Read(existing), field.Read(incoming));
            if (offered is null) continue;
            if (kept is null)
            {
                merged = field.Copy(merged, incoming);
                filled.Add(field.Name);
            }
            else if (!string.Equals(kept, offered, StringComparison.OrdinalIgnoreCase))
            {
                conflicts.Add(new FieldConflict(field.Name, kept, offered));
            }
        }
        return (merged, filled, conflicts);
    }

    /// <summary>The note of the Merge decision: where the record came from, what it filled, what it offered in vain.</summary>
    public static string Describe(string origin, IReadOnlyList<string> filled, IReadOnlyList<FieldConflict> conflicts)
    {
        var parts = new List<string> { $"Arrived again via {origin}." };
        parts.Add(filled.Count == 0 ? "No empty field to fill." : $"Filled: {string.Join(", ", filled)}.");
        parts.AddRange(conflicts.Select(c => $"Kept {c.Field} \"{c.Kept}\" (offered \"{c.Offered}\")."));
        return string.Join(" ", parts);
    }
}
