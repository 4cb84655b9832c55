using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using LeadDesk.App.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace LeadDesk.App.Extensions;

/// <summary>
/// The HTTP API (<c>/api/leads</c>, <c>/api/events</c>), its OpenAPI description and documentation page, and the
/// health endpoint. Everything under <c>/api</c> answers in JSON problem details, whatever the Blazor app around it does.
/// </summary>
public static class ApiSetup
{
    private const string RateLimitPolicy = "api-key";

    public static WebApplicationBuilder AddLeadDeskApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // Numbers are numbers: the readers refuse "250" for company_size, and the OpenAPI description must say so.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.Policy, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RateLimitPolicy, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<ApiOptions>>().CurrentValue.RateLimit;
                return RateLimitPartition.GetFixedWindowLimiter(ApiKeyAuthenticationHandler.KeyIdOf(http.User) ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, limit.PermitLimit),
                    Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, _) =>
            {
                int? seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : null;
                if (seconds is not null)
                    rejected.HttpContext.Response.Headers.RetryAfter = seconds.Value.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.TooManyRequests(seconds).ExecuteAsync(rejected.HttpContext);
            };
        });

        services.AddOpenApi(ApiDocumentation.DocumentName, ApiDocumentation.Configure);
        return builder;
    }

    /// <summary>
    /// Under <c>/api</c>: an unexpected failure or a bodiless error status (404, 405) becomes problem details instead of
    /// the app's HTML error and not-found pages; then the per-key rate limit (after authentication, so it can partition by key).
    /// </summary>
    public static WebApplication UseLeadDeskApi(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = http => ApiProblems.Unexpected().ExecuteAsync(http),
            });
            api.UseStatusCodePages(context => ApiProblems.ForStatus(context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
        });
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapLeadDeskApi(this WebApplication app)
    {
        app.MapGroup("/api")
            .RequireAuthorization(ApiKeyAuthenticationHandler.Policy)
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("Intake")
            .MapIntakeEndpoints();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", scalar => scalar
            .WithTitle("LeadDesk intake API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddDocument(ApiDocumentation.DocumentName)
            .AddPreferredSecuritySchemes(["ApiKey"])
            // No internet where LeadDesk may run: the page must not wait for web fonts, report home or offer hosted services.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return app;
    }
}
