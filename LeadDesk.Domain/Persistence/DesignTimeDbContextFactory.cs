using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the context without starting the app: SQLite by default,
/// PostgreSQL with <c>-- --provider PostgreSQL</c> (and <c>--output-dir Persistence/Migrations/PostgreSql</c>).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LeadDeskDbContext>
{
    public LeadDeskDbContext CreateDbContext(string[] args)
    {
        var postgres = args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault() is { } provider
                       && string.Equals(provider, DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase);
        var options = new DbContextOptionsBuilder<LeadDeskDbContext>();
        if (postgres) options.UseNpgsql("Host=localhost;Database=leaddesk_design_time");
        else options.UseSqlite("Data Source=design-time.db");
        return new LeadDeskDbContext(options.Options);
    }
}
