using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Domain.Analytics;

/// <summary>
/// What was spent on one channel (a <see cref="Lead.Source"/> value) in one calendar month, entered by a manager.
/// One row per (channel, month); a new amount replaces the old one. Cost per lead / MQL / SQL / won is read from it.
/// </summary>
public sealed class ChannelSpend
{
    private ChannelSpend() { }

    internal ChannelSpend(string channel, DateOnly month, decimal amount, Actor by, DateTime at)
    {
        Channel = channel;
        Month = month;
        Update(amount, by, at);
    }

    public int Id { get; private set; }
    /// <summary>The channel, spelled as the leads' <see cref="Lead.Source"/>.</summary>
    public string Channel { get; private set; } = "";
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; private set; }
    /// <summary>≥ 0.</summary>
    public decimal Amount { get; private set; }
    public string UpdatedById { get; private set; } = "";
    public string UpdatedByName { get; private set; } = "";
    /// <summary>UTC.</summary>
    public DateTime UpdatedAt { get; private set; }

    internal void Update(decimal amount, Actor by, DateTime at)
    {
        if (amount < 0) throw new DomainException("A spend cannot be negative.", "NegativeAmount");
        Amount = amount;
        UpdatedById = by.UserId;
        UpdatedByName = by.Name;
        UpdatedAt = at;
    }

    /// <summary>The first day of the month that contains <paramref name="day"/>.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}

internal sealed class ChannelSpendConfiguration : IEntityTypeConfiguration<ChannelSpend>
{
    public void Configure(EntityTypeBuilder<ChannelSpend> spend)
    {
        spend.ToTable("ChannelSpends");
        spend.HasKey(s => s.Id);
        spend.Property(s => s.Channel).HasMaxLength(LeadProfile.TextMaxLength);
        spend.Property(s => s.Amount).HasPrecision(18, 2);
        spend.Property(s => s.UpdatedById).HasMaxLength(450);
        spend.Property(s => s.UpdatedByName).HasMaxLength(256);
        spend.HasIndex(s => new { s.Channel, s.Month }).IsUnique();
        spend.HasIndex(s => s.Month);
    }
}
