using System.Data.Common;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Scoring;

public sealed partial class Rescorer
{
    /// <summary>The run's writing connection and its statements, with streaming settings while the run lasts.</summary>
    private sealed class BatchWriter : IAsyncDisposable
    {
        private readonly DbCommand _full;
        private readonly DbCommand? _all;
        private readonly DbCommand _versionOnly;
        private readonly DbCommand _progress;

        private BatchWriter(LeadDeskDbContext db, int version, int runId)
        {
            Db = db;
            var connection = db.Database.GetDbConnection();
            _full = Command(connection,
                """
                UPDATE "Leads" SET "FitScore" = @fit, "EngagementScore" = @engagement, "TotalScore" = @total, "ScoreExplanation" = @explanation,
                "ScoreRulesKey" = @rules, "ScoreModelVersion" = @version, "ScoredAt" = @at WHERE "Id" = @id AND "ConcurrencyToken" = @token
                """,
                "fit", "engagement", "total", "explanation", "rules", "version", "at", "id", "token");
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
            Set(_full, "version", version);
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

        /// <summary>PostgreSQL: a batch's changed scores are written with one statement (<see cref="WriteAllAsync"/>), not one per lead.</summary>
        public bool AllAtOnce => _all is not null;

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
            var written = new HashSet<int>();
            await using var reader = await all.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) written.Add(reader.GetInt32(0));
            return written;
        }

        public DbCommand Full(DbTransaction transaction, DateTime at)
        {
            _full.Transaction = transaction;
            Set(_full, "at", at);
            return _full;
        }

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
            await _full.DisposeAsync();
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
