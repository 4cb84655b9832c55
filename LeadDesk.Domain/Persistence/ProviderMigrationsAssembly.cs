#pragma warning disable EF1001 // MigrationsAssembly is internal API: the documented way to keep one context with a migration set per provider.
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// Both migration sets live in this assembly, one namespace per database engine (SQLite: <c>…Persistence.Migrations</c>,
/// PostgreSQL: <c>…Persistence.Migrations.PostgreSql</c>). This shows EF only the set of the engine the context uses,
/// so one context type serves both and each engine keeps migrations generated for its own column types.
/// </summary>
internal sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    public const string SqliteNamespace = "LeadDesk.Domain.Persistence.Migrations";
    public const string PostgreSqlNamespace = "LeadDesk.Domain.Persistence.Migrations.PostgreSql";

    private readonly string _namespace = currentContext.Context.Database.IsNpgsql() ? PostgreSqlNamespace : SqliteNamespace;
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        _migrations ??= base.Migrations.Where(m => m.Value.Namespace == _namespace).ToDictionary(m => m.Key, m => m.Value);

    public override ModelSnapshot? ModelSnapshot
    {
        get
        {
            var snapshot = Assembly.DefinedTypes
                .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ModelSnapshot)) && t.Namespace == _namespace
                            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(LeadDeskDbContext))
                .SingleOrDefault();
            return snapshot is null ? null : (ModelSnapshot)Activator.CreateInstance(snapshot.AsType())!;
        }
    }
}
