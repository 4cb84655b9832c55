using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Sla;

/// <summary>The SLA as the settings screen shows it: the terms, the time zone they count in, and who changed them last.</summary>
public sealed record SlaSettingsView(SlaTerms Terms, string TimeZoneId, string? UpdatedByName, DateTime? UpdatedAt);

/// <summary>Managers read and change the SLA; the queues, the dashboard and escalation read it through <see cref="TermsAsync"/>.</summary>
public sealed class SlaService(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock, TeamTimeZone zone)
{
    public async Task<SlaSettingsView> GetAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Require("see the SLA settings", Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<SlaSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == SlaSettings.SingletonId, ct);
        return View(row);
    }

    /// <summary>Replaces the terms (Managers only). Invalid terms are refused with the first problem <see cref="SlaTerms.Validate"/> finds.</summary>
    public async Task<SlaSettingsView> SaveAsync(Caller caller, SlaTerms terms, CancellationToken ct = default)
    {
        caller.Require("change the SLA", Roles.Manager);
        if (terms.Validate() is [var first, ..]) throw first.Error;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.Set<SlaSettings>().FirstOrDefaultAsync(s => s.Id == SlaSettings.SingletonId, ct);
        if (row is null) db.Add(row = new SlaSettings(terms, caller.Actor, now));
        else row.Update(terms, caller.Actor, now);
        await db.SaveChangesAsync(ct);
        return View(row);
    }

    /// <summary>The terms in force: the stored row, or the defaults should it be missing.</summary>
    internal static async Task<SlaTerms> TermsAsync(LeadDeskDbContext db, CancellationToken ct) =>
        (await db.Set<SlaSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == SlaSettings.SingletonId, ct))?.Terms ?? SlaTerms.Default;

    private SlaSettingsView View(SlaSettings? row) =>
        new(row?.Terms ?? SlaTerms.Default, zone.Id, row?.UpdatedByName, row?.UpdatedAt);
}
