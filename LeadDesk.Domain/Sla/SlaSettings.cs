using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadDesk.Domain.Sla;

/// <summary>
/// What sales and marketing agreed on: how many business hours sales has to answer a handoff, how many marketing has to
/// review a new MQL, the business days and hours those hours are counted in (team time zone), and, optionally, after how
/// many business hours overdue a handoff is escalated (reassigned by the assignment rules).
/// </summary>
public sealed record SlaTerms(
    int SalesAnswerHours,
    int MarketingReviewHours,
    WeekDays BusinessDays,
    TimeSpan DayStart,
    TimeSpan DayEnd,
    int? EscalateAfterHours)
{
    public const int MinHours = 1;
    /// <summary>A quarter of a year of nine-hour days: anything longer is a typo, not an agreement.</summary>
    public const int MaxHours = 1000;

    /// <summary>What a new LeadDesk starts with: 24 business hours for sales, 8 for marketing, Mon–Fri 09:00–18:00, no escalation.</summary>
    public static SlaTerms Default { get; } = new(24, 8, WeekDays.MondayToFriday, TimeSpan.FromHours(9), TimeSpan.FromHours(18), null);

    public TimeSpan SalesAnswer => TimeSpan.FromHours(SalesAnswerHours);
    public TimeSpan MarketingReview => TimeSpan.FromHours(MarketingReviewHours);

    /// <summary>Every problem with these terms, by field; empty when they can be saved.</summary>
    public IReadOnlyList<RuleProblem> Validate()
    {
        var problems = new List<RuleProblem>();
        if (SalesAnswerHours is < MinHours or > MaxHours)
            problems.Add(new(nameof(SalesAnswerHours), new DomainException(
                $"Sales must have between {MinHours} and {MaxHours} business hours to answer a handoff.", "SalesHoursOutOfRange", MinHours, MaxHours)));
        if (MarketingReviewHours is < MinHours or > MaxHours)
            problems.Add(new(nameof(MarketingReviewHours), new DomainException(
                $"Marketing must have between {MinHours} and {MaxHours} business hours to review a new MQL.", "MarketingHoursOutOfRange", MinHours, MaxHours)));
        if ((BusinessDays & WeekDays.Every) == WeekDays.None)
            problems.Add(new(nameof(BusinessDays), new DomainException("Choose at least one business day.", "NoBusinessDays")));
        if (DayStart < TimeSpan.Zero || DayEnd > TimeSpan.FromDays(1) || DayEnd <= DayStart)
            problems.Add(new(nameof(DayEnd), new DomainException("The business day must end after it starts, by midnight.", "BusinessHoursEmpty")));
        if (EscalateAfterHours is < MinHours or > MaxHours)
            problems.Add(new(nameof(EscalateAfterHours), new DomainException(
                $"Escalate between {MinHours} and {MaxHours} business hours after a handoff is overdue, or switch escalation off.",
                "EscalationOutOfRange", MinHours, MaxHours)));
        return problems;
    }

    /// <summary>The business calendar these terms count in (valid terms only).</summary>
    public BusinessCalendar CalendarIn(TeamTimeZone zone) => new(zone, BusinessDays, DayStart, DayEnd);
}

/// <summary>The one stored row of <see cref="SlaTerms"/>, with who changed it last.</summary>
public sealed class SlaSettings
{
    public const int SingletonId = 1;

    private SlaSettings() { }

    internal SlaSettings(SlaTerms terms, Actor by, DateTime at)
    {
        Id = SingletonId;
        Update(terms, by, at);
    }

    public int Id { get; private set; }
    public int SalesAnswerHours { get; private set; }
    public int MarketingReviewHours { get; private set; }
    public WeekDays BusinessDays { get; private set; }
    /// <summary>Local time of day in the team's time zone.</summary>
    public TimeSpan DayStart { get; private set; }
    /// <summary>Local time of day, up to 24:00.</summary>
    public TimeSpan DayEnd { get; private set; }
    public int? EscalateAfterHours { get; private set; }
    /// <summary>Null until a manager first saves (the seeded defaults).</summary>
    public string? UpdatedById { get; private set; }
    public string? UpdatedByName { get; private set; }
    /// <summary>UTC.</summary>
    public DateTime? UpdatedAt { get; private set; }

    public SlaTerms Terms => new(SalesAnswerHours, MarketingReviewHours, BusinessDays, DayStart, DayEnd, EscalateAfterHours);

    internal void Update(SlaTerms terms, Actor by, DateTime at)
    {
        if (terms.Validate() is [var first, ..]) throw first.Error;
        (SalesAnswerHours, MarketingReviewHours, BusinessDays, DayStart, DayEnd, EscalateAfterHours) =
            (terms.SalesAnswerHours, terms.MarketingReviewHours, terms.BusinessDays & WeekDays.Every, terms.DayStart, terms.DayEnd, terms.EscalateAfterHours);
        (UpdatedById, UpdatedByName, UpdatedAt) = (by.UserId, by.Name, at);
    }
}

internal sealed class SlaSettingsConfiguration : IEntityTypeConfiguration<SlaSettings>
{
    public void Configure(EntityTypeBuilder<SlaSettings> settings)
    {
        settings.ToTable("SlaSettings");
        settings.HasKey(s => s.Id);
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.UpdatedById).HasMaxLength(450);
        settings.Property(s => s.UpdatedByName).HasMaxLength(256);
        settings.Ignore(s => s.Terms);
        var defaults = SlaTerms.Default;
        settings.HasData(new
        {
            Id = SlaSettings.SingletonId,
            defaults.SalesAnswerHours,
            defaults.MarketingReviewHours,
            defaults.BusinessDays,
            defaults.DayStart,
            defaults.DayEnd,
            defaults.EscalateAfterHours,
        });
    }
}
