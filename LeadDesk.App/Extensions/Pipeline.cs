using LeadDesk.App.Components;
using LeadDesk.App.Components.Account;
using Microsoft.AspNetCore.Localization;

namespace LeadDesk.App.Extensions;

public static class Pipeline
{
    public const string ThemeCookie = "LeadDesk.Theme";

    public static WebApplication UseLeadDeskPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        var cultures = AppServices.SupportedCultures.Select(c => c.Name).ToArray();
        app.UseRequestLocalization(new RequestLocalizationOptions()
            .SetDefaultCulture(cultures[0])
            .AddSupportedCultures(cultures)
            .AddSupportedUICultures(cultures));

        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapPreferenceEndpoints();
        app.MapLeadDeskHealth();
        Export.InboxExportEndpoint.MapInboxExport(app);
        return app;
    }

    /// <summary>Language choice: a cookie that the request localization middleware reads on every request.</summary>
    private static void MapPreferenceEndpoints(this WebApplication app)
    {
        app.MapGet("/culture/set", (string culture, string? redirectUri, HttpContext context) =>
        {
            if (AppServices.SupportedCultures.Any(c => c.Name == culture))
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            }
            return Results.LocalRedirect(SafeLocal(redirectUri));
        });
    }

    private static string SafeLocal(string? uri) =>
        !string.IsNullOrEmpty(uri) && uri.StartsWith('/') && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal)
            ? uri
            : "/";
}
