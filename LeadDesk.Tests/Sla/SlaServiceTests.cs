using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Sla;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Sla;

/// <summary>The SLA settings: seeded defaults, saved by managers only, checked field by field.</summary>
public sealed class SlaServiceTests : IAsyncLifetime
{
    private static readonly Caller Manager = new("manager-1", "Maria Manager", new HashSet<string> { Roles.Manager });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _db = null!;
    private SlaService _sla = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(_clock);
        _sla = new SlaService(_db.Contexts, _clock, TeamTimeZone.From("Europe/Lisbon"));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_new_database_has_24_business_hours_for_sales_8_for_marketing_Monday_to_Friday_9_to_18_and_no_escalation()
    {
        var view = await _sla.GetAsync(Manager);

        Assert.Equal(SlaTerms.Default, view.Terms);
        Assert.Equal(new SlaTerms(24, 8, WeekDays.MondayToFriday, TimeSpan.FromHours(9), TimeSpan.FromHours(18), null), view.Terms);
        Assert.Equal("Europe/Lisbon", view.TimeZoneId);
        Assert.Null(view.UpdatedByName);
    }

    [Fact]
    public async Task A_manager_s_terms_are_saved_with_who_and_when()
    {
        var terms = new SlaTerms(16, 4, WeekDays.MondayToFriday | WeekDays.Saturday, TimeSpan.FromHours(8.5), TimeSpan.FromDays(1), 6);

        await _sla.SaveAsync(Manager, terms);

        var view = await _sla.GetAsync(Manager);
        Assert.Equal(terms, view.Terms);
        Assert.Equal((Manager.Name, Leads.Now), (view.UpdatedByName, view.UpdatedAt));
    }

    [Theory]
    [InlineData(Roles.Marketing)]
    [InlineData(Roles.Sales)]
    public async Task Only_managers_read_or_change_the_SLA(string role)
    {
        var someone = new Caller("someone", "Some One", new HashSet<string> { role });

        await Assert.ThrowsAsync<AccessDeniedException>(() => _sla.GetAsync(someone));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _sla.SaveAsync(someone, SlaTerms.Default with { SalesAnswerHours = 1 }));

        Assert.Equal(SlaTerms.Default, (await _sla.GetAsync(Manager)).Terms);
    }

    public static TheoryData<SlaTerms, string, string> InvalidTerms() => new()
    {
        { SlaTerms.Default with { SalesAnswerHours = 0 }, nameof(SlaTerms.SalesAnswerHours), "SalesHoursOutOfRange" },
        { SlaTerms.Default with { SalesAnswerHours = 1001 }, nameof(SlaTerms.SalesAnswerHours), "SalesHoursOutOfRange" },
        { SlaTerms.Default with { MarketingReviewHours = -1 }, nameof(SlaTerms.MarketingReviewHours), "MarketingHoursOutOfRange" },
        { SlaTerms.Default with { BusinessDays = WeekDays.None }, nameof(SlaTerms.BusinessDays), "NoBusinessDays" },
        { SlaTerms.Default with { DayStart = TimeSpan.FromHours(18), DayEnd = TimeSpan.FromHours(9) }, nameof(SlaTerms.DayEnd), "BusinessHoursEmpty" },
        { SlaTerms.Default with { DayStart = TimeSpan.FromHours(9), DayEnd = TimeSpan.FromHours(9) }, nameof(SlaTerms.DayEnd), "BusinessHoursEmpty" },
        { SlaTerms.Default with { DayEnd = TimeSpan.FromHours(24.5) }, nameof(SlaTerms.DayEnd), "BusinessHoursEmpty" },
        { SlaTerms.Default with { EscalateAfterHours = 0 }, nameof(SlaTerms.EscalateAfterHours), "EscalationOutOfRange" },
    };

    [Theory]
    [MemberData(nameof(InvalidTerms))]
    public async Task Invalid_terms_are_refused_naming_the_field_and_nothing_changes(SlaTerms terms, string field, string code)
    {
        var problem = Assert.Single(terms.Validate());
        Assert.Equal((field, code), (problem.Field, problem.Error.Code));

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _sla.SaveAsync(Manager, terms));

        Assert.Equal(code, refusal.Code);
        Assert.Equal(SlaTerms.Default, (await _sla.GetAsync(Manager)).Terms);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var terms = new SlaTerms(0, 0, WeekDays.None, TimeSpan.FromHours(10), TimeSpan.FromHours(10), 0);

        Assert.Equal(["SalesHoursOutOfRange", "MarketingHoursOutOfRange", "NoBusinessDays", "BusinessHoursEmpty", "EscalationOutOfRange"],
            terms.Validate().Select(p => p.Error.Code));
    }
}
