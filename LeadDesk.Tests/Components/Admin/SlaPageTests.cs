using System.Security.Claims;
using Bunit;
using LeadDesk.App.Components.Pages.Admin;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace LeadDesk.Tests.Components.Admin;

/// <summary>/admin/sla on a real database with the seeded SLA, on Monday November 23, 2026 at 12:00 UTC.</summary>
public sealed class SlaPageTests : ComponentTestBase
{
    private static readonly Caller Manager = new("manager-1", "Maria Manager", new HashSet<string> { Roles.Manager });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = default!;
    private SlaService _sla = default!;

    public override async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_clock);
        _sla = new SlaService(_database.Contexts, _clock, TeamTimeZone.Utc);
        Context.Services.AddDomainServices(_database);
        Context.Services.AddScoped<CallerAccessor>();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    private (IRenderedComponent<MudSnackbarProvider> Snackbars, IRenderedComponent<SlaPage> Page) RenderAs(Caller caller, bool waitForForm = true)
    {
        Context.AddAuthorization().SetAuthorized(caller.UserId).SetRoles([.. caller.Roles])
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, caller.UserId), new Claim(LeadDeskClaims.DisplayName, caller.Name));
        Render<MudPopoverProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<SlaPage>();
        if (waitForForm) page.WaitForElement("#sla-sales-hours");
        return (snackbars, page);
    }

    private static bool Checked(IRenderedComponent<SlaPage> page, DayOfWeek day) => page.Find($"input[data-day={day}]").HasAttribute("checked");

    [Fact]
    public void The_seeded_SLA_is_shown_with_when_work_arriving_now_would_be_due()
    {
        var (_, page) = RenderAs(Manager);

        Assert.Equal("24", page.Find("#sla-sales-hours").GetAttribute("value"));
        Assert.Equal("8", page.Find("#sla-marketing-hours").GetAttribute("value"));
        Assert.Equal([true, true, true, true, true, false, false],
            new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }
                .Select(day => Checked(page, day)));
        Assert.Equal("09:00", page.Find("#sla-opens").GetAttribute("value"));
        Assert.Equal("18:00", page.Find("#sla-closes").GetAttribute("value"));
        Assert.False(page.Find("#sla-escalate").HasAttribute("checked"));
        Assert.Empty(page.FindAll("#sla-escalate-hours"));
        Assert.Contains("UTC", page.Find("#sla-zone").TextContent);
        // Monday noon + 24 business hours (6 + 9 + 9) is Wednesday 18:00; + 8 (6 + 2) is Tuesday 11:00.
        Assert.Equal($"A handoff made now is due {new DateTime(2026, 11, 25, 18, 0, 0):g}.", page.Find("[data-preview=handoff]").TextContent.Trim());
        Assert.Equal($"A lead that becomes an MQL now is due for review {new DateTime(2026, 11, 24, 11, 0, 0):g}.",
            page.Find("[data-preview=mql]").TextContent.Trim());
        Assert.Contains("nobody has changed them yet", page.Find("#sla-updated").TextContent);
        Assert.True(page.Find("#sla-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_manager_changes_the_hours_adds_Saturday_switches_escalation_on_and_saves()
    {
        var (snackbars, page) = RenderAs(Manager);

        page.Find("#sla-sales-hours").Input("16");
        page.Find("#sla-marketing-hours").Input("4");
        page.Find($"input[data-day={DayOfWeek.Saturday}]").Change(true);
        page.Find("#sla-escalate").Change(true);
        page.WaitForElement("#sla-escalate-hours").Input("6");
        page.WaitForAssertion(() => Assert.False(page.Find("#sla-save").HasAttribute("disabled")));
        page.Find("#sla-save").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("SLA saved.", snackbars.Markup));
        var saved = (await _sla.GetAsync(Manager)).Terms;
        Assert.Equal(new SlaTerms(16, 4, WeekDays.MondayToFriday | WeekDays.Saturday, TimeSpan.FromHours(9), TimeSpan.FromHours(18), 6), saved);
        page.WaitForAssertion(() => Assert.Contains("Last changed by Maria Manager", page.Find("#sla-updated").TextContent));
        Assert.True(page.Find("#sla-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Invalid_hours_and_no_business_day_are_marked_and_nothing_is_saved()
    {
        var (_, page) = RenderAs(Manager);

        page.Find("#sla-sales-hours").Input("0");
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            page.Find($"input[data-day={day}]").Change(false);

        page.WaitForAssertion(() => Assert.Contains("Sales must have between 1 and 1000 business hours to answer a handoff.", page.Markup));
        Assert.Equal("Choose at least one business day.", page.Find("#sla-days-error").TextContent.Trim());
        Assert.Contains("Fix the marked fields to see when work would be due.", page.Find("#sla-preview").TextContent);
        page.Find("#sla-save").Click();

        page.WaitForAssertion(() => Assert.Equal("Fix the marked fields first; nothing was saved.", page.Find("#sla-error").TextContent.Trim()));
        Assert.Equal(SlaTerms.Default, (await _sla.GetAsync(Manager)).Terms);
    }

    [Fact]
    public async Task The_defaults_can_be_brought_back()
    {
        await _sla.SaveAsync(Manager, new SlaTerms(4, 2, WeekDays.Every, TimeSpan.Zero, TimeSpan.FromDays(1), 1));
        var (_, page) = RenderAs(Manager);
        Assert.Equal("4", page.Find("#sla-sales-hours").GetAttribute("value"));
        Assert.Equal(("00:00", "24:00"), (page.Find("#sla-opens").GetAttribute("value"), page.Find("#sla-closes").GetAttribute("value")));

        page.Find("#sla-defaults").Click();
        page.Find("#sla-save").Click();

        page.WaitForAssertion(() => Assert.True(page.Find("#sla-save").HasAttribute("disabled")));
        Assert.Equal(SlaTerms.Default, (await _sla.GetAsync(Manager)).Terms);
    }

    [Fact]
    public void Someone_who_is_not_a_manager_gets_the_refusal_not_the_settings()
    {
        var (_, page) = RenderAs(new Caller("sales-1", "Sam Sales", new HashSet<string> { Roles.Sales }), waitForForm: false);

        page.WaitForAssertion(() => Assert.Contains("Your role does not allow this. It needs: Manager.", page.Find("#sla-load-error").TextContent));
        Assert.Empty(page.FindAll("#sla-sales-hours"));
    }
}
