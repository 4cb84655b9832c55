using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Domain.Persistence.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    /// <summary>The dashboard's cohort index (SQLite only).</summary>
    public const string CohortIndexName = "IX_Leads_Source_UtmCampaign_CreatedAt_Milestones";

    /// <summary>
    /// SQLite's one score index, in place of the five the score sorts have on PostgreSQL (<see cref="SqliteScoreIndexes"/>):
    /// the score, the tie-break, then every filter the inbox combines with a score sort, so that a filter is checked in
    /// the index while it is walked in score order.
    /// </summary>
    public const string SqliteScoreIndexName = "IX_Leads_TotalScore_Id_Stage_Status_Source_OwnerId";

    /// <summary>
    /// On SQLite the four composite score indexes and the plain one give way to <see cref="SqliteScoreIndexName"/>. A
    /// rescore changes most leads' scores, and SQLite moves a changed score's entry in every index on the score, at
    /// scattered places: with five indexes that alone took 16–24 s for a million leads, with one 4–7 s
    /// (docs/performance.md). The inbox walks the one index in score order and checks its filters there, or, when few
    /// leads match, gathers them through a filter's index and sorts them (LeadInbox). PostgreSQL, whose rescore is bound
    /// by other costs, keeps the five.
    /// </summary>
    public static void SqliteScoreIndexes(ModelBuilder builder)
    {
        var leads = builder.Entity<Lead>();
        foreach (var index in leads.Metadata.GetIndexes().Where(i => i.Properties[0].Name == nameof(Lead.TotalScore) ||
                     i.Properties.Count > 1 && i.Properties[1].Name == nameof(Lead.TotalScore)).ToList())
            leads.Metadata.RemoveIndex(index);
        leads.HasIndex(l => new { l.TotalScore, l.Id, l.Stage, l.Status, l.Source, l.OwnerId }).HasDatabaseName(SqliteScoreIndexName);
    }

    public void Configure(EntityTypeBuilder<Lead> lead)
    {
        lead.HasKey(l => l.Id);
        // AFTER triggers keep LeadTallies in step (LeadTallyTriggers); EF is told not to rely on RETURNING here.
        lead.ToTable(t => t.UseSqlReturningClause(false));
        lead.Property(l => l.FirstName).HasMaxLength(LeadProfile.NameMaxLength);
        lead.Property(l => l.LastName).HasMaxLength(LeadProfile.NameMaxLength);
        lead.Property(l => l.SearchFirstName).HasMaxLength(LeadProfile.NameMaxLength);
        lead.Property(l => l.SearchLastName).HasMaxLength(LeadProfile.NameMaxLength);
        lead.Property(l => l.Email).HasMaxLength(LeadProfile.EmailMaxLength);
        lead.Property(l => l.EmailNormalized).HasMaxLength(LeadProfile.EmailMaxLength);
        foreach (var text in new[] { nameof(Lead.Phone), nameof(Lead.JobTitle), nameof(Lead.Department), nameof(Lead.Company),
                     nameof(Lead.SearchCompany), nameof(Lead.Industry), nameof(Lead.Source), nameof(Lead.UtmSource),
                     nameof(Lead.UtmMedium), nameof(Lead.UtmCampaign) })
            lead.Property(text).HasMaxLength(LeadProfile.TextMaxLength);
        lead.Property(l => l.Country).HasMaxLength(2);
        lead.Property(l => l.IntakeSource).HasMaxLength(LeadProfile.TextMaxLength);
        lead.Property(l => l.OwnerId).HasMaxLength(450);
        lead.Property(l => l.OwnerName).HasMaxLength(256);
        lead.Property(l => l.HandoffRepId).HasMaxLength(450);
        lead.Property(l => l.HandoffRepName).HasMaxLength(256);
        lead.Property(l => l.OpportunityAmount).HasPrecision(18, 2);
        lead.Property(l => l.ConcurrencyToken).IsConcurrencyToken();
        lead.Property(l => l.ScoreExplanation).HasJsonConversion();

        lead.HasMany(l => l.Decisions).WithOne(d => d.Lead).HasForeignKey(d => d.LeadId).OnDelete(DeleteBehavior.Restrict);
        lead.HasMany(l => l.Events).WithOne(e => e.Lead).HasForeignKey(e => e.LeadId).OnDelete(DeleteBehavior.Cascade);
        lead.Navigation(l => l.Decisions).UsePropertyAccessMode(PropertyAccessMode.Field);
        lead.Navigation(l => l.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        lead.Ignore(l => l.Profile);
        lead.Ignore(l => l.DisplayName);
        lead.Ignore(l => l.HasPendingHandoff);

        // The inbox filters by stage, status, owner, source and score, and sorts by score, dates, name and company.
        // Each sort has an index, and the common filter + sort pairs have a composite one, so a page is a range scan.
        // The composites carry Id (the tie-break, so no sort is needed) and then the other low-cardinality filters, so
        // that a second filter is checked in the index instead of in the table row. With LeadInbox's likely() hints a
        // broad filter walks a sort index and a narrow combination starts from its narrowest filter (docs/performance.md).
        lead.HasIndex(l => l.EmailNormalized).IsUnique();
        // The score sorts: the five indexes below on PostgreSQL; on SQLite one covering index instead (SqliteScoreIndexes).
        lead.HasIndex(l => l.TotalScore);
        lead.HasIndex(l => l.CreatedAt);
        lead.HasIndex(l => l.LastActivityAt);
        // Search: one index per prefix-searched column, each also holding the columns searched before it, so that
        // LeadInbox can count a search as disjoint index ranges without reading rows (the company one also sorts).
        lead.HasIndex(l => new { l.SearchLastName, l.SearchFirstName });
        lead.HasIndex(l => new { l.SearchFirstName, l.SearchLastName });
        lead.HasIndex(l => new { l.SearchCompany, l.Id, l.SearchLastName, l.SearchFirstName });
        lead.HasIndex(l => new { l.EmailNormalized, l.SearchLastName, l.SearchFirstName, l.SearchCompany });
        lead.HasIndex(l => new { l.Stage, l.TotalScore, l.Id, l.Status, l.Source });
        lead.HasIndex(l => new { l.Stage, l.CreatedAt, l.Id, l.Status, l.Source });
        lead.HasIndex(l => new { l.Stage, l.LastActivityAt, l.Id, l.Status, l.Source });
        lead.HasIndex(l => new { l.Status, l.TotalScore, l.Id, l.Stage, l.Source });
        lead.HasIndex(l => new { l.OwnerId, l.TotalScore, l.Id, l.Stage, l.Status });
        lead.HasIndex(l => new { l.OwnerId, l.LastActivityAt, l.Id, l.Stage, l.Status });
        lead.HasIndex(l => new { l.OwnerId, l.CreatedAt, l.Id, l.Stage, l.Status });
        lead.HasIndex(l => new { l.Source, l.TotalScore, l.Id, l.Stage, l.Status });
        lead.HasIndex(l => new { l.HandoffRepId, l.HandedOffAt });
        lead.HasIndex(l => new { l.Stage, l.StageEnteredAt });
        // The dashboard's cohort (its funnel, channel and campaign tables) groups the leads created in a period by
        // (Source, UtmCampaign) and counts those that reached each stage: SQLite walks this index group by group
        // (skip-scan over the few channels and campaigns, a CreatedAt range in each), so the period's leads are neither
        // read from the table nor sorted.
        // (PostgreSQL, which cannot skip-scan, does without it: LeadDeskDbContext.)
        lead.HasIndex(l => new { l.Source, l.UtmCampaign, l.CreatedAt, l.ReachedMqlAt, l.ReachedSalAt, l.ReachedSqlAt, l.ReachedOpportunityAt, l.ReachedWonAt })
            .HasDatabaseName(CohortIndexName);
    }
}

internal sealed class LeadTallyConfiguration : IEntityTypeConfiguration<Inbox.LeadTally>
{
    public void Configure(EntityTypeBuilder<Inbox.LeadTally> tally)
    {
        tally.ToTable("LeadTallies");
        tally.HasKey(t => new { t.Stage, t.Status, t.OwnerId, t.Source });
        tally.Property(t => t.OwnerId).HasMaxLength(450);
        tally.Property(t => t.Source).HasMaxLength(LeadProfile.TextMaxLength);
    }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> decision)
    {
        decision.HasKey(d => d.Id);
        decision.Property(d => d.ActorId).HasMaxLength(450);
        decision.Property(d => d.ActorName).HasMaxLength(256);
        decision.Property(d => d.Note).HasMaxLength(Decision.NoteMaxLength);
        decision.Property(d => d.Reason).HasConversion<string>().HasMaxLength(40);
        decision.Property(d => d.AssignedToId).HasMaxLength(450);
        decision.Property(d => d.AssignedToName).HasMaxLength(256);
        // Ticks on both engines: the velocity figures read and sort the durations as they are, with nothing to parse.
        decision.Property(d => d.StepDuration).HasConversion<long?>();
        // A lead's timeline, and the per-lead probes of the migration that filled the dashboard's columns.
        decision.HasIndex(d => new { d.LeadId, d.At, d.Verb, d.ToStage, d.FromStage });
        // The dashboard's queries are each answered from one of these alone (docs/performance.md). Per period and verb:
        // counts, rejection reasons, step durations, MQL reviews, the trend, what each rep decided and the handoff each
        // answer closed. Stage moves, by the time of the move (flow reading) or by the lead's creation (cohort reading):
        // SQLite skip-scans the few (from, to) pairs with a range in each, so the flows come out grouped without a sort;
        // only moves are kept (a handoff is none). What each rep was handed: the roster reads its latest handoff from the
        // same index.
        decision.HasIndex(d => new { d.Verb, d.At, d.LeadId, d.FromStage, d.ToStage, d.StepDuration, d.Reason, d.ActorId, d.ActorName, d.HandedOffAt })
            .HasDatabaseName("IX_Decisions_Verb_At_Dashboard");
        decision.HasIndex(d => new { d.FromStage, d.ToStage, d.At }).HasFilter("\"FromStage\" <> \"ToStage\"");
        decision.HasIndex(d => new { d.FromStage, d.ToStage, d.LeadCreatedAt }).HasFilter("\"FromStage\" <> \"ToStage\"");
        decision.HasIndex(d => new { d.AssignedToId, d.At, d.AssignedToName });
    }
}

internal sealed class EngagementEventConfiguration : IEntityTypeConfiguration<EngagementEvent>
{
    public void Configure(EntityTypeBuilder<EngagementEvent> engagement)
    {
        engagement.HasKey(e => e.Id);
        engagement.Property(e => e.Detail).HasMaxLength(EngagementEvent.DetailMaxLength);
        engagement.HasIndex(e => new { e.LeadId, e.OccurredAt });
    }
}

internal sealed class ScoringModelConfiguration : IEntityTypeConfiguration<ScoringModel>
{
    public void Configure(EntityTypeBuilder<ScoringModel> model)
    {
        model.HasKey(m => m.Id);
        model.HasIndex(m => m.Version).IsUnique();
        model.Property(m => m.CreatedById).HasMaxLength(450);
        model.Property(m => m.CreatedByName).HasMaxLength(256);
        model.Property(m => m.Note).HasMaxLength(2000);
        model.Property(m => m.Definition).HasJsonConversion();
    }
}

internal sealed class BantAssessmentConfiguration : IEntityTypeConfiguration<Qualification.BantAssessment>
{
    public void Configure(EntityTypeBuilder<Qualification.BantAssessment> bant)
    {
        bant.HasKey(b => b.Id);
        bant.HasOne<Lead>().WithMany().HasForeignKey(b => b.LeadId).OnDelete(DeleteBehavior.Restrict);
        bant.HasIndex(b => new { b.LeadId, b.AssessedAt });
        bant.Property(b => b.AssessedById).HasMaxLength(450);
        bant.Property(b => b.AssessedByName).HasMaxLength(256);
        foreach (var note in new[] { "BudgetNote", "AuthorityNote", "NeedNote", "TimelineNote" })
            bant.Property(note).HasMaxLength(Qualification.BantAssessment.NoteMaxLength);
        bant.Ignore(b => b.Answers);
    }
}
