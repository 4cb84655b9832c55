using LeadDesk.App.Identity;
using LeadDesk.Domain.Handoff;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Components;

internal static class LeadActionServices
{
    /// <summary>
    /// The query services plus what the workflow screens act with: the real handoff service, roster and notifier over the
    /// test database, and the caller read from the bUnit authorization (its NameIdentifier claim).
    /// </summary>
    public static void AddLeadActionServices(this IServiceCollection services, TestDatabase database)
    {
        services.AddDomainServices(database);
        services.AddSingleton<SalesRoster>();
        services.AddSingleton<ILeadNotifier, InProcessLeadNotifier>();
        services.AddSingleton<HandoffService>();
        services.AddScoped<CallerAccessor>();
    }
}
