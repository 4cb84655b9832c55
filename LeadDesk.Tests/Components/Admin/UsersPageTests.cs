using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using LeadDesk.App.Components.Pages.Admin;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LeadDesk.Tests.Components.Admin;

/// <summary>
/// The /admin/users screen against a real SQLite database and a real UserManager, signed in as a Manager.
/// </summary>
public sealed class UsersPageTests : ComponentTestBase
{
    private const string Password = "LeadDesk-test-2026";
    private TestDatabase _database = default!;
    private string _managerId = "";
    private string _salesId = "";

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        (_managerId, _salesId) = await SeedAsync(_database);

        AddIdentity(Context.Services, _database);
        Context.Services.AddScoped<UserAdministration>();
        Context.AddAuthorization()
            .SetAuthorized("manager@x")
            .SetRoles(Roles.Manager)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, _managerId));
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void The_table_lists_every_user_with_roles_and_status()
    {
        var (_, page) = RenderPage();

        Assert.Equal(2, page.FindAll("#users-table tbody tr").Count);
        var manager = Row(page, "manager@x");
        Assert.Contains("Maria Manager", manager.TextContent);
        Assert.Equal("Manager", RoleChips(manager).Single());
        var sales = Row(page, "sales@x");
        Assert.Contains("Sam Sales", sales.TextContent);
        Assert.Equal("Sales", RoleChips(sales).Single());
        Assert.Contains("Active", sales.QuerySelector("[data-status]")!.TextContent);
    }

    [Fact]
    public async Task Creating_a_user_through_the_dialog_adds_a_row_and_the_user_with_the_chosen_roles()
    {
        var (dialogs, page) = RenderPage();

        page.Find("#create-user").Click();
        FillCreateDialog(dialogs, "Nina New", "nina@x", "Str0ng-Passw0rd!", Roles.Marketing, Roles.Sales);
        dialogs.Find("#create-user-submit").Click();

        page.WaitForAssertion(() => Assert.Equal(["Marketing", "Sales"], RoleChips(Row(page, "nina@x"))));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("#create-user-dialog")));
        Assert.Equal(["Marketing", "Sales"], await RolesInDatabaseAsync("nina@x"));
    }

    [Fact]
    public async Task A_short_password_shows_the_error_beside_the_field_and_creates_nothing()
    {
        var (dialogs, page) = RenderPage();

        page.Find("#create-user").Click();
        FillCreateDialog(dialogs, "Nina New", "nina@x", "Sh0rt-pw!", Roles.Sales);
        dialogs.Find("#create-user-submit").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("The password must have at least 12 characters.",
            dialogs.Find("#new-user-password").Closest(".mud-input-control")!.TextContent));
        Assert.Single(dialogs.FindAll("#create-user-dialog"));
        Assert.Null(await RolesInDatabaseAsync("nina@x"));
        Assert.Equal(2, page.FindAll("#users-table tbody tr").Count);
    }

    [Fact]
    public async Task A_password_Identity_refuses_shows_the_server_error_in_the_dialog_and_creates_nothing()
    {
        var (dialogs, page) = RenderPage();

        page.Find("#create-user").Click();
        FillCreateDialog(dialogs, "Nina New", "nina@x", "only-lower-case-letters", Roles.Sales);
        dialogs.Find("#create-user-submit").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("uppercase", dialogs.Find("#create-user-error").TextContent));
        Assert.Null(await RolesInDatabaseAsync("nina@x"));
    }

    [Fact]
    public async Task Locking_a_user_after_confirming_shows_Locked()
    {
        var (dialogs, page) = RenderPage();

        Row(page, "sales@x").QuerySelector("[data-action=lock]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Lock this account?", dialogs.Markup));
        Button(dialogs, "Lock").Click();

        page.WaitForAssertion(() => Assert.Equal("locked", Row(page, "sales@x").QuerySelector("[data-status]")!.GetAttribute("data-status")));
        Assert.Contains("Locked", Row(page, "sales@x").QuerySelector("[data-status]")!.TextContent);
        await using var db = _database.NewContext();
        Assert.Equal(DateTimeOffset.MaxValue, (await db.Users.SingleAsync(u => u.Id == _salesId)).LockoutEnd);
    }

    [Fact]
    public async Task Locking_yourself_shows_the_refusal_and_changes_nothing()
    {
        var snackbars = Render<MudSnackbarProvider>();
        var (dialogs, page) = RenderPage();

        Row(page, "manager@x").QuerySelector("[data-action=lock]")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Lock this account?", dialogs.Markup));
        Button(dialogs, "Lock").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("You cannot lock your own account.", snackbars.Markup));
        Assert.Equal("active", Row(page, "manager@x").QuerySelector("[data-status]")!.GetAttribute("data-status"));
        await using var db = _database.NewContext();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == _managerId)).LockoutEnd);
    }

    [Fact]
    public async Task A_non_Manager_calling_LockAsync_is_refused_and_nothing_changes()
    {
        var administration = Context.Services.GetRequiredService<UserAdministration>();
        var salesPerson = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, _salesId), new Claim(ClaimTypes.Name, "sales@x"), new Claim(ClaimTypes.Role, Roles.Sales)],
            "Test"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => administration.LockAsync(salesPerson, _managerId));

        await using var db = _database.NewContext();
        var manager = await db.Users.SingleAsync(u => u.Id == _managerId);
        Assert.Null(manager.LockoutEnd);
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<Users> Page) RenderPage()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Users>();
        page.WaitForElement("#users-table");
        return (dialogs, page);
    }

    private static void FillCreateDialog(IRenderedComponent<MudDialogProvider> dialogs, string name, string email, string password, params string[] roles)
    {
        dialogs.WaitForElement("#new-user-name");
        dialogs.Find("#new-user-name").Change(name);
        dialogs.Find("#new-user-email").Change(email);
        dialogs.Find("#new-user-password").Change(password);
        foreach (var role in roles)
            dialogs.Find($"input[type=checkbox][data-role='{role}']").Change(true);
    }

    private static IElement Row(IRenderedComponent<Users> page, string email) =>
        page.Find($"#users-table td[data-email='{email}']").ParentElement!;

    private static List<string> RoleChips(IElement row) =>
        row.QuerySelectorAll("[data-roles] .mud-chip").Select(chip => chip.TextContent.Trim()).ToList();

    private static IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(button => button.TextContent.Trim() == text);

    private async Task<List<string>?> RolesInDatabaseAsync(string email)
    {
        await using var db = _database.NewContext();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email);
        if (user is null) return null;
        return await (from link in db.UserRoles
                      join role in db.Roles on link.RoleId equals role.Id
                      where link.UserId == user.Id
                      orderby role.Name
                      select role.Name!).ToListAsync();
    }

    private static void AddIdentity(IServiceCollection services, TestDatabase database)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<LeadDeskDbContext>(options => options.UseSqlite(database.ConnectionString));
        services.AddIdentityCore<AppUser>(options =>
            {
                // As the app configures it (AppServices.AddLeadDeskIdentity).
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<LeadDeskDbContext>();
    }

    private static async Task<(string ManagerId, string SalesId)> SeedAsync(TestDatabase database)
    {
        var services = new ServiceCollection();
        AddIdentity(services, database);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            await roles.CreateAsync(new IdentityRole(role));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await CreateAsync(users, "manager@x", "Maria Manager", Roles.Manager), await CreateAsync(users, "sales@x", "Sam Sales", Roles.Sales));
    }

    private static async Task<string> CreateAsync(UserManager<AppUser> users, string email, string name, string role)
    {
        var user = new AppUser { UserName = email, Email = email, DisplayName = name, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }
}
