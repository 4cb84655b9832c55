using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Domain.Persistence;

/// <summary>Brings the database up to date at start-up: migrations, WAL mode, the lead tally triggers, the first scoring model.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the inbox read while a write is in progress; the setting is kept in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);
        await LeadTallyTriggers.EnsureAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Planner statistics (sqlite_stat1) for tables that lack them or have grown a lot; sampled, so start-up stays quick.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;", cancellationToken);
        }

        if (!await db.ScoringModels.AnyAsync(cancellationToken))
        {
            db.ScoringModels.Add(new ScoringModel(1, DefaultScoringModel.Definition, Actor.System,
                clock.GetUtcNow().UtcDateTime, "The model LeadDesk ships with."));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded scoring model version 1");
        }
    }
}
