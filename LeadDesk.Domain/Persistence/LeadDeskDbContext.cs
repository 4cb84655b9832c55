using LeadDesk.Domain.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Persistence;

/// <summary>The one context: leads, their decisions and events, scoring models, imports, Identity and Data Protection keys.</summary>
public sealed class LeadDeskDbContext(DbContextOptions<LeadDeskDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<EngagementEvent> EngagementEvents => Set<EngagementEvent>();
    public DbSet<ScoringModel> ScoringModels => Set<ScoringModel>();
    public DbSet<RescoreRun> RescoreRuns => Set<RescoreRun>();
    public DbSet<Qualification.BantAssessment> BantAssessments => Set<Qualification.BantAssessment>();
    public DbSet<Analytics.ChannelSpend> ChannelSpends => Set<Analytics.ChannelSpend>();
    public DbSet<Intake.ApiKey> ApiKeys => Set<Intake.ApiKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Import.ImportJob> ImportJobs => Set<Import.ImportJob>();
    public DbSet<Import.ImportRowError> ImportRowErrors => Set<Import.ImportRowError>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Insights.TrainingRun> TrainingRuns => Set<Insights.TrainingRun>();
    internal DbSet<Inbox.LeadTally> LeadTallies => Set<Inbox.LeadTally>();
    /// <summary>PostgreSQL only (not a DbSet, so that EF does not add the entity to the SQLite model by convention).</summary>
    internal IQueryable<Inbox.LeadTallyChange> LeadTallyChanges => Set<Inbox.LeadTallyChange>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, ProviderMigrationsAssembly>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LeadDeskDbContext).Assembly);
        builder.HasDbFunction(typeof(SqliteHints).GetMethod(nameof(SqliteHints.Likely))!).HasName("likely").IsBuiltIn();
        builder.HasDbFunction(typeof(SqliteFunctions).GetMethod(nameof(SqliteFunctions.Substr))!).HasName("substr").IsBuiltIn();
        if (Database.IsNpgsql())
        {
            // The inbox searches by prefix as a range [term, term + U+FFFF) over lower-cased copies; byte order ("C")
            // keeps that range exact and lets the B-tree indexes serve it, as SQLite's binary collation does.
            foreach (var column in new[] { nameof(Lead.SearchFirstName), nameof(Lead.SearchLastName), nameof(Lead.SearchCompany), nameof(Lead.EmailNormalized) })
                builder.Entity<Lead>().Property(column).UseCollation("C");
            // SQLite's indexes end with the row id (Id) without being asked; PostgreSQL's do not. Carrying Id in the
            // single-column sort indexes lets PostgreSQL find a deep inbox page's ids (LeadInbox), and the dashboard the
            // ids of the leads created in a period, from the index alone instead of reading thousands of rows.
            builder.Entity<Lead>().HasIndex(l => l.TotalScore).IncludeProperties(l => l.Id);
            // PostgreSQL 15 has no skip scan, so the cohort index SQLite walks channel by channel (LeadConfiguration) is
            // of no use to it: it read the period's leads through the CreatedAt index and the table instead. Carrying
            // the cohort's columns in the CreatedAt index makes that an index-only scan, and one index fewer on Leads.
            builder.Entity<Lead>().HasIndex(l => l.CreatedAt).IncludeProperties(l => new
            {
                l.Id, l.Source, l.UtmCampaign, l.ReachedMqlAt, l.ReachedSalAt, l.ReachedSqlAt, l.ReachedOpportunityAt, l.ReachedWonAt,
            });
            var leads = builder.Entity<Lead>().Metadata;
            leads.RemoveIndex(leads.GetIndexes().Single(i => i.GetDatabaseName() == Configurations.LeadConfiguration.CohortIndexName));
            builder.Entity<Lead>().HasIndex(l => new { l.SearchLastName, l.SearchFirstName }).IncludeProperties(l => l.Id);
            // Concurrent writers on PostgreSQL record tally changes instead of updating tally rows (LeadTallyTriggers).
            builder.Entity<Inbox.LeadTallyChange>(change =>
            {
                change.ToTable("LeadTallyChanges");
                change.HasKey(c => c.Id);
                change.Property(c => c.OwnerId).HasMaxLength(450);
                change.Property(c => c.Source).HasMaxLength(LeadProfile.TextMaxLength);
            });
        }
        else
        {
            Configurations.LeadConfiguration.SqliteScoreIndexes(builder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are UTC everywhere; SQLite hands them back without a Kind, so mark them on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
