using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LeadDesk.Domain.Persistence;

/// <summary>Database errors the domain recovers from, recognised on both engines.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused a row: another writer created the same key first (SQLite 19, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Another writer got in the way of a transaction that can simply be done again from its start: a key it inserts
    /// was created meanwhile, a row it updates changed since it was read, a deadlock, a serialization failure. Only
    /// PostgreSQL's concurrent writers meet these in a transaction that read what it writes; SQLite's writers take turns.
    /// </summary>
    public static bool IsWriteConflict(Exception exception) => (exception is DbUpdateException { InnerException: { } inner } ? inner : exception) switch
    {
        _ when exception is DbUpdateConcurrencyException => true,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.SerializationFailure,
        _ => false,
    };
}
