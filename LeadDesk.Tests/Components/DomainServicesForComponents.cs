using LeadDesk.App.Components.Shared;
using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Insights;
using LeadDesk.Domain.Sla;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadDesk.Tests.Components;

internal static class DomainServicesForComponents
{
    /// <summary>The real query services over a real test database, as the app registers them.</summary>
    public static void AddDomainServices(this IServiceCollection services, TestDatabase database)
    {
        services.AddSingleton(database.Contexts);
        services.AddSingleton(database.Clock);
        services.AddSingleton<LeadInbox>();
        services.AddSingleton<LeadDetails>();
        services.AddSingleton<InsightsSignal>();
        services.AddSingleton<ConversionInsights>(); // the lead page's conversion card reads it
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Display:TimeZone"] = "UTC" }).Build());
        services.AddSingleton<DisplayTime>();
        services.AddSingleton(TeamTimeZone.Utc);
        services.AddSingleton<SlaService>();
        services.AddSingleton<SlaCompliance>();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
    }
}
