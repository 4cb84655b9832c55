using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Persistence;

/// <summary>
/// Contexts for the dashboard's read-only queries: the app's own settings, without EF's thread-safety check. That check
/// guards a context against use from two flows at once, and costs an AsyncLocal write for every row an async query
/// reads: a third of what the dashboard allocated while reading the tens of thousands of rows its timings need. Each
/// report section creates a context of its own and uses it from one flow, one query after another, so there is
/// nothing for the check to catch there. Everything else keeps the check.
/// </summary>
public sealed class ReportContexts(DbContextOptions<LeadDeskDbContext> options) : IDbContextFactory<LeadDeskDbContext>
{
    private readonly DbContextOptions<LeadDeskDbContext> _options =
        new DbContextOptionsBuilder<LeadDeskDbContext>(options).EnableThreadSafetyChecks(false).Options;

    public LeadDeskDbContext CreateDbContext() => new(_options);
}
