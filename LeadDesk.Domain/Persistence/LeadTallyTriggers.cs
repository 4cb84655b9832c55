using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// The SQLite triggers that keep <c>LeadTallies</c> equal to <c>SELECT Stage, Status, OwnerId, Source, COUNT(*) FROM
/// Leads GROUP BY …</c> through every write path (EF, ExecuteUpdate, bulk SQL). <see cref="DatabaseInitializer"/> makes
/// them rather than a migration, so regenerating the migrations cannot silently lose them: when one is missing or its
/// SQL differs from the text below, all are replaced and the tallies recounted from the leads, in one transaction.
/// </summary>
internal static class LeadTallyTriggers
{
    private const string Add = """
        INSERT INTO "LeadTallies" ("Stage", "Status", "OwnerId", "Source", "Count")
            VALUES (NEW."Stage", NEW."Status", coalesce(NEW."OwnerId", ''), coalesce(NEW."Source", ''), 1)
            ON CONFLICT ("Stage", "Status", "OwnerId", "Source") DO UPDATE SET "Count" = "Count" + 1;
        """;

    private const string Remove = """
        UPDATE "LeadTallies" SET "Count" = "Count" - 1
            WHERE "Stage" = OLD."Stage" AND "Status" = OLD."Status" AND "OwnerId" = coalesce(OLD."OwnerId", '') AND "Source" = coalesce(OLD."Source", '');
        """;

    /// <summary>Trigger name → its CREATE statement, exactly as SQLite keeps it in sqlite_master.</summary>
    public static readonly IReadOnlyDictionary<string, string> Triggers = new Dictionary<string, string>
    {
        ["TR_Leads_Tally_Insert"] = $"""
            CREATE TRIGGER "TR_Leads_Tally_Insert" AFTER INSERT ON "Leads"
            BEGIN
            {Add}
            END
            """,
        ["TR_Leads_Tally_Update"] = $"""
            CREATE TRIGGER "TR_Leads_Tally_Update" AFTER UPDATE OF "Stage", "Status", "OwnerId", "Source" ON "Leads"
            WHEN OLD."Stage" IS NOT NEW."Stage" OR OLD."Status" IS NOT NEW."Status" OR OLD."OwnerId" IS NOT NEW."OwnerId" OR OLD."Source" IS NOT NEW."Source"
            BEGIN
            {Remove}
            {Add}
            END
            """,
        ["TR_Leads_Tally_Delete"] = $"""
            CREATE TRIGGER "TR_Leads_Tally_Delete" AFTER DELETE ON "Leads"
            BEGIN
            {Remove}
            END
            """,
    };

    /// <summary>Makes sure the triggers above exist as written; otherwise replaces them and recounts. SQLite only.</summary>
    public static async Task EnsureAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Database
            .SqlQueryRaw<TriggerRow>("""SELECT "name" AS "Name", "sql" AS "Sql" FROM sqlite_master WHERE "type" = 'trigger' AND "tbl_name" = 'Leads'""")
            .ToListAsync(cancellationToken);
        var current = existing.Where(t => t.Name.StartsWith("TR_Leads_Tally", StringComparison.Ordinal)).ToList();
        if (current.Count == Triggers.Count && current.All(t => Triggers.TryGetValue(t.Name, out var sql) && sql == t.Sql)) return;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var old in current)
        {
            var drop = "DROP TRIGGER \"" + old.Name.Replace("\"", "\"\"") + "\";";
            await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
        }
        foreach (var sql in Triggers.Values)
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "LeadTallies";""", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "LeadTallies" ("Stage", "Status", "OwnerId", "Source", "Count")
            SELECT "Stage", "Status", coalesce("OwnerId", ''), coalesce("Source", ''), COUNT(*) FROM "Leads" GROUP BY 1, 2, 3, 4;
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed class TriggerRow
    {
        public string Name { get; set; } = "";
        public string Sql { get; set; } = "";
    }
}
