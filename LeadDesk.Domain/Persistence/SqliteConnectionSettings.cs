using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// Per-connection SQLite settings, applied the first time EF opens each underlying SQLite handle (the pool reuses
/// them). Memory-mapped reads let a page query touch the table rows it needs without a read() system call and a copy
/// per page; at a million leads that roughly halves an inbox search and makes COUNT(*) over an index cheap. The mapping
/// is address space, not memory: its pages are the OS file cache's.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    /// <summary>2 GiB − 64 KiB, the most the bundled SQLite allows (SQLITE_MAX_MMAP_SIZE); past it, plain reads.</summary>
    private const string Sql = "PRAGMA mmap_size = 2147418112;";

    private readonly ConditionalWeakTable<object, object> _applied = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsSettings(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsSettings(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Settings for a connection that goes through every lead (a rescore): no memory map, so the process's resident set
    /// stays the size of SQLite's page cache (<paramref name="cacheKiB"/>) instead of growing to the size of the file
    /// it read; the OS file cache still serves the reads. <see cref="RestoreAsync"/> puts the app's settings back
    /// before the connection returns to the pool.
    /// </summary>
    internal static async Task StreamAsync(DbConnection connection, int cacheKiB, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA mmap_size = 0; PRAGMA cache_size = -{cacheKiB};";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task RestoreAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        // -2000 (about 2 MiB) is SQLite's default page cache.
        command.CommandText = Sql + " PRAGMA cache_size = -2000;";
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>True once per SQLite handle: a pooled handle keeps the settings it was given.</summary>
    private bool NeedsSettings(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return true;
        return _applied.TryAdd(handle, handle);
    }
}
