using System.Text.Json;
using LeadDesk.Domain.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadDesk.App.Extensions;

/// <summary>
/// GET /healthz for load balancers and orchestrators: 200 when this node can reach its database, 503 when it cannot,
/// with a small JSON body saying which. No sign-in needed, and nothing about the data is disclosed.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    public static IServiceCollection AddLeadDeskHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReachable>("database");
        return services;
    }

    public static void MapLeadDeskHealth(this WebApplication app) =>
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
                }));
            },
        }).AllowAnonymous();

    private sealed class DatabaseReachable(IDbContextFactory<LeadDeskDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy($"{db.Database.ProviderName} reachable")
                    : HealthCheckResult.Unhealthy("The database cannot be reached.");
            }
            catch (Exception exception)
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.", exception);
            }
        }
    }
}
