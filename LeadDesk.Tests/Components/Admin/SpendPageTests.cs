using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using LeadDesk.App.Components.Pages.Admin;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace LeadDesk.Tests.Components.Admin;

/// <summary>
/// The /admin/spend screen on a real SQLite database, on 23 November 2026: leads from "Events" and "Paid search";
/// spend entered for "Paid search" (January and November) and for "Trade fair", a channel no lead names.
/// </summary>
public sealed class SpendPageTests : ComponentTestBase
{
    private static readonly Caller Manager = new("mgr-1", "Maria Manager", new HashSet<string> { Roles.Manager });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = default!;
    private SwitchableContexts _contexts = default!;

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_clock);
        _contexts = new SwitchableContexts(_database.Contexts);
        await using (var db = _database.NewContext())
        {
            db.Leads.AddRange(
                Lead.Create(Leads.Profile("ana@acme.com") with { Source = "Paid search" }, Leads.Now.AddDays(-20)),
                Lead.Create(Leads.Profile("bruno@acme.com") with { Source = "Events" }, Leads.Now.AddDays(-10)),
                Lead.Create(Leads.Profile("carla@acme.com") with { Source = null }, Leads.Now.AddDays(-5)));
            await db.SaveChangesAsync();
        }
        var spend = new SpendService(_database.Contexts, _clock);
        await spend.SetAsync(Manager, "Paid search", new DateOnly(2026, 1, 1), 1000m);
        await spend.SetAsync(Manager, "Paid search", new DateOnly(2026, 11, 1), 1234.5m);
        await spend.SetAsync(Manager, "Trade fair", new DateOnly(2026, 3, 1), 500m);
        await spend.SetAsync(Manager, "Paid search", new DateOnly(2025, 12, 1), 99m);

        Context.Services.AddDomainServices(_database);
        Context.Services.AddSingleton(new SpendService(_contexts, _clock));
        Context.Services.AddScoped<CallerAccessor>();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    private void SignInAs(string role) =>
        Context.AddAuthorization().SetAuthorized($"{role.ToLowerInvariant()}@x").SetRoles(role)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, $"{role.ToLowerInvariant()}-1"));

    [Fact]
    public void The_year_shows_a_row_per_channel_with_its_amounts_and_a_dash_where_nothing_was_entered()
    {
        SignInAs(Roles.Manager);
        var page = RenderPage();

        Assert.Equal("2026", page.Find("#spend-year").TextContent.Trim());
        Assert.Equal(["Events", "Paid search", "Trade fair"], page.FindAll("#spend-table tbody tr").Select(r => r.GetAttribute("data-channel")));
        Assert.Equal(["1,000.00", "—", "—", "—", "—", "—", "—", "—", "—", "—", "1,234.50", "—"], Months(page, "Paid search"));
        Assert.Equal("2,234.50", Total(page, "Paid search"));
        Assert.All(Months(page, "Events"), cell => Assert.Equal("—", cell));
        Assert.Equal("—", Total(page, "Events"));
        Assert.Equal("500.00", Months(page, "Trade fair")[2]);
        Assert.Equal("2,734.50", page.Find("#spend-table tfoot [data-total]").TextContent.Trim());
        Assert.Equal(["Jan", "Feb", "Mar"], page.FindAll("#spend-table thead th.ld-num").Take(3).Select(th => th.TextContent.Trim()));
        Assert.Empty(page.FindAll("#spend-empty"));
    }

    [Fact]
    public void Amounts_and_month_names_follow_the_language()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("es");
        SignInAs(Roles.Manager);
        var page = RenderPage();

        Assert.Equal("1.234,50", Months(page, "Paid search")[10]);
        Assert.Equal("Ene", page.FindAll("#spend-table thead th.ld-num")[0].TextContent.Trim());
        Assert.Contains("Inversión por canal", page.Markup);
    }

    [Fact]
    public async Task Picking_a_cell_and_saving_writes_the_amount_and_the_table_shows_it()
    {
        SignInAs(Roles.Manager);
        var snackbars = Render<MudSnackbarProvider>();
        var page = RenderPage();

        Cell(page, "Events", 11).Click();
        page.WaitForAssertion(() => Assert.Equal("Events", page.Find("#spend-channel").GetAttribute("value")));
        Assert.Contains("ld-selected", Cell(page, "Events", 11).ClassList);
        page.Find("#spend-amount").Change("750.25");
        page.Find("#spend-save").Click();

        page.WaitForAssertion(() => Assert.Equal("750.25", Cell(page, "Events", 11).TextContent.Trim()));
        Assert.Equal("750.25", Total(page, "Events"));
        snackbars.WaitForAssertion(() => Assert.Contains("750.25 saved for Events, November 2026.", snackbars.Markup));
        var row = Assert.Single(await StoredAsync("Events"));
        Assert.Equal((new DateOnly(2026, 11, 1), 750.25m, "manager-1"), (row.Month, row.Amount, row.UpdatedById));
    }

    [Fact]
    public async Task Picking_a_cell_with_an_amount_offers_it_and_saving_replaces_it()
    {
        SignInAs(Roles.Manager);
        var page = RenderPage();

        Cell(page, "Paid search", 1).Click();
        page.WaitForAssertion(() => Assert.Equal("1000.00", page.Find("#spend-amount").GetAttribute("value")));
        page.Find("#spend-amount").Change("800");
        page.Find("#spend-save").Click();

        page.WaitForAssertion(() => Assert.Equal("800.00", Months(page, "Paid search")[0]));
        Assert.Equal([800m, 1234.5m], (await StoredAsync("Paid search")).Where(s => s.Month.Year == 2026).Select(s => s.Amount));
    }

    [Fact]
    public async Task An_amount_is_saved_to_the_cent_the_field_shows()
    {
        SignInAs(Roles.Manager);
        var page = RenderPage();

        Cell(page, "Events", 11).Click();
        page.Find("#spend-amount").Change("10.005");
        page.Find("#spend-save").Click();

        page.WaitForAssertion(() => Assert.Equal("10.01", Cell(page, "Events", 11).TextContent.Trim()));
        Assert.Equal(10.01m, Assert.Single(await StoredAsync("Events")).Amount);
    }

    [Fact]
    public async Task A_channel_no_lead_names_yet_can_be_typed_and_gets_its_own_row()
    {
        SignInAs(Roles.Manager);
        var page = RenderPage();

        page.Find("#spend-channel").Input("Podcasts");
        page.Find("#spend-amount").Change("300");
        page.Find("#spend-save").Click();

        page.WaitForAssertion(() => Assert.Equal("300.00", Months(page, "Podcasts")[10]));
        Assert.Equal(["Events", "Paid search", "Podcasts", "Trade fair"], page.FindAll("#spend-table tbody tr").Select(r => r.GetAttribute("data-channel")));
        var row = Assert.Single(await StoredAsync("Podcasts"));
        Assert.Equal((new DateOnly(2026, 11, 1), 300m), (row.Month, row.Amount));
    }

    [Fact]
    public async Task A_negative_amount_shows_the_validation_message_and_writes_nothing()
    {
        SignInAs(Roles.Manager);
        var page = RenderPage();

        Cell(page, "Events", 11).Click();
        page.Find("#spend-amount").Change("-5");
        page.Find("#spend-save").Click();

        page.WaitForAssertion(() => Assert.Contains("The amount cannot be below zero.",
            page.Find("#spend-amount").Closest(".mud-input-control")!.TextContent));
        Assert.Empty(await StoredAsync("Events"));
        Assert.All(Months(page, "Events"), cell => Assert.Equal("—", cell));
    }

    [Fact]
    public async Task Saving_without_a_channel_asks_for_one_and_writes_nothing()
    {
        SignInAs(Roles.Manager);
        var page = RenderPage();

        page.Find("#spend-amount").Change("10");
        page.Find("#spend-save").Click();

        page.WaitForAssertion(() => Assert.Contains("Name the channel.", page.Find("#spend-channel").Closest(".mud-input-control")!.TextContent));
        await using var db = _database.NewContext();
        Assert.Equal(4, await db.ChannelSpends.CountAsync());
    }

    [Fact]
    public async Task A_caller_without_the_Manager_role_is_refused_by_the_service_and_the_form_says_so()
    {
        SignInAs(Roles.Sales);
        var page = RenderPage();

        Cell(page, "Events", 11).Click();
        page.Find("#spend-amount").Change("750");
        page.Find("#spend-save").Click();

        page.WaitForAssertion(() => Assert.Equal("Your role does not allow this. It needs: Manager.", page.Find("#spend-error").TextContent.Trim()));
        Assert.Empty(await StoredAsync("Events"));
        Assert.All(Months(page, "Events"), cell => Assert.Equal("—", cell));
    }

    [Fact]
    public void A_year_without_spend_says_so_and_still_lists_the_lead_channels()
    {
        SignInAs(Roles.Manager);
        var page = RenderPage();

        page.Find("#spend-year-next").Click();

        page.WaitForAssertion(() => Assert.Equal("2027", page.Find("#spend-year").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Contains("No spend entered for 2027 yet.", page.Find("#spend-empty").TextContent));
        Assert.Equal(["Events", "Paid search"], page.FindAll("#spend-table tbody tr").Select(r => r.GetAttribute("data-channel")));

        page.Find("#spend-year-previous").Click();
        page.Find("#spend-year-previous").Click();
        page.WaitForAssertion(() => Assert.Equal("99.00", Months(page, "Paid search")[11]));
    }

    [Fact]
    public void A_failed_load_offers_a_retry_that_shows_the_table()
    {
        SignInAs(Roles.Manager);
        _contexts.Failing = true;
        var page = Render<Spend>();

        page.WaitForElement("#spend-load-error");
        Assert.Empty(page.FindAll("#spend-table"));
        _contexts.Failing = false;
        page.Find("#spend-retry").Click();

        page.WaitForElement("#spend-table");
        Assert.Empty(page.FindAll("#spend-load-error"));
    }

    private IRenderedComponent<Spend> RenderPage()
    {
        var page = Render<Spend>();
        page.WaitForElement("#spend-table");
        return page;
    }

    private static IElement Cell(IRenderedComponent<Spend> page, string channel, int month) =>
        page.Find($"#spend-table tr[data-channel='{channel}'] td[data-month='{month}'] button");

    private static List<string> Months(IRenderedComponent<Spend> page, string channel) =>
        page.FindAll($"#spend-table tr[data-channel='{channel}'] td[data-month] button").Select(b => b.TextContent.Trim()).ToList();

    private static string Total(IRenderedComponent<Spend> page, string channel) =>
        page.Find($"#spend-table tr[data-channel='{channel}'] [data-total]").TextContent.Trim();

    private async Task<List<ChannelSpend>> StoredAsync(string channel)
    {
        await using var db = _database.NewContext();
        return await db.ChannelSpends.Where(s => s.Channel == channel).OrderBy(s => s.Month).ToListAsync();
    }

    /// <summary>The test database's contexts, or a failure while <see cref="Failing"/> is set: the database being unreachable.</summary>
    private sealed class SwitchableContexts(IDbContextFactory<LeadDeskDbContext> inner) : IDbContextFactory<LeadDeskDbContext>
    {
        public bool Failing { get; set; }

        public LeadDeskDbContext CreateDbContext() =>
            Failing ? throw new InvalidOperationException("The database is unreachable.") : inner.CreateDbContext();
    }
}
