using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadDesk.Domain;

public static class DependencyInjection
{
    private static readonly SqliteConnectionSettings SqliteSettings = new();

    /// <summary>The domain's services and the one DbContext, configured from the <c>Database</c> section.</summary>
    public static IServiceCollection AddLeadDeskDomain(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.IsPostgreSql)
        {
            services.AddDbContextFactory<LeadDeskDbContext>(options => options.UseNpgsql(database.ConnectionString));
            // Live updates must reach the screens on every node, not just the one that made the change.
            services.AddSingleton(sp => new Handoff.PostgreSqlLeadNotifier(database.ConnectionString,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Handoff.PostgreSqlLeadNotifier>>()));
            services.AddSingleton<Handoff.ILeadNotifier>(sp => sp.GetRequiredService<Handoff.PostgreSqlLeadNotifier>());
            services.AddHostedService(sp => sp.GetRequiredService<Handoff.PostgreSqlLeadNotifier>());
        }
        else if (string.Equals(database.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = database.ResolveSqliteConnectionString();
            services.AddDbContextFactory<LeadDeskDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(SqliteSettings));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{database.Provider}' is not supported; use '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.PostgreSql}'.");
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<JobLeases>();
        services.AddSingleton<LeadInbox>();
        services.AddSingleton<LeadDetails>();
        services.AddSingleton<ScoringService>();
        services.AddSingleton<RescoreSignal>();
        services.AddSingleton<ScoringEditor>();
        services.AddSingleton<Rescorer>();
        services.AddHostedService<RescoreWorker>();
        services.AddSingleton<Handoff.SalesRoster>();
        services.AddSingleton<Handoff.HandoffService>();
        services.AddSingleton<Handoff.WorkQueues>();
        services.TryAddSingleton<Handoff.ILeadNotifier, Handoff.InProcessLeadNotifier>();
        services.AddSingleton<Analytics.HandoffHealth>();
        services.AddSingleton<Analytics.RepFigures>();
        services.AddSingleton<Analytics.ChannelReport>();
        services.AddSingleton<Analytics.SpendService>();
        services.AddSingleton<Analytics.FunnelQueries>();
        services.AddSingleton<Analytics.Dashboard>();
        services.AddSingleton<Intake.LeadIntake>();
        services.AddSingleton<Demo.DemoDataSeeder>();
        return services;
    }
}
