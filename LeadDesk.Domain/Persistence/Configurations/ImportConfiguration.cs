using LeadDesk.Domain.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Domain.Persistence.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> job)
    {
        job.HasKey(j => j.Id);
        job.Property(j => j.FileName).HasMaxLength(ImportJob.FileNameMaxLength);
        job.Property(j => j.StoredFileName).HasMaxLength(100);
        job.Property(j => j.Encoding).HasMaxLength(20);
        job.Property(j => j.OwnerId).HasMaxLength(450);
        job.Property(j => j.OwnerName).HasMaxLength(256);
        job.Property(j => j.FailureMessage).HasMaxLength(2000);
        job.Property(j => j.Mapping).HasJsonConversion();
        job.Ignore(j => j.IsActive);
        job.Ignore(j => j.Origin);
        // The importer looks for queued jobs; the screen lists the newest.
        job.HasIndex(j => j.Status);
        job.HasIndex(j => j.CreatedAt);
        job.HasMany<ImportRowError>().WithOne().HasForeignKey(e => e.ImportJobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> error)
    {
        error.HasKey(e => e.Id);
        error.Property(e => e.Column).HasMaxLength(ImportRowError.ColumnMaxLength);
        error.Property(e => e.Code).HasMaxLength(40);
        error.Property(e => e.Value).HasMaxLength(ImportRowError.ValueMaxLength);
        error.Ignore(e => e.Problem);
        error.HasIndex(e => new { e.ImportJobId, e.RowNumber });
    }
}
