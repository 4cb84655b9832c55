using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// Inserts new leads, their decisions and events with prepared commands, for imports of up to a million rows where EF Core's
/// per-entity work would be most of the time. The columns, their names and how each value is stored (converters,
/// JSON, enums, dates) come from the EF model, so a lead written here reads back exactly as one saved by EF (a test
/// compares the two). Leads get explicit ids after the current largest: callers hold the write lock (a transaction,
/// which on SQLite begins IMMEDIATE), so no other writer can take them. The tally triggers fire as for any insert.
/// </summary>
internal sealed class LeadBulkWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Insert _leads;
    private readonly Insert _decisions;
    private readonly Insert _events;
    private readonly SqliteCommand _maxId;

    public LeadBulkWriter(LeadDeskDbContext db, SqliteConnection connection)
    {
        _connection = connection;
        _leads = new Insert(connection, db.Model.FindEntityType(typeof(Lead))!, includeKey: true);
        _decisions = new Insert(connection, db.Model.FindEntityType(typeof(Decision))!, includeKey: false);
        _events = new Insert(connection, db.Model.FindEntityType(typeof(EngagementEvent))!, includeKey: false);
        _maxId = connection.CreateCommand();
        _maxId.CommandText = """SELECT coalesce(max("Id"), 0) FROM "Leads";""";
    }

    /// <summary>Writes <paramref name="leads"/> (new, not tracked by any context) and all their decisions and events in <paramref name="transaction"/>.</summary>
    public void Write(IReadOnlyList<Lead> leads, SqliteTransaction transaction)
    {
        if (leads.Count == 0) return;
        _maxId.Transaction = _leads.Command.Transaction = _decisions.Command.Transaction = _events.Command.Transaction = transaction;
        var id = Convert.ToInt32(_maxId.ExecuteScalar());
        foreach (var lead in leads)
        {
            id++;
            _leads.Execute(lead, id);
            foreach (var decision in lead.Decisions)
                _decisions.Execute(decision, id);
            foreach (var engagement in lead.Events)
                _events.Execute(engagement, id);
        }
    }

    public void Dispose()
    {
        _leads.Dispose();
        _decisions.Dispose();
        _events.Dispose();
        _maxId.Dispose();
    }

    /// <summary>One prepared INSERT for every mapped column of an entity type; the lead id is bound by the caller.</summary>
    private sealed class Insert : IDisposable
    {
        private readonly (IClrPropertyGetter Getter, Func<object?, object?> ToProvider, SqliteParameter Parameter)[] _columns;
        private readonly SqliteParameter? _leadId;

        public Insert(SqliteConnection connection, IEntityType entity, bool includeKey)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var leadKey = entity.ClrType == typeof(Lead) ? nameof(Lead.Id) : nameof(Decision.LeadId); // events name it LeadId too
            Command = connection.CreateCommand();
            var columns = new List<(IClrPropertyGetter, Func<object?, object?>, SqliteParameter)>();
            var names = new List<string>();
            foreach (var property in entity.GetProperties())
            {
                if (property.IsPrimaryKey() && !includeKey) continue; // the database numbers decisions
                var mapping = property.GetRelationalTypeMapping();
                var parameter = (SqliteParameter)mapping.CreateParameter(Command, $"$p{names.Count}", null, property.IsNullable);
                Command.Parameters.Add(parameter);
                names.Add(property.GetColumnName(table)!);
                if (property.Name == leadKey)
                {
                    _leadId = parameter;
                    continue;
                }
                var converter = mapping.Converter;
                columns.Add((property.GetGetter(), converter is null ? v => v : converter.ConvertToProvider, parameter));
            }
            _columns = [.. columns];
            Command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) " +
                                  $"VALUES ({string.Join(", ", names.Select((_, i) => $"$p{i}"))});";
            Command.Prepare();
        }

        public SqliteCommand Command { get; }

        public void Execute(object entity, int leadId)
        {
            _leadId!.Value = leadId;
            foreach (var (getter, toProvider, parameter) in _columns)
                parameter.Value = toProvider(getter.GetClrValue(entity)) ?? DBNull.Value;
            Command.ExecuteNonQuery();
        }

        public void Dispose() => Command.Dispose();
    }
}
