using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// The importer's connection and its engine's fast path for new leads: imports of up to a million rows, where EF
/// Core's per-entity work would be most of the time, write new leads, their decisions and events here — prepared INSERTs on
/// SQLite (<see cref="SqliteLeadBulkWriter"/>), binary COPY on PostgreSQL (<see cref="PostgreSqlLeadBulkWriter"/>).
/// The columns, their names and how each value is stored (converters, JSON, enums, dates) come from the EF model, so a
/// lead written here reads back exactly as one saved by EF (a test compares the two on each engine). Everything else
/// the importer does (lookups, merges, refused rows, progress) goes through EF contexts on <see cref="Connection"/>.
/// </summary>
internal abstract class LeadBulkWriter : IAsyncDisposable
{
    protected LeadBulkWriter(DbConnection connection) => Connection = connection;

    /// <summary>The connection the importer's batches are written on, open while the writer lives.</summary>
    public DbConnection Connection { get; }

    /// <summary>Opens the importer's connection to the database of <paramref name="contexts"/> and the writer for its engine.</summary>
    /// <param name="sqliteCacheMegabytes">The page cache of the importer's own SQLite connection; unused on PostgreSQL.</param>
    public static async Task<LeadBulkWriter> OpenAsync(IDbContextFactory<LeadDeskDbContext> contexts, int sqliteCacheMegabytes,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return db.Database.IsNpgsql()
            ? await PostgreSqlLeadBulkWriter.OpenAsync(db, cancellationToken)
            : await SqliteLeadBulkWriter.OpenAsync(db, sqliteCacheMegabytes, cancellationToken);
    }

    /// <summary>A context on <see cref="Connection"/>, enlisted in <paramref name="transaction"/> when there is one.</summary>
    public async Task<LeadDeskDbContext> ContextAsync(IDbContextFactory<LeadDeskDbContext> contexts, DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetDbConnection(Connection, contextOwnsConnection: false);
        if (transaction is not null) await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return db;
    }

    /// <summary>
    /// A batch's transaction. What the batch decides rests on the leads as it looked them up: on SQLite the transaction
    /// holds the write lock from its start, so nobody else writes meanwhile; on PostgreSQL other writers carry on, and
    /// if one creates a lead with an email of the batch (the COPY hits the unique index) or changes a lead the batch
    /// merges into (the merge's concurrency check fails), the batch rolls back and is done again (see ImportRunner).
    /// </summary>
    public abstract Task<DbTransaction> BeginAsync(CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="leads"/> (new, not tracked by any context) and all their decisions and events in <paramref name="transaction"/>.</summary>
    public abstract Task WriteAsync(IReadOnlyList<Lead> leads, DbTransaction transaction, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>One column of an entity's table: its name, and how its value is read from the entity and converted for the store.</summary>
    protected sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping, Func<object, object?> Value);

    /// <summary>Every mapped column of <paramref name="entity"/>, with or without its (database-generated) key.</summary>
    protected static (string Table, List<Column> Columns) ColumnsOf(IEntityType entity, bool includeKey)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = new List<Column>();
        foreach (var property in entity.GetProperties())
        {
            if (property.IsPrimaryKey() && !includeKey) continue; // the database numbers decisions
            var mapping = property.GetRelationalTypeMapping();
            var getter = property.GetGetter();
            var toProvider = mapping.Converter is { } converter ? converter.ConvertToProvider : null;
            columns.Add(new Column(property.GetColumnName(table)!, property, mapping,
                toProvider is null ? getter.GetClrValue : entity => toProvider(getter.GetClrValue(entity))));
        }
        return (table.Name, columns);
    }

    /// <summary>The property that holds the lead's id: the key of a lead, the foreign key of a decision. The writer binds it.</summary>
    protected static bool IsLeadId(IEntityType entity, Column column) =>
        column.Property.Name == (entity.ClrType == typeof(Lead) ? nameof(Lead.Id) : nameof(Decision.LeadId)); // events name it LeadId too

    protected static string Quote(string name) => $"\"{name}\"";
}

/// <summary>
/// SQLite: new leads get explicit ids after the current largest and are inserted with prepared commands; the batch's
/// transaction (BEGIN IMMEDIATE) holds the write lock, so no other writer can take those ids. The tally triggers fire
/// as for any insert. The connection is the importer's own, outside the pool, with a large page cache.
/// </summary>
internal sealed class SqliteLeadBulkWriter : LeadBulkWriter
{
    private readonly SqliteConnection _connection;
    private readonly Insert _leads;
    private readonly Insert _decisions;
    private readonly Insert _events;
    private readonly SqliteCommand _maxId;

    private SqliteLeadBulkWriter(SqliteConnection connection, IModel model) : base(connection)
    {
        _connection = connection;
        _leads = new Insert(connection, model.FindEntityType(typeof(Lead))!, includeKey: true);
        _decisions = new Insert(connection, model.FindEntityType(typeof(Decision))!, includeKey: false);
        _events = new Insert(connection, model.FindEntityType(typeof(EngagementEvent))!, includeKey: false);
        _maxId = connection.CreateCommand();
        _maxId.CommandText = """SELECT coalesce(max("Id"), 0) FROM "Leads";""";
    }

    public static async Task<LeadBulkWriter> OpenAsync(LeadDeskDbContext db, int cacheMegabytes, CancellationToken cancellationToken)
    {
        // Outside the pool: the large page cache and relaxed syncing stay with this connection and go with it.
        var connectionString = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragmas = connection.CreateCommand())
            {
                // synchronous NORMAL in WAL mode: a power cut may lose the last batches, never corrupt the file; their
                // progress is lost with them, so the resumed job imports them again. temp_store MEMORY: every insert
                // into Leads (its triggers, its unique index) opens a statement journal, a temporary file otherwise —
                // about fifty small writes per row.
                pragmas.CommandText = $"PRAGMA cache_size = -{cacheMegabytes * 1024}; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }
            return new SqliteLeadBulkWriter(connection, db.Model);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is ours from the first lookup to the commit.
    public override async Task<DbTransaction> BeginAsync(CancellationToken cancellationToken) =>
        await _connection.BeginTransactionAsync(cancellationToken);

    public override Task WriteAsync(IReadOnlyList<Lead> leads, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (leads.Count == 0) return Task.CompletedTask;
        _maxId.Transaction = _leads.Command.Transaction = _decisions.Command.Transaction = _events.Command.Transaction = (SqliteTransaction)transaction;
        var id = Convert.ToInt32(_maxId.ExecuteScalar());
        foreach (var lead in leads)
        {
            cancellationToken.ThrowIfCancellationRequested();
            id++;
            _leads.Execute(lead, id);
            foreach (var decision in lead.Decisions)
                _decisions.Execute(decision, id);
            foreach (var engagement in lead.Events)
                _events.Execute(engagement, id);
        }
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        _leads.Dispose();
        _decisions.Dispose();
        _events.Dispose();
        await _maxId.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>One prepared INSERT for every mapped column of an entity type; the lead id is bound by the caller.</summary>
    private sealed class Insert : IDisposable
    {
        private readonly (Func<object, object?> Value, SqliteParameter Parameter)[] _columns;
        private readonly SqliteParameter _leadId;

        public Insert(SqliteConnection connection, IEntityType entity, bool includeKey)
        {
            var (table, columns) = ColumnsOf(entity, includeKey);
            Command = connection.CreateCommand();
            var bound = new List<(Func<object, object?>, SqliteParameter)>();
            SqliteParameter? leadId = null;
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var parameter = (SqliteParameter)column.Mapping.CreateParameter(Command, $"$p{i}", null, column.Property.IsNullable);
                Command.Parameters.Add(parameter);
                if (IsLeadId(entity, column)) leadId = parameter;
                else bound.Add((column.Value, parameter));
            }
            _columns = [.. bound];
            _leadId = leadId!;
            Command.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) " +
                                  $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))});";
            Command.Prepare();
        }

        public SqliteCommand Command { get; }

        public void Execute(object entity, int leadId)
        {
            _leadId.Value = leadId;
            foreach (var (value, parameter) in _columns)
                parameter.Value = value(entity) ?? DBNull.Value;
            Command.ExecuteNonQuery();
        }

        public void Dispose() => Command.Dispose();
    }
}
