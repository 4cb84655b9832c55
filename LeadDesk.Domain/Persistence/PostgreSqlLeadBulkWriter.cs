using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// PostgreSQL: new leads, their decisions and events go straight into their tables with binary COPY (no staging table, no
/// statement per row). Lead ids are drawn from the table's identity sequence first, so decisions can name their lead
/// and so no other writer, on this node or another, can take them. A lead someone else creates with the same email
/// after the batch looked it up makes the COPY fail on the unique email index; the batch then rolls back and is done
/// again, finding that lead and merging into it (ImportRunner).
/// </summary>
internal sealed class PostgreSqlLeadBulkWriter : LeadBulkWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly Copy _leads;
    private readonly Copy _decisions;
    private readonly Copy _events;
    private readonly string _reserveIds;

    private PostgreSqlLeadBulkWriter(NpgsqlConnection connection, IModel model, string leadIdSequence) : base(connection)
    {
        _connection = connection;
        _leads = new Copy(model.FindEntityType(typeof(Lead))!, includeKey: true);
        _decisions = new Copy(model.FindEntityType(typeof(Decision))!, includeKey: false);
        _events = new Copy(model.FindEntityType(typeof(EngagementEvent))!, includeKey: false);
        _reserveIds = $"SELECT nextval('{leadIdSequence}') FROM generate_series(1, $1)";
    }

    public static async Task<LeadBulkWriter> OpenAsync(LeadDeskDbContext db, CancellationToken cancellationToken)
    {
        // A connection from the pool like any other: COPY needs no session settings, so nothing stays behind on it.
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var sequence = new NpgsqlCommand("""SELECT pg_get_serial_sequence('"Leads"', 'Id')""", connection);
            var name = (string)(await sequence.ExecuteScalarAsync(cancellationToken))!;
            return new PostgreSqlLeadBulkWriter(connection, db.Model, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task<DbTransaction> BeginAsync(CancellationToken cancellationToken) =>
        await _connection.BeginTransactionAsync(cancellationToken);

    public override async Task WriteAsync(IReadOnlyList<Lead> leads, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (leads.Count == 0) return;
        var ids = new List<int>(leads.Count);
        await using (var reserve = new NpgsqlCommand(_reserveIds, _connection, (NpgsqlTransaction)transaction))
        {
            reserve.Parameters.Add(new NpgsqlParameter<int> { TypedValue = leads.Count });
            await using var reader = await reserve.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) ids.Add(checked((int)reader.GetInt64(0)));
        }

        await using (var copy = await _connection.BeginBinaryImportAsync(_leads.Statement, cancellationToken))
        {
            for (var i = 0; i < leads.Count; i++) _leads.Write(copy, leads[i], ids[i]);
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await _connection.BeginBinaryImportAsync(_decisions.Statement, cancellationToken))
        {
            for (var i = 0; i < leads.Count; i++)
                foreach (var decision in leads[i].Decisions)
                    _decisions.Write(copy, decision, ids[i]);
            await copy.CompleteAsync(cancellationToken);
        }
        if (leads.Any(lead => lead.Events.Count > 0))
        {
            await using var copy = await _connection.BeginBinaryImportAsync(_events.Statement, cancellationToken);
            for (var i = 0; i < leads.Count; i++)
                foreach (var engagement in leads[i].Events)
                    _events.Write(copy, engagement, ids[i]);
            await copy.CompleteAsync(cancellationToken);
        }
    }

    public override async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>
    /// The COPY statement of an entity type's table and one typed writer per column, each sending the value EF would
    /// store as the column's PostgreSQL type (the mapping's store type without its length or precision).
    /// </summary>
    private sealed class Copy
    {
        private static readonly MethodInfo WriterOf = typeof(Copy).GetMethod(nameof(Writer), BindingFlags.NonPublic | BindingFlags.Static)!;

        private readonly Action<NpgsqlBinaryImporter, object, int>[] _columns;

        public Copy(IEntityType entity, bool includeKey)
        {
            var (table, columns) = ColumnsOf(entity, includeKey);
            Statement = $"COPY {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
            _columns = columns.Select(column =>
            {
                if (IsLeadId(entity, column)) return (importer, _, leadId) => importer.Write(leadId, "integer");
                var providerType = column.Mapping.Converter?.ProviderClrType ?? column.Mapping.ClrType;
                var write = (Action<NpgsqlBinaryImporter, object?>)WriterOf.MakeGenericMethod(providerType)
                    .Invoke(null, [column.Mapping.StoreTypeNameBase])!;
                var value = column.Value;
                return (Action<NpgsqlBinaryImporter, object, int>)((importer, entity, _) => write(importer, value(entity)));
            }).ToArray();
        }

        public string Statement { get; }

        /// <summary>One row: the entity's columns, with <paramref name="leadId"/> as the lead's id or the lead of a decision or event.</summary>
        public void Write(NpgsqlBinaryImporter importer, object entity, int leadId)
        {
            importer.StartRow();
            foreach (var column in _columns) column(importer, entity, leadId);
        }

        private static Action<NpgsqlBinaryImporter, object?> Writer<T>(string dataType) => (importer, value) =>
        {
            if (value is null) importer.WriteNull();
            else importer.Write((T)value, dataType);
        };
    }
}
