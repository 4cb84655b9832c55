using System.Diagnostics;
using LeadDesk.Domain.Persistence;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LeadDesk.Domain.Scoring;

internal static partial class ScoringInput
{
    /// <summary>
    /// SQLite: each event as one number, its time in ticks since 1970 times <see cref="EventTypes"/> plus its type. A
    /// million leads have millions of events, and each column read is a call into SQLite (through its handle and mutex);
    /// parsing the stored date text in .NET cost more still. SQLite stores a time as "yyyy-MM-dd HH:mm:ss.FFFFFFF" (the
    /// fraction without trailing zeros, or none): whole seconds since 1970 from unixepoch(), plus the fraction's digits
    /// padded to seven, are the exact ticks.
    /// </summary>
    private const string SqliteEventsSql = """
        SELECT "LeadId",
               (unixepoch(substr("OccurredAt", 1, 19)) * 10000000 + CAST(substr(substr("OccurredAt", 21) || '0000000', 1, 7) AS INTEGER)) * 64 + "Type"
        FROM "EngagementEvents" WHERE "LeadId" >= @first AND "LeadId" <= @last
        ORDER BY "LeadId", "OccurredAt"
        """;

    /// <summary>How many event types the numbers of <see cref="SqliteEventsSql"/> have room for.</summary>
    internal const int EventTypes = 64;

    /// <summary>An event as <see cref="SqliteEventsSql"/> reads it.</summary>
    private static EventOccurrence Unpack(long packed) =>
        new((EngagementEventType)(packed & (EventTypes - 1)), new DateTime(DateTime.UnixEpoch.Ticks + (packed >> 6), DateTimeKind.Utc));

    /// <summary>
    /// SQLite: the two range queries through SQLite's own API, on the context's open connection. Through the ADO.NET
    /// reader each column cost a type check and a read, each a call through SQLite's handle and mutex, and the explanation
    /// a copy into a cached array; reading a million leads and their events took 5.2 s of the rescore, most of it there.
    /// </summary>
    private sealed class SqliteStatements : IDisposable
    {
        /// <summary>How long a step waits out a lock before failing, as Microsoft.Data.Sqlite's commands do by default.</summary>
        private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _leads;
        private readonly sqlite3_stmt _events;

        public SqliteStatements(SqliteConnection connection)
        {
            _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
            _leads = SqliteNative.Prepare(_db, LeadsSql.Replace("@after", "?1").Replace("@take", "?2"));
            _events = SqliteNative.Prepare(_db, SqliteEventsSql.Replace("@first", "?1").Replace("@last", "?2"));
        }

        /// <summary>Up to <paramref name="take"/> leads after <paramref name="afterId"/>, by id, with their events.</summary>
        public List<LeadToScore> Next(int afterId, int take)
        {
            var leads = new List<LeadToScore>(take);
            Check(raw.sqlite3_bind_int(_leads, 1, afterId));
            Check(raw.sqlite3_bind_int(_leads, 2, take));
            try
            {
                while (Step(_leads)) leads.Add(ReadLead(_leads));
            }
            finally
            {
                raw.sqlite3_reset(_leads);
            }
            if (leads.Count == 0) return leads;

            Check(raw.sqlite3_bind_int(_events, 1, leads[0].Id));
            Check(raw.sqlite3_bind_int(_events, 2, leads[^1].Id));
            try
            {
                var index = 0;
                while (Step(_events))
                {
                    var leadId = raw.sqlite3_column_int(_events, 0);
                    while (index < leads.Count - 1 && leads[index].Id < leadId) index++;
                    if (leads[index].Id != leadId) continue; // a lead created after its batch was read
                    leads[index].Events.Add(Unpack(raw.sqlite3_column_int64(_events, 1)));
                }
            }
            finally
            {
                raw.sqlite3_reset(_events);
            }
            return leads;
        }

        public void Dispose()
        {
            _leads.Dispose();
            _events.Dispose();
        }

        /// <summary>The columns of <see cref="LeadsSql"/>, in its order.</summary>
        private static LeadToScore ReadLead(sqlite3_stmt row)
        {
            string? Text(int i) => raw.sqlite3_column_type(row, i) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(row, i).utf8_to_string();
            long? Number(int i) => raw.sqlite3_column_type(row, i) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(row, i);
            var profile = new LeadProfile
            {
                FirstName = Text(1) ?? "", LastName = Text(2) ?? "", Email = Text(3) ?? "", JobTitle = Text(4),
                Seniority = (Seniority)raw.sqlite3_column_int(row, 5), Department = Text(6), CompanySize = (int?)Number(7),
                Industry = Text(8), Country = Text(9), AnnualRevenue = Number(10), Source = Text(11),
            };
            return new LeadToScore(raw.sqlite3_column_int(row, 0), profile.FirstName, profile.LastName, profile,
                (LifecycleStage)raw.sqlite3_column_int(row, 12), raw.sqlite3_column_int(row, 13), raw.sqlite3_column_int(row, 14),
                raw.sqlite3_column_blob(row, 15).ToArray(), Text(16)!, []);
        }

        /// <summary>One step: true on a row, false when done; a lock is waited out for up to <see cref="BusyTimeout"/>.</summary>
        private bool Step(sqlite3_stmt statement)
        {
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                var result = raw.sqlite3_step(statement);
                if (result == raw.SQLITE_ROW) return true;
                if (result == raw.SQLITE_DONE) return false;
                if (result is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) || Stopwatch.GetElapsedTime(started) > BusyTimeout)
                    SqliteException.ThrowExceptionForRC(result, _db);
                Thread.Sleep(1);
            }
        }

        private void Check(int result) => SqliteNative.Check(_db, result);
    }
}
