using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Scoring;

public sealed partial class Rescorer
{
    /// <summary>The run's writing connection and its statements, with streaming settings while the run lasts.</summary>
    private sealed class BatchWriter : IAsyncDisposable
    {
        private readonly sqlite3? _sqlite;
        private readonly sqlite3_stmt? _each;
        private readonly DbCommand? _all;
        private readonly DbCommand _versionOnly;
        private readonly DbCommand _progress;

        private BatchWriter(LeadDeskDbContext db, int version, int runId)
        {
            Db = db;
            var connection = db.Database.GetDbConnection();
            if (connection is SqliteConnection { Handle: { } handle })
            {
                _sqlite = handle;
                _each = SqliteNative.Prepare(handle,
                    """
                    UPDATE "Leads" SET "FitScore" = ?1, "EngagementScore" = ?2, "TotalScore" = ?3, "ScoreRulesKey" = ?4, "ScoreExplanation" = ?5,
                    "ScoreModelVersion" = ?6, "ScoredAt" = ?7 WHERE "Id" = ?8 AND "ConcurrencyToken" = ?9
                    """);
                Check(raw.sqlite3_bind_int(_each, 6, version));
            }
            _versionOnly = Command(connection,
                """
                UPDATE "Leads" SET "ScoreModelVersion" = @version, "ScoredAt" = @at
                WHERE "Id" >= @first AND "Id" <= @last AND ("ScoreModelVersion" IS NULL OR "ScoreModelVersion" <> @version)
                """,
                "version", "at", "first", "last");
            _progress = Command(connection,
                """
                UPDATE "RescoreRuns" SET "TotalLeads" = @total, "DoneLeads" = @done, "ChangedLeads" = @changed, "PromotedLeads" = @promoted,
                "LastLeadId" = @last WHERE "Id" = @id
                """,
                "total", "done", "changed", "promoted", "last", "id");
            if (db.Database.IsNpgsql())
            {
                // PostgreSQL is a server: one UPDATE per lead is one round trip each (850,000 in a full rescore), waiting on
                // the network and the server's scheduling more than on the work. The batch's new scores go as arrays in one
                // statement instead, with the same condition per lead; RETURNING names the leads it wrote.
                _all = Command(connection,
                    """
                    UPDATE "Leads" AS l SET "FitScore" = v.fit, "EngagementScore" = v.engagement, "TotalScore" = v.total,
                    "ScoreExplanation" = v.explanation, "ScoreRulesKey" = v.rules, "ScoreModelVersion" = @version, "ScoredAt" = @at
                    FROM unnest(@ids, @fits, @engagements, @totals, @explanations, @rules, @tokens)
                        AS v(id, fit, engagement, total, explanation, rules, token)
                    WHERE l."Id" = v.id AND l."ConcurrencyToken" = v.token
                    RETURNING l."Id"
                    """,
                    "ids", "fits", "engagements", "totals", "explanations", "rules", "tokens", "version", "at");
                Set(_all, "version", version);
            }
            Set(_versionOnly, "version", version);
            Set(_progress, "id", runId);
        }

        public LeadDeskDbContext Db { get; }

        public static async Task<BatchWriter> OpenAsync(IDbContextFactory<LeadDeskDbContext> contexts, ScoringModel model, int runId,
            CancellationToken cancellationToken)
        {
            var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (db.Database.IsSqlite())
                await SqliteConnectionSettings.StreamAsync(db.Database.GetDbConnection(), WriterCacheKiB, cancellationToken);
            return new BatchWriter(db, model.Version, runId);
        }

        /// <summary>
        /// Writes the new scores of the batch's leads at <paramref name="indexes"/>, each only if the lead is still as it
        /// was read; returns the ids of the leads written.
        /// </summary>
        public async Task<HashSet<int>> WriteAllAsync(DbTransaction transaction, ScoredBatch batch, IReadOnlyList<int> indexes,
            CancellationToken cancellationToken)
        {
            var all = _all!;
            all.Transaction = transaction;
            Set(all, "at", batch.ScoredAt);
            Set(all, "ids", indexes.Select(i => batch.Leads[i].Id).ToArray());
            Set(all, "fits", indexes.Select(i => batch.Scores[i].Fit).ToArray());
            Set(all, "engagements", indexes.Select(i => batch.Scores[i].Engagement).ToArray());
            Set(all, "totals", indexes.Select(i => batch.Scores[i].Total).ToArray());
            Set(all, "explanations", indexes.Select(i => batch.Json[i]!).ToArray());
            Set(all, "rules", indexes.Select(i => batch.RuleKeys[i]).ToArray());
            Set(all, "tokens", indexes.Select(i => (Guid)batch.Leads[i].ConcurrencyToken).ToArray());
            return await WrittenIdsAsync(all, cancellationToken);
        }

        private static async Task<HashSet<int>> WrittenIdsAsync(DbCommand command, CancellationToken cancellationToken)
        {
            var written = new HashSet<int>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) written.Add(reader.GetInt32(0));
            return written;
        }

        /// <summary>
        /// SQLite: writes the new score of each of the batch's leads at <paramref name="indexes"/> if the lead is still as it
        /// was read, with one prepared statement through SQLite's own API; returns the ids of the leads written. Through
        /// the ADO.NET command, binding nine parameters by name and converting the explanation to UTF-8 and back cost
        /// the writer more than SQLite's own work (docs/performance.md). Runs in the connection's open transaction.
        /// </summary>
        public HashSet<int> WriteEach(ScoredBatch batch, IReadOnlyList<int> indexes)
        {
            var (db, statement) = (_sqlite!, _each!);
            Check(raw.sqlite3_bind_text(statement, 7, batch.ScoredAt.ToString(SqliteTime, CultureInfo.InvariantCulture)));
            var written = new HashSet<int>();
            foreach (var i in indexes)
            {
                var (lead, score) = (batch.Leads[i], batch.Scores[i]);
                Check(raw.sqlite3_bind_int(statement, 1, score.Fit));
                Check(raw.sqlite3_bind_int(statement, 2, score.Engagement));
                Check(raw.sqlite3_bind_int(statement, 3, score.Total));
                Check(raw.sqlite3_bind_int64(statement, 4, batch.RuleKeys[i]));
                Check(raw.sqlite3_bind_text(statement, 5, batch.Utf8!.Of(i)));
                Check(raw.sqlite3_bind_int(statement, 8, lead.Id));
                Check(raw.sqlite3_bind_text(statement, 9, (string)lead.ConcurrencyToken));
                var result = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (result != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(result, db);
                if (raw.sqlite3_changes(db) == 1) written.Add(lead.Id);
            }
            return written;
        }

        /// <summary>How SQLite's ADO.NET provider, and so EF, stores a time.</summary>
        private const string SqliteTime = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

        private void Check(int result) => SqliteNative.Check(_sqlite!, result);

        public DbCommand VersionOnly(DbTransaction transaction, DateTime at, int first, int last)
        {
            _versionOnly.Transaction = transaction;
            Set(_versionOnly, "at", at);
            Set(_versionOnly, "first", first);
            Set(_versionOnly, "last", last);
            return _versionOnly;
        }

        public DbCommand Progress(DbTransaction transaction, RescoreRun run)
        {
            _progress.Transaction = transaction;
            Set(_progress, "total", run.TotalLeads);
            Set(_progress, "done", run.DoneLeads);
            Set(_progress, "changed", run.ChangedLeads);
            Set(_progress, "promoted", run.PromotedLeads);
            Set(_progress, "last", run.LastLeadId);
            return _progress;
        }

        public async ValueTask DisposeAsync()
        {
            _each?.Dispose();
            if (_all is not null) await _all.DisposeAsync();
            await _versionOnly.DisposeAsync();
            await _progress.DisposeAsync();
            if (Db.Database.IsSqlite()) await SqliteConnectionSettings.RestoreAsync(Db.Database.GetDbConnection());
            await Db.Database.CloseConnectionAsync();
            await Db.DisposeAsync();
        }

        private static DbCommand Command(DbConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                command.Parameters.Add(parameter);
            }
            return command;
        }
    }
}
