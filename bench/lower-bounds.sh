#!/usr/bin/env bash
# What the storage engines alone need on this machine for the import and rescore targets, with none of LeadDesk's work:
# no CSV parsing, no validation, no scoring, no decisions, no progress. Each figure is a lower bound for the real path.
#
#   bench/lower-bounds.sh [LEADS_DB]     (default bench/out/leads-1000000.db, made by bench/LeadDesk.Bench)
#
# SQLite (the app's settings: WAL, synchronous=FULL, a 256 MiB cache), on copies of the generated million leads:
#   1. insert 1,048,576 new leads (every lead once more and 48,576 a third time, each under a new email that sorts
#      next to the old one, as new people's emails land all over the index) by set-based INSERT … SELECT from an
#      attached file, 20,000 a transaction (the importer's batch) and in one transaction;
#      with the full schema, and with only what correctness needs (the primary key and the unique email index);
#   2. rewrite every lead's score columns by id range, 20,000 a transaction (the rescorer's), with the five score
#      indexes main had before 2026-11-29, and with the one covering score index SQLite has since (whichever the file
#      has, the other is built first); then, with the file's own indexes, the same rewrite with changed explanations,
#      with and without what 26,355 promotions write (a stage change and a decision each), in the same transactions.
# PostgreSQL (the tests' throw-away server from .ci/postgres: fsync, synchronous_commit and full_page_writes off, the
# engine's best case), a table of the same columns holding the million leads:
#   3. COPY the same 1,048,576 rows, CSV and binary, into it with only the primary key and the unique email index, and
#      into an empty table without indexes.
# Needs about 9 GB free under $TMPDIR (default /tmp). Prints one line per measurement.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source_db=$(realpath "${1:-$repo/bench/out/leads-1000000.db}")
[[ -f $source_db ]] || { echo "no $source_db: run bench/LeadDesk.Bench first" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/leaddesk-lower-bounds.XXXXXX")
chmod 777 "$work" # the PostgreSQL server (user postgres) reads the rows from here
trap 'rm -rf "$work"' EXIT

columns=$(sqlite3 "$source_db" "select group_concat('\"'||name||'\"', ', ') from pragma_table_info('Leads') where name <> 'Id'")
# A new email next to the old one: "ana.silva7@acme.com" becomes "ana.silva7.n42@acme.com".
renamed() { echo "substr($1,1,instr($1,'@')-1) || '.n' || rowid || substr($1,instr($1,'@'))"; }
new_columns=${columns/\"Email\",/$(renamed '"Email"'),}
new_columns=${new_columns/\"EmailNormalized\",/$(renamed '"EmailNormalized"'),}
settings="PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-262144;"
rows=1048576

timed() { # LABEL COMMAND…: runs the command, prints the label with wall and CPU seconds
    local label=$1; shift
    /usr/bin/time -f "$label: %e s wall (%U s user, %S s system)" "$@" >/dev/null
}

echo "==> $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), SQLite $(sqlite3 --version | cut -d' ' -f1)"
sqlite3 "$source_db" "ATTACH '$work/rows.db' AS rows;
    CREATE TABLE rows.Src AS SELECT * FROM main.Leads UNION ALL SELECT * FROM (SELECT * FROM main.Leads ORDER BY Id LIMIT $((rows - 1000000)));"

inserts() { # ROWS_PER_TRANSACTION
    echo "$settings ATTACH '$work/rows.db' AS rows;"
    for ((first = 1; first <= rows; first += $1)); do
        echo "BEGIN; INSERT INTO main.Leads ($columns) SELECT $new_columns FROM rows.Src WHERE rowid BETWEEN $first AND $((first + $1 - 1)); COMMIT;"
    done
}

minimal_schema() { # DB: drops every index on Leads but the unique email index, and the tally triggers
    sqlite3 "$1" "select 'DROP INDEX \"'||name||'\";' from sqlite_master where type='index' and tbl_name='Leads'
                    and name <> 'IX_Leads_EmailNormalized' and sql is not null
                  union all select 'DROP TRIGGER \"'||name||'\";' from sqlite_master where type='trigger' and tbl_name='Leads'" |
        sqlite3 "$1"
}

echo "-- SQLite: insert $rows new leads into 1,000,000"
for per in 20000 $rows; do
    cp "$source_db" "$work/leads.db"; minimal_schema "$work/leads.db"
    timed "primary key + unique email only, $per a transaction" sqlite3 "$work/leads.db" < <(inserts $per)
done
cp "$source_db" "$work/leads.db"
timed "full schema (18 indexes, tally trigger), 20000 a transaction" sqlite3 "$work/leads.db" < <(inserts 20000)
rm -f "$work/leads.db"

echo "-- SQLite: rewrite the score columns of 1,000,000 leads, 20,000 a transaction"
updates() {
    echo "$settings"
    for ((first = 1; first <= 1000000; first += 20000)); do
        echo "BEGIN; UPDATE Leads SET \"TotalScore\" = \"TotalScore\" + 1, \"FitScore\" = \"FitScore\" + 1,
              \"ScoreModelVersion\" = coalesce(\"ScoreModelVersion\", 0) + 1 WHERE \"Id\" BETWEEN $first AND $((first + 19999)); COMMIT;"
    done
}
for shape in five one; do # the five score indexes main had before 2026-11-29, and the one covering index SQLite has since
    cp "$source_db" "$work/leads.db"
    sqlite3 "$work/leads.db" 'DROP INDEX IF EXISTS "IX_Leads_Stage_TotalScore_Id_Status_Source"; DROP INDEX IF EXISTS "IX_Leads_Status_TotalScore_Id_Stage_Source";
        DROP INDEX IF EXISTS "IX_Leads_Source_TotalScore_Id_Stage_Status"; DROP INDEX IF EXISTS "IX_Leads_OwnerId_TotalScore_Id_Stage_Status";
        DROP INDEX IF EXISTS "IX_Leads_TotalScore"; DROP INDEX IF EXISTS "IX_Leads_TotalScore_Id_Stage_Status_Source_OwnerId";'
    if [[ $shape == five ]]; then
        sqlite3 "$work/leads.db" 'CREATE INDEX "IX_Leads_TotalScore" ON "Leads" ("TotalScore");
            CREATE INDEX "IX_Leads_Stage_TotalScore_Id_Status_Source" ON "Leads" ("Stage", "TotalScore", "Id", "Status", "Source");
            CREATE INDEX "IX_Leads_Status_TotalScore_Id_Stage_Source" ON "Leads" ("Status", "TotalScore", "Id", "Stage", "Source");
            CREATE INDEX "IX_Leads_Source_TotalScore_Id_Stage_Status" ON "Leads" ("Source", "TotalScore", "Id", "Stage", "Status");
            CREATE INDEX "IX_Leads_OwnerId_TotalScore_Id_Stage_Status" ON "Leads" ("OwnerId", "TotalScore", "Id", "Stage", "Status");'
        timed "five score indexes (main's before 2026-11-29)" sqlite3 "$work/leads.db" < <(updates)
    else
        sqlite3 "$work/leads.db" 'CREATE INDEX "IX_Leads_TotalScore_Id_Stage_Status_Source_OwnerId" ON "Leads" ("TotalScore", "Id", "Stage", "Status", "Source", "OwnerId");'
        timed "one covering score index (SQLite's since 2026-11-29)" sqlite3 "$work/leads.db" < <(updates)
    fi
done
rm -f "$work/leads.db"

# A rescore that promotes: the same rewrite (the explanation changed too, as for a changed score), and in each
# transaction, for the leads of its range among 26,355 leads in stage Lead (as the benchmark's first run promotes),
# what a promotion writes: the lead's stage columns and a decision. As SQL text, so SQLite parses each statement.
promoted=26355
promotions() { # with the promotions, or without (the same rewrite alone)
    echo "$settings"
    sqlite3 "$source_db" "
        WITH RECURSIVE ranges(first) AS (SELECT 1 UNION ALL SELECT first + 20000 FROM ranges WHERE first + 20000 <= 1000000),
        picked AS (SELECT \"Id\" AS id FROM \"Leads\" WHERE \"Stage\" = 0 ORDER BY (\"Id\" * 2654435761) % 1000003 LIMIT $promoted),
        lines(first, ord, line) AS (
            SELECT first, 0, 'BEGIN; UPDATE \"Leads\" SET \"TotalScore\" = \"TotalScore\" + 1, \"FitScore\" = \"FitScore\" + 1,
                   \"ScoreModelVersion\" = coalesce(\"ScoreModelVersion\", 0) + 1, \"ScoreExplanation\" = \"ScoreExplanation\" || '' ''
                   WHERE \"Id\" BETWEEN ' || first || ' AND ' || (first + 19999) || ';' FROM ranges
            UNION ALL
            SELECT ((id - 1) / 20000) * 20000 + 1, id, 'UPDATE \"Leads\" SET \"Stage\" = 1, \"StageEnteredAt\" = ''2026-11-29 05:00:00'',
                   \"LastPromotedAt\" = ''2026-11-29 05:00:00'', \"ReachedMqlAt\" = coalesce(\"ReachedMqlAt\", ''2026-11-29 05:00:00''),
                   \"ConcurrencyToken\" = upper(hex(randomblob(16))) WHERE \"Id\" = ' || id || ';
                   INSERT INTO \"Decisions\" (\"LeadId\", \"ActorId\", \"ActorName\", \"At\", \"FromStage\", \"ToStage\", \"Verb\", \"Note\",
                   \"ScoreAtDecision\", \"LeadCreatedAt\", \"StepDuration\") VALUES (' || id || ', ''system'', ''LeadDesk'',
                   ''2026-11-29 05:00:00'', 0, 1, 0, ''Score 70 (fit 40) met the MQL definition of model v2: total ≥ 60, fit ≥ 25.'', 70,
                   ''2025-01-01 00:00:00'', 123456789);' FROM picked WHERE '$1' = 'with'
            UNION ALL
            SELECT first, 9000000000, 'COMMIT;' FROM ranges)
        SELECT line FROM lines ORDER BY first, ord"
}
for with in without with; do
    cp "$source_db" "$work/leads.db"
    timed "the file's score indexes, explanations changed, $with $promoted promotions" sqlite3 "$work/leads.db" < <(promotions $with)
done
rm -f "$work/leads.db"

echo "-- PostgreSQL: COPY $rows new leads"
sqlite3 -csv "$source_db" "select $columns from Leads" > "$work/base.csv"
sqlite3 -csv "$work/rows.db" "select $new_columns from Src" > "$work/new.csv"
rm -f "$work/rows.db"
chmod a+r "$work"/*.csv
source "$repo/.ci/postgres"
postgres_start >/dev/null
trap 'postgres_stop; rm -rf "$work"' EXIT
port=${LEADDESK_TEST_POSTGRES#*Port=}; port=${port%%;*}
psql_cmd=(psql -h 127.0.0.1 -p "$port" -U postgres -d lower_bounds -q -v ON_ERROR_STOP=1)
psql_run() { "${psql_cmd[@]}" -c "$1"; }
psql -h 127.0.0.1 -p "$port" -U postgres -q -c "create database lower_bounds"
pg_columns=$(sqlite3 "$source_db" "select group_concat('\"'||name||'\" '||case when type='INTEGER' then 'bigint' else 'text' end, ', ')
                                   from pragma_table_info('Leads') where name <> 'Id'")
for table in leads empty_csv empty_binary; do
    psql_run "create table $table (\"Id\" bigint generated by default as identity primary key, $pg_columns)"
done
psql_run "copy leads ($columns) from '$work/base.csv' (format csv)" >/dev/null
psql_run 'create unique index ix_email on leads ("EmailNormalized")'
psql_run "vacuum analyze leads"
psql_run "select setval(pg_get_serial_sequence('leads', 'Id'), 1000000)" >/dev/null
timed "CSV COPY into an empty table with only its primary key" "${psql_cmd[@]}" -c "copy empty_csv ($columns) from '$work/new.csv' (format csv)"
psql_run "copy (select $columns from empty_csv) to '$work/new.bin' (format binary)" >/dev/null
timed "binary COPY into an empty table with only its primary key" "${psql_cmd[@]}" -c "copy empty_binary ($columns) from '$work/new.bin' (format binary)"
timed "binary COPY into 1,000,000 leads, primary key + unique email only" "${psql_cmd[@]}" -c "copy leads ($columns) from '$work/new.bin' (format binary)"
echo "==> load average $(cut -d' ' -f1-3 /proc/loadavg)"
