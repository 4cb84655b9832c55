using LeadDesk.Domain.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Domain.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength);
        key.Property(k => k.Channel).HasMaxLength(LeadProfile.TextMaxLength);
        key.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength);
        key.Property(k => k.Hash).HasMaxLength(32);
        key.Property(k => k.CreatedById).HasMaxLength(450);
        key.Property(k => k.CreatedByName).HasMaxLength(256);
        key.Property(k => k.RevokedById).HasMaxLength(450);
        key.Property(k => k.RevokedByName).HasMaxLength(256);
        key.Ignore(k => k.IsRevoked);
        // Every API call looks its key up by prefix; not unique, since two keys could share one (the hash decides).
        key.HasIndex(k => k.Prefix);
    }
}
