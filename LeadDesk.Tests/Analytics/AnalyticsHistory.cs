using LeadDesk.Domain.Analytics;
using LeadDesk.Domain.Identity;

namespace LeadDesk.Tests.Analytics;

/// <summary>Hand-built histories for the dashboard figures: leads with chosen times, sources and score explanations.</summary>
internal static class AnalyticsHistory
{
    public static readonly Actor Manager = new("manager-1", "Maria Manager");

    /// <summary>November 2026, [Nov 1, Dec 1).</summary>
    public static readonly ReportPeriod November = new(Utc(2026, 11, 1), Utc(2026, 12, 1));

    public static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    public static Caller CallerOf(Actor actor, params string[] roles) => new(actor.UserId, actor.Name, roles.ToHashSet());

    /// <summary>A new lead created at <paramref name="createdAt"/>, scored by the given fit rules (10 points each).</summary>
    public static Lead NewLead(string name, DateTime createdAt, string? source = "Paid search", string? campaign = null, params string[] rules)
    {
        var lead = Lead.Create(Leads.Profile($"{name}@acme.com") with { Source = source, UtmCampaign = campaign }, createdAt);
        if (rules.Length > 0)
            lead.ApplyScore(new ScoreResult(10 * rules.Length, 0,
                rules.Select(r => new ScoreLine(r, $"Rule {r}", ScoreComponent.Fit, 10, 1, false)).ToList()), 1, createdAt);
        return lead;
    }

    /// <summary>Promotes <paramref name="lead"/> an hour before <paramref name="at"/> and hands it to <paramref name="rep"/> at <paramref name="at"/>.</summary>
    public static Lead HandedOff(Lead lead, DateTime at, Actor? rep = null)
    {
        lead.Promote(Leads.Marketer, at.AddHours(-1), "Good fit");
        lead.HandOff(Leads.Marketer, rep ?? Leads.Rep, at, null);
        return lead;
    }

    public static async Task SaveAsync(TestDatabase db, params Lead[] leads)
    {
        await using var context = db.NewContext();
        context.Leads.AddRange(leads);
        await context.SaveChangesAsync();
    }

    /// <summary>
    /// The handoff story of November 2026 (hours from handoff to answer in brackets):
    /// accepted by Rep: "title" (2 h, then qualified and won in November), "late" (handed off in October, 48 h);
    /// rejected by Rep: "student" NoBudget (4 h), "student2" NoBudget (6 h);
    /// rejected by OtherRep after a reassignment: "reassigned" BadTiming (10 h from the first handoff);
    /// pending: "pending"; outside the period: "october" (handed off and rejected in October), "december" (handed off on Dec 1 00:00).
    /// </summary>
    public static async Task SeedHandoffStoryAsync(TestDatabase db)
    {
        var created = Utc(2026, 10, 1);

        var title = HandedOff(NewLead("title", created, rules: ["title", "demo"]), Utc(2026, 11, 2, 10));
        title.Accept(Leads.Rep, Utc(2026, 11, 2, 12), null);
        title.Qualify(Leads.Rep, Utc(2026, 11, 6), null);
        title.ConvertToOpportunity(Leads.Rep, Utc(2026, 11, 7), 10_000m, new DateOnly(2026, 12, 31), null);
        title.CloseWon(Leads.Rep, Utc(2026, 11, 8), null);

        var late = HandedOff(NewLead("late", created, rules: ["demo"]), Utc(2026, 10, 30, 10));
        late.Accept(Leads.Rep, Utc(2026, 11, 1, 10), null);

        var student = HandedOff(NewLead("student", created, rules: ["student", "download"]), Utc(2026, 11, 3, 10));
        student.Reject(Leads.Rep, Utc(2026, 11, 3, 14), ReasonCode.NoBudget, null, disqualify: false);

        var student2 = HandedOff(NewLead("student2", created, rules: ["student"]), Utc(2026, 11, 4, 10));
        student2.Reject(Leads.Rep, Utc(2026, 11, 4, 16), ReasonCode.NoBudget, null, disqualify: true);

        var reassigned = HandedOff(NewLead("reassigned", created, rules: ["download", "demo"]), Utc(2026, 11, 5, 10));
        reassigned.Reassign(Manager, Leads.OtherRep, Utc(2026, 11, 5, 12), null);
        reassigned.Reject(Leads.OtherRep, Utc(2026, 11, 5, 20), ReasonCode.BadTiming, null, disqualify: false);

        var pending = HandedOff(NewLead("pending", created, rules: ["demo"]), Utc(2026, 11, 20, 10));

        var october = HandedOff(NewLead("october", created, rules: ["title"]), Utc(2026, 10, 10, 10));
        october.Reject(Leads.Rep, Utc(2026, 10, 11, 10), ReasonCode.Duplicate, null, disqualify: true);

        var december = HandedOff(NewLead("december", created, rules: ["title"]), Utc(2026, 12, 1));

        await SaveAsync(db, title, late, student, student2, reassigned, pending, october, december);
    }
}
