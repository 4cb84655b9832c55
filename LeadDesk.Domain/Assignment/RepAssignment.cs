using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Domain.Assignment;

/// <summary>
/// How one Sales user takes part in the round-robin: whether at all, for which countries (none = any lead the
/// territory reps do not cover), how many handoffs a day at most (none = no limit), and whether they are away now.
/// </summary>
public sealed record RepRules(bool TakesPart, IReadOnlyList<string> Territory, int? CapacityPerDay, bool Away)
{
    public const int MinCapacity = 1;
    public const int MaxCapacity = 1000;

    /// <summary>A Sales user nobody has set rules for: takes part, no territory, no limit, not away. Today's behaviour.</summary>
    public static RepRules Default { get; } = new(true, [], null, false);

    public bool HasTerritory => Territory.Count > 0;

    /// <summary>The territory trimmed, upper-cased, without blanks or repeats, in code order.</summary>
    public RepRules Normalized() => this with
    {
        Territory = Territory.Select(Countries.Normalize).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
    };

    public bool SameAs(RepRules other) =>
        TakesPart == other.TakesPart && CapacityPerDay == other.CapacityPerDay && Away == other.Away
        && Normalized().Territory.SequenceEqual(other.Normalized().Territory, StringComparer.Ordinal);

    /// <summary>Every problem with these rules for <paramref name="repName"/>, by field; empty when they can be saved.</summary>
    public IReadOnlyList<RuleProblem> Validate(string repName)
    {
        var problems = new List<RuleProblem>();
        foreach (var code in Territory.Select(Countries.Normalize).Where(c => !Countries.IsCode(c)).Distinct(StringComparer.Ordinal))
            problems.Add(new(nameof(Territory), new DomainException(
                $"'{code}' in the territory of {repName} is not an ISO 3166 two-letter country code.", "InvalidCountryCode", code, repName)));
        if (CapacityPerDay is < MinCapacity or > MaxCapacity)
            problems.Add(new(nameof(CapacityPerDay), new DomainException(
                $"The capacity of {repName} must be between {MinCapacity} and {MaxCapacity} handoffs a day, or empty for no limit.",
                "CapacityOutOfRange", repName, MinCapacity, MaxCapacity)));
        return problems;
    }
}

/// <summary>The stored <see cref="RepRules"/> of one Sales user (by Identity user id). A user without a row has the defaults.</summary>
public sealed class RepAssignment
{
    private RepAssignment() { }

    internal RepAssignment(string userId) => UserId = userId;

    public string UserId { get; private set; } = "";
    public bool TakesPart { get; private set; } = true;
    /// <summary>ISO 3166-1 alpha-2 codes, upper case.</summary>
    public IReadOnlyList<string> Territory { get; private set; } = [];
    public int? CapacityPerDay { get; private set; }
    public bool Away { get; private set; }
    public string UpdatedById { get; private set; } = "";
    public string UpdatedByName { get; private set; } = "";
    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    public RepRules Rules => new(TakesPart, Territory, CapacityPerDay, Away);

    internal void Apply(RepRules rules, Actor by, DateTime at)
    {
        rules = rules.Normalized();
        (TakesPart, Territory, CapacityPerDay, Away) = (rules.TakesPart, rules.Territory, rules.CapacityPerDay, rules.Away);
        (UpdatedById, UpdatedByName, UpdatedAt) = (by.UserId, by.Name, at);
    }
}

internal sealed class RepAssignmentConfiguration : IEntityTypeConfiguration<RepAssignment>
{
    public void Configure(EntityTypeBuilder<RepAssignment> assignment)
    {
        assignment.ToTable("RepAssignments");
        assignment.HasKey(a => a.UserId);
        assignment.Property(a => a.UserId).HasMaxLength(450);
        // The rules go with the user: deleting a user deletes them.
        assignment.HasOne<Identity.AppUser>().WithOne().HasForeignKey<RepAssignment>(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        assignment.Property(a => a.Territory).HasJsonConversion();
        assignment.Property(a => a.UpdatedById).HasMaxLength(450);
        assignment.Property(a => a.UpdatedByName).HasMaxLength(256);
        assignment.Ignore(a => a.Rules);
    }
}
