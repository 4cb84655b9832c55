using System.Globalization;
using LeadDesk.App.Components.Account;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using LeadDesk.App.Resources;
using MudBlazor;
using MudBlazor.Services;

namespace LeadDesk.App.Extensions;

public static class AppServices
{
    public static readonly CultureInfo[] SupportedCultures = [new("en"), new("es"), new("pt-BR")];

    public static WebApplicationBuilder AddLeadDeskApp(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (!builder.Environment.IsDevelopment())
            builder.WebHost.UseStaticWebAssets(); // MudBlazor's files are served from the build output too, not only after publish

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLeadDeskLocalization();
        services.AddLeadDeskIdentity();
        services.AddSingleton<Components.Shared.DisplayTime>();
        services.AddDataProtection().SetApplicationName("LeadDesk").PersistKeysToDbContext<LeadDeskDbContext>();
        return builder;
    }

    /// <summary>The app's texts in every supported culture, MudBlazor's own words included.</summary>
    public static IServiceCollection AddLeadDeskLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddTransient<MudLocalizer, MudTextLocalizer>();
        return services;
    }

    private static void AddLeadDeskIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthorization();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
        });

        services.AddIdentityCore<AppUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LeadDeskDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<LeadDeskClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<CallerAccessor>();
        services.AddLeadDeskHealthChecks();
        services.AddScoped<Components.Pages.Dashboard.CsvDownloads>();
        services.AddScoped<Components.Pages.Import.ImportErrorReport>();
        services.AddScoped<DemoUsers>();
    }
}
