namespace LeadDesk.Domain.Persistence;

/// <summary>
/// The backfill of the migration DashboardFacts, one statement list per engine: it fills the columns that the lifecycle
/// verbs and scoring now write (<see cref="Decision.LeadCreatedAt"/>, <see cref="Decision.HandedOffAt"/>,
/// <see cref="Decision.StepDuration"/>, the lead's milestones and latest steps, <see cref="Lead.ScoreRulesKey"/>) for the
/// rows written before them, from the decision log and the score explanations. Each value is the one the dashboard's
/// queries computed before the migration (the latest handoff at or before an answer, the first promotion with none
/// before it, and so on), so the figures stay the same; a test checks that it equals what the verbs write. Part of a
/// released migration: change it only by adding another migration.
/// </summary>
internal static class DashboardFactsSql
{
    // Verbs and stages as stored: Promote 0, HandOff 1, Accept 2, Reject 3, Qualify 4, Recycle 5, Disqualify 6, CloseWon 8;
    // MQL 1, SAL 2, SQL 3, Opportunity 4, Won 5.

    /// <summary>The start of each decision's funnel step (<see cref="Decision.StepDuration"/>), as rows ("Id", "Start").</summary>
    private const string StepStarts = """
        SELECT "d"."Id", CASE "d"."Verb"
                WHEN 0 THEN CASE WHEN NOT EXISTS (SELECT 1 FROM "Decisions" AS "p"
                    WHERE "p"."LeadId" = "d"."LeadId" AND "p"."Verb" = 0 AND "p"."At" < "d"."At") THEN "d"."LeadCreatedAt" END
                WHEN 2 THEN (SELECT MAX("p"."At") FROM "Decisions" AS "p" WHERE "p"."LeadId" = "d"."LeadId" AND "p"."Verb" = 0 AND "p"."At" <= "d"."At")
                WHEN 4 THEN (SELECT MAX("p"."At") FROM "Decisions" AS "p" WHERE "p"."LeadId" = "d"."LeadId" AND "p"."Verb" = 2 AND "p"."At" <= "d"."At")
                WHEN 8 THEN (SELECT MAX("p"."At") FROM "Decisions" AS "p" WHERE "p"."LeadId" = "d"."LeadId" AND "p"."Verb" = 4 AND "p"."At" <= "d"."At")
            END AS "Start"
        FROM "Decisions" AS "d" WHERE "d"."Verb" IN (0, 2, 4, 8)
        UNION ALL
        SELECT "r"."Id", "r"."EnteredAt" FROM (
            SELECT "d"."Id", "d"."LeadId", "d"."At", (SELECT MAX("e"."At") FROM "Decisions" AS "e"
                WHERE "e"."LeadId" = "d"."LeadId" AND "e"."ToStage" = 1 AND "e"."FromStage" <> 1 AND "e"."At" <= "d"."At") AS "EnteredAt"
            FROM "Decisions" AS "d" WHERE "d"."FromStage" = 1 AND "d"."Verb" IN (1, 5, 6)) AS "r"
        WHERE NOT EXISTS (SELECT 1 FROM "Decisions" AS "x" WHERE "x"."LeadId" = "r"."LeadId" AND "x"."FromStage" = 1 AND "x"."Verb" IN (1, 5, 6)
            AND "x"."At" >= "r"."EnteredAt" AND ("x"."At" < "r"."At" OR ("x"."At" = "r"."At" AND "x"."Id" < "r"."Id")))
        """;

    private const string HandedOff = """
        UPDATE "Decisions" SET "HandedOffAt" = (SELECT MAX("h"."At") FROM "Decisions" AS "h"
            WHERE "h"."LeadId" = "Decisions"."LeadId" AND "h"."Verb" = 1 AND "h"."At" <= "Decisions"."At")
        WHERE "Verb" IN (2, 3);
        """;

    private const string Milestones = """
        UPDATE "Leads" SET
            "ReachedMqlAt" = (SELECT MIN("d"."At") FROM "Decisions" AS "d" WHERE "d"."LeadId" = "Leads"."Id" AND "d"."ToStage" = 1 AND "d"."FromStage" <> 1),
            "ReachedSalAt" = (SELECT MIN("d"."At") FROM "Decisions" AS "d" WHERE "d"."LeadId" = "Leads"."Id" AND "d"."ToStage" = 2 AND "d"."FromStage" <> 2),
            "ReachedSqlAt" = (SELECT MIN("d"."At") FROM "Decisions" AS "d" WHERE "d"."LeadId" = "Leads"."Id" AND "d"."ToStage" = 3 AND "d"."FromStage" <> 3),
            "ReachedOpportunityAt" = (SELECT MIN("d"."At") FROM "Decisions" AS "d" WHERE "d"."LeadId" = "Leads"."Id" AND "d"."ToStage" = 4 AND "d"."FromStage" <> 4),
            "ReachedWonAt" = (SELECT MIN("d"."At") FROM "Decisions" AS "d" WHERE "d"."LeadId" = "Leads"."Id" AND "d"."ToStage" = 5 AND "d"."FromStage" <> 5),
            "LastPromotedAt" = (SELECT MAX("d"."At") FROM "Decisions" AS "d" WHERE "d"."LeadId" = "Leads"."Id" AND "d"."Verb" = 0),
            "LastAcceptedAt" = (SELECT MAX("d"."At") FROM "Decisions" AS "d" WHERE "d"."LeadId" = "Leads"."Id" AND "d"."Verb" = 2),
            "LastQualifiedAt" = (SELECT MAX("d"."At") FROM "Decisions" AS "d" WHERE "d"."LeadId" = "Leads"."Id" AND "d"."Verb" = 4)
        WHERE "Id" IN (SELECT "LeadId" FROM "Decisions");
        """;

    /// <summary>
    /// <see cref="Scoring.ScoreRule.KeyOf"/> in SQL, from a temporary table "LeadRules" ("LeadId", "RuleId", "Label": each
    /// lead's rules once, with the first line's label): FNV-1a of every distinct (rule, label) by a recursive query, one
    /// character at a time (XOR written as (a | b) − (a &amp; b), which both engines have), then the two sums per lead.
    /// Characters outside the Basic Multilingual Plane hash differently here (by code point) than in C# (by UTF-16 unit):
    /// such a rule set then has two keys, which only splits its leads into two groups that are added up again.
    /// </summary>
    private const string RuleKeys = """
        WITH RECURSIVE "Fnv"("RuleId", "Label", "A", "B", "K", "H1", "H2") AS (
            SELECT "RuleId", "Label", "RuleId" || chr(31) || "Label", "Label" || chr(31) || "RuleId", 0, CAST(2166136261 AS bigint), CAST(2166136261 AS bigint)
            FROM (SELECT DISTINCT "RuleId", "Label" FROM "LeadRules") AS "p"
            UNION ALL
            SELECT "RuleId", "Label", "A", "B", "K" + 1,
                ((("H1" | code(substr("A", "K" + 1, 1))) - ("H1" & code(substr("A", "K" + 1, 1)))) * 16777619) % 4294967296,
                ((("H2" | code(substr("B", "K" + 1, 1))) - ("H2" & code(substr("B", "K" + 1, 1)))) * 16777619) % 4294967296
            FROM "Fnv" WHERE "K" < length("A"))
        UPDATE "Leads" SET "ScoreRulesKey" = "k"."Key"
        FROM (SELECT "r"."LeadId", (SUM("h"."H1") % 2147483648) * 4294967296 + SUM("h"."H2") % 4294967296 AS "Key"
              FROM "LeadRules" AS "r"
              JOIN (SELECT "RuleId", "Label", "H1", "H2" FROM "Fnv" WHERE "K" = length("A")) AS "h" ON "h"."RuleId" = "r"."RuleId" AND "h"."Label" = "r"."Label"
              GROUP BY "r"."LeadId") AS "k"
        WHERE "k"."LeadId" = "Leads"."Id";
        """;

    /// <summary>SQLite: times are text "yyyy-MM-dd HH:mm:ss.FFFFFFF", so a duration in ticks is whole seconds plus the fraction's digits.</summary>
    public static readonly IReadOnlyList<string> Sqlite =
    [
        """UPDATE "Decisions" SET "LeadCreatedAt" = (SELECT "l"."CreatedAt" FROM "Leads" AS "l" WHERE "l"."Id" = "Decisions"."LeadId");""",
        HandedOff,
        $"""
        UPDATE "Decisions" SET "StepDuration" =
            (CAST(strftime('%s', substr("Decisions"."At", 1, 19)) AS INTEGER) - CAST(strftime('%s', substr("s"."Start", 1, 19)) AS INTEGER)) * 10000000
            + CAST(substr(substr("Decisions"."At", 21) || '0000000', 1, 7) AS INTEGER) - CAST(substr(substr("s"."Start", 21) || '0000000', 1, 7) AS INTEGER)
        FROM ({StepStarts}) AS "s"
        WHERE "s"."Id" = "Decisions"."Id" AND "s"."Start" IS NOT NULL;
        """,
        Milestones,
        """
        CREATE TEMP TABLE "LeadRules" AS
        SELECT "l"."Id" AS "LeadId", json_extract("j"."value", '$.ruleId') AS "RuleId", json_extract("j"."value", '$.label') AS "Label", MIN("j"."key") AS "Line"
        FROM "Leads" AS "l", json_each("l"."ScoreExplanation") AS "j"
        GROUP BY "l"."Id", json_extract("j"."value", '$.ruleId');
        """,
        RuleKeys.Replace("chr(31)", "char(31)").Replace("code(", "unicode(").Replace("bigint", "INTEGER"),
        """DROP TABLE "LeadRules";""",
    ];

    /// <summary>PostgreSQL: the explanation is JSON text; a duration in ticks is the interval's seconds (exact, to the microsecond) × 10⁷.</summary>
    public static readonly IReadOnlyList<string> PostgreSql =
    [
        """UPDATE "Decisions" SET "LeadCreatedAt" = (SELECT "l"."CreatedAt" FROM "Leads" AS "l" WHERE "l"."Id" = "Decisions"."LeadId");""",
        HandedOff,
        $"""
        UPDATE "Decisions" SET "StepDuration" = CAST(EXTRACT(EPOCH FROM ("Decisions"."At" - "s"."Start")) * 10000000 AS bigint)
        FROM ({StepStarts}) AS "s"
        WHERE "s"."Id" = "Decisions"."Id" AND "s"."Start" IS NOT NULL;
        """,
        Milestones,
        """
        CREATE TEMP TABLE "LeadRules" AS
        SELECT DISTINCT ON ("l"."Id", "j"."line" ->> 'ruleId') "l"."Id" AS "LeadId", "j"."line" ->> 'ruleId' AS "RuleId", "j"."line" ->> 'label' AS "Label"
        FROM "Leads" AS "l", json_array_elements("l"."ScoreExplanation"::json) WITH ORDINALITY AS "j"("line", "n")
        ORDER BY "l"."Id", "j"."line" ->> 'ruleId', "j"."n";
        """,
        RuleKeys.Replace("code(", "ascii("),
        """DROP TABLE "LeadRules";""",
    ];
}
