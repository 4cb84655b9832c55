using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// The triggers that keep <c>LeadTallies</c> equal to <c>SELECT Stage, Status, OwnerId, Source, COUNT(*) FROM Leads GROUP
/// BY …</c> through every write path (EF, ExecuteUpdate, bulk SQL, COPY). <see cref="DatabaseInitializer"/> makes them
/// rather than a migration, so regenerating the migrations cannot silently lose them: when one is missing or differs
/// from the text below, all are replaced and the tallies recounted from the leads, in one transaction.
/// On SQLite (one writer at a time) the triggers update the tally rows in place. On PostgreSQL, where writers run side by
/// side, updating a shared tally row would make every transaction that adds a lead of the same kind wait for the
/// previous one to commit, and two transactions that touch two tally rows in opposite orders deadlock; so the triggers
/// only insert <c>LeadTallyChanges</c> rows, <see cref="FoldAsync"/> adds them into the tallies every few seconds
/// (<see cref="LeadTallyFolder"/>), and a count sums both in one statement, which is exact at every moment.
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

    /// <summary>Makes sure the engine's triggers exist as written; otherwise replaces them and recounts.</summary>
    public static Task EnsureAsync(LeadDeskDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? EnsurePostgreSqlAsync(db, cancellationToken) : EnsureSqliteAsync(db, cancellationToken);

    private static async Task EnsureSqliteAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
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

    /// <summary>
    /// PostgreSQL: one function for all four triggers. Inserts and deletes are counted per statement from the transition
    /// table (a COPY or a batch of a million rows writes a handful of change rows, not a million); an update counts only
    /// when it moves a lead to another combination; TRUNCATE empties both tables. The version line must change whenever
    /// the function or the triggers below do, so that running databases get them replaced.
    /// </summary>
    private const string PostgreSqlFunctionBody = """

        BEGIN
            -- LeadDesk tally triggers, version 1
            IF TG_OP = 'TRUNCATE' THEN
                DELETE FROM "LeadTallyChanges";
                DELETE FROM "LeadTallies";
            ELSIF TG_LEVEL = 'ROW' THEN
                INSERT INTO "LeadTallyChanges" ("Stage", "Status", "OwnerId", "Source", "Delta") VALUES
                    (OLD."Stage", OLD."Status", coalesce(OLD."OwnerId", ''), coalesce(OLD."Source", ''), -1),
                    (NEW."Stage", NEW."Status", coalesce(NEW."OwnerId", ''), coalesce(NEW."Source", ''), 1);
            ELSIF TG_OP = 'INSERT' THEN
                INSERT INTO "LeadTallyChanges" ("Stage", "Status", "OwnerId", "Source", "Delta")
                SELECT "Stage", "Status", coalesce("OwnerId", ''), coalesce("Source", ''), count(*) FROM added GROUP BY 1, 2, 3, 4;
            ELSE
                INSERT INTO "LeadTallyChanges" ("Stage", "Status", "OwnerId", "Source", "Delta")
                SELECT "Stage", "Status", coalesce("OwnerId", ''), coalesce("Source", ''), -count(*) FROM removed GROUP BY 1, 2, 3, 4;
            END IF;
            RETURN NULL;
        END

        """;

    private const string PostgreSqlFunction = "leaddesk_lead_tally";

    private static readonly IReadOnlyDictionary<string, string> PostgreSqlTriggers = new Dictionary<string, string>
    {
        ["TR_Leads_Tally_Insert"] = $"""
            CREATE TRIGGER "TR_Leads_Tally_Insert" AFTER INSERT ON "Leads" REFERENCING NEW TABLE AS added
            FOR EACH STATEMENT EXECUTE FUNCTION {PostgreSqlFunction}()
            """,
        ["TR_Leads_Tally_Update"] = $"""
            CREATE TRIGGER "TR_Leads_Tally_Update" AFTER UPDATE OF "Stage", "Status", "OwnerId", "Source" ON "Leads" FOR EACH ROW
            WHEN (OLD."Stage" IS DISTINCT FROM NEW."Stage" OR OLD."Status" IS DISTINCT FROM NEW."Status"
                  OR OLD."OwnerId" IS DISTINCT FROM NEW."OwnerId" OR OLD."Source" IS DISTINCT FROM NEW."Source")
            EXECUTE FUNCTION {PostgreSqlFunction}()
            """,
        ["TR_Leads_Tally_Delete"] = $"""
            CREATE TRIGGER "TR_Leads_Tally_Delete" AFTER DELETE ON "Leads" REFERENCING OLD TABLE AS removed
            FOR EACH STATEMENT EXECUTE FUNCTION {PostgreSqlFunction}()
            """,
        ["TR_Leads_Tally_Truncate"] = $"""
            CREATE TRIGGER "TR_Leads_Tally_Truncate" AFTER TRUNCATE ON "Leads" FOR EACH STATEMENT EXECUTE FUNCTION {PostgreSqlFunction}()
            """,
    };

    /// <summary>Serialises the recount and the folding across app nodes (an arbitrary constant: "LDTALLY" in ASCII).</summary>
    private const long PostgreSqlLock = 0x4C_44_54_41_4C_4C_59;

    private static async Task EnsurePostgreSqlAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        if (await PostgreSqlTriggersCurrentAsync(db, cancellationToken)) return;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Another node starting at the same time waits here, then finds the work done.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgreSqlLock})", cancellationToken);
        if (await PostgreSqlTriggersCurrentAsync(db, cancellationToken)) return;
        // Writers wait while the leads are recounted (readers do not), so no change falls between the count and the triggers.
        await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "Leads" IN SHARE ROW EXCLUSIVE MODE""", cancellationToken);
        foreach (var name in PostgreSqlTriggers.Keys)
        {
            var drop = $"DROP TRIGGER IF EXISTS \"{name}\" ON \"Leads\""; // our own trigger names: identifiers cannot be parameters
            await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
        }
        await db.Database.ExecuteSqlRawAsync(
            $"CREATE OR REPLACE FUNCTION {PostgreSqlFunction}() RETURNS trigger LANGUAGE plpgsql AS $body${PostgreSqlFunctionBody}$body$",
            cancellationToken);
        foreach (var sql in PostgreSqlTriggers.Values)
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "LeadTallyChanges"; DELETE FROM "LeadTallies";""", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "LeadTallies" ("Stage", "Status", "OwnerId", "Source", "Count")
            SELECT "Stage", "Status", coalesce("OwnerId", ''), coalesce("Source", ''), COUNT(*) FROM "Leads" GROUP BY 1, 2, 3, 4;
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The function's body as written above, and exactly the four triggers, enabled, on <c>Leads</c>.</summary>
    private static async Task<bool> PostgreSqlTriggersCurrentAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        var body = await db.Database
            .SqlQuery<string>($"SELECT prosrc AS \"Value\" FROM pg_proc WHERE proname = {PostgreSqlFunction} AND pronamespace = current_schema()::regnamespace")
            .ToListAsync(cancellationToken);
        if (body is not [var source] || source != PostgreSqlFunctionBody) return false;
        var triggers = await db.Database
            .SqlQueryRaw<string>("""
                SELECT tgname AS "Value" FROM pg_trigger
                WHERE tgrelid = '"Leads"'::regclass AND NOT tgisinternal AND tgname LIKE 'TR\_Leads\_Tally%' AND tgenabled = 'O'
                """)
            .ToListAsync(cancellationToken);
        return triggers.Order().SequenceEqual(PostgreSqlTriggers.Keys.Order());
    }

    /// <summary>
    /// PostgreSQL: adds the recorded changes into the tallies and deletes them, in one statement, so any count sees them
    /// on one side or the other. Changes committed meanwhile stay for the next fold. Skipped when another node is folding
    /// (or recounting) at the moment. Returns the number of change rows folded.
    /// </summary>
    public static async Task<int> FoldAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database
            .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({PostgreSqlLock}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!locked) return 0;
        // Not composed with SingleAsync: PostgreSQL only allows a data-modifying WITH at the top level, and EF would wrap it.
        var folded = (await db.Database.SqlQueryRaw<int>("""
            WITH moved AS (DELETE FROM "LeadTallyChanges" RETURNING "Stage", "Status", "OwnerId", "Source", "Delta"),
            added AS (
                INSERT INTO "LeadTallies" ("Stage", "Status", "OwnerId", "Source", "Count")
                SELECT "Stage", "Status", "OwnerId", "Source", SUM("Delta") FROM moved GROUP BY 1, 2, 3, 4
                ON CONFLICT ("Stage", "Status", "OwnerId", "Source") DO UPDATE SET "Count" = "LeadTallies"."Count" + EXCLUDED."Count")
            SELECT COUNT(*)::int AS "Value" FROM moved
            """).ToListAsync(cancellationToken)).Single();
        await transaction.CommitAsync(cancellationToken);
        return folded;
    }

    private sealed class TriggerRow
    {
        public string Name { get; set; } = "";
        public string Sql { get; set; } = "";
    }
}
