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
}
