using LeadDesk.App.Identity;
using LeadDesk.Domain.Demo;
using LeadDesk.Domain.Persistence;

namespace LeadDesk.App.Extensions;

public static class Startup
{
    /// <summary>Migrates the database, makes sure the roles exist and, when <c>Demo:Seed</c> is on, the demo users and data.</summary>
    public static async Task InitializeLeadDeskAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var demoUsers = scope.ServiceProvider.GetRequiredService<DemoUsers>();
        await demoUsers.EnsureRolesAsync();
        if (app.Configuration.GetValue("Demo:Seed", false))
        {
            var cast = await demoUsers.EnsureUsersAsync();
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cast);
        }
    }
}
