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
        var importOptions = configuration.GetSection(Import.ImportOptions.Section).Get<Import.ImportOptions>() ?? new Import.ImportOptions();
        Import.ImportStorage importStorage;
        if (database.IsPostgreSql)
        {
            // No database file to sit beside: uploads wait in data/imports under the folder of appsettings.json.
            importStorage = new Import.ImportStorage(Path.Combine(database.BaseDirectory ?? Directory.GetCurrentDirectory(), "data", "imports"));
            services.AddDbContextFactory<LeadDeskDbContext>(options => options.UseNpgsql(database.ConnectionString));
            // Live updates must reach the screens on every node, not just the one that made the change.
            services.AddSingleton(sp => new Handoff.PostgreSqlLeadNotifier(database.ConnectionString,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Handoff.PostgreSqlLeadNotifier>>()));
            services.AddSingleton<Handoff.ILeadNotifier>(sp => sp.GetRequiredService<Handoff.PostgreSqlLeadNotifier>());
            services.AddHostedService(sp => sp.GetRequiredService<Handoff.PostgreSqlLeadNotifier>());
            services.AddHostedService<LeadTallyFolder>();
        }
        else if (string.Equals(database.Provider, DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = database.ResolveSqliteConnectionString();
            importStorage = Import.ImportStorage.Beside(connectionString);
            services.AddDbContextFactory<LeadDeskDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(SqliteSettings));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{database.Provider}' is not supported; use '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.PostgreSql}'.");
        }
        if (!string.IsNullOrEmpty(importOptions.Folder))
            importStorage = new Import.ImportStorage(Path.GetFullPath(Path.Combine(database.BaseDirectory ?? Directory.GetCurrentDirectory(), importOptions.Folder)));
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
        services.AddSingleton<Insights.InsightsSignal>();
        services.AddSingleton<Insights.ConversionInsights>();
        services.AddSingleton<Insights.InsightsTrainer>();
        services.AddHostedService<Insights.InsightsWorker>();
        services.AddSingleton(Sla.TeamTimeZone.From(configuration[Sla.TeamTimeZone.ConfigurationKey]));
        services.AddSingleton<Sla.SlaService>();
        services.AddSingleton<Sla.SlaEscalation>();
        services.AddHostedService<Sla.SlaEscalationService>();
        services.AddSingleton<Assignment.AssignmentRules>();
        services.AddSingleton<Handoff.SalesRoster>();
        services.AddSingleton<Handoff.HandoffService>();
        services.AddSingleton<Handoff.WorkQueues>();
        services.TryAddSingleton<Handoff.ILeadNotifier, Handoff.InProcessLeadNotifier>();
        // The dashboard's sections read through ReportContexts (no per-row thread-safety check); spend is also written.
        services.AddSingleton<ReportContexts>();
        services.AddSingleton(sp => new Analytics.HandoffHealth(sp.GetRequiredService<ReportContexts>()));
        services.AddSingleton(sp => new Analytics.RepFigures(sp.GetRequiredService<ReportContexts>()));
        services.AddSingleton(sp => new Analytics.ChannelReport(sp.GetRequiredService<ReportContexts>()));
        services.AddSingleton<Analytics.SpendService>();
        services.AddSingleton(sp => new Analytics.FunnelQueries(sp.GetRequiredService<ReportContexts>()));
        services.AddSingleton(sp => new Analytics.SlaCompliance(sp.GetRequiredService<ReportContexts>(), sp.GetRequiredService<Sla.TeamTimeZone>()));
        services.AddSingleton<Analytics.Dashboard>();
        services.AddSingleton<Intake.LeadIntake>();
        services.AddSingleton<Intake.ApiKeyService>();
        services.AddSingleton(importOptions);
        services.AddSingleton(importStorage);
        services.AddSingleton<Import.ImportSignals>();
        services.AddSingleton<Import.ImportService>();
        services.AddSingleton<Import.ImportRunner>();
        services.AddHostedService<Import.ImportWorker>();
        services.AddSingleton<Demo.DemoDataSeeder>();
        return services;
    }
}
