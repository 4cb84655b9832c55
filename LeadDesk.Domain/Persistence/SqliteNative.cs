using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// Statements through SQLite's own API on a Microsoft.Data.Sqlite connection's handle, for the rescore's loops over a
/// million leads, where the ADO.NET layer's per-column and per-parameter work cost more than SQLite's own. Errors are
/// raised as the provider raises them.
/// </summary>
internal static class SqliteNative
{
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    public static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, db);
    }
}
