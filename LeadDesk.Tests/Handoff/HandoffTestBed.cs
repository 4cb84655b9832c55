using LeadDesk.Domain.Assignment;
using LeadDesk.Domain.Handoff;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Persistence;
using LeadDesk.Domain.Sla;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Handoff;

/// <summary>What a refused action must leave untouched.</summary>
public sealed record LeadSnapshot(LifecycleStage Stage, int Decisions, Guid Token, string? OwnerId, string? HandoffRepId, int BantAssessments);

/// <summary>
/// A real SQLite database with the three roles, a small staff of Identity users, a fake clock, a recording notifier and
/// the services under test, wired as the app wires them, in the team time zone given (UTC unless said).
/// </summary>
public sealed class HandoffTestBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(Leads.Now);

    /// <summary>Same ids and names as <see cref="Leads.Marketer"/>, <see cref="Leads.Rep"/> and <see cref="Leads.OtherRep"/>, so journeys line up.</summary>
    public static readonly Caller Marketer = CallerOf(Leads.Marketer, Roles.Marketing);
    public static readonly Caller Rep = CallerOf(Leads.Rep, Roles.Sales);
    public static readonly Caller OtherRep = CallerOf(Leads.OtherRep, Roles.Sales);
    public static readonly Caller Manager = CallerOf(new Actor("manager-1", "Maria Manager"), Roles.Manager);
    public static readonly Caller LockedRep = CallerOf(new Actor("rep-locked", "Lena Locked"), Roles.Sales);

    private int _leadNumber;

    private HandoffTestBed(TestDatabase database, FakeTimeProvider clock, TeamTimeZone zone)
    {
        Database = database;
        Clock = clock;
        Zone = zone;
        Service = NewService();
        Queues = new WorkQueues(database.Contexts, clock, zone);
        Details = new LeadDetails(database.Contexts);
        Roster = new SalesRoster(database.Contexts, clock, zone);
        Rules = new AssignmentRules(database.Contexts, clock, Roster);
        Sla = new SlaService(database.Contexts, clock, zone);
        Escalation = new SlaEscalation(database.Contexts, clock, zone, Service, new JobLeases(database.Contexts, clock), NullLogger<SlaEscalation>.Instance);
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public RecordingNotifier Notifier { get; } = new();
    public HandoffService Service { get; }
    public WorkQueues Queues { get; }
    public LeadDetails Details { get; }
    public SalesRoster Roster { get; }
    public TeamTimeZone Zone { get; }
    public AssignmentRules Rules { get; }
    public SlaService Sla { get; }
    public SlaEscalation Escalation { get; }
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>A migrated database with the roles; <paramref name="withStaff"/> adds the marketer, two reps, a locked rep and the manager.</summary>
    public static async Task<HandoffTestBed> CreateAsync(bool withStaff = true, TeamTimeZone? zone = null)
    {
        var clock = new FakeTimeProvider(Start);
        var bed = new HandoffTestBed(await TestDatabase.CreateAsync(clock), clock, zone ?? TeamTimeZone.Utc);
        await using (var db = bed.Database.NewContext())
        {
            foreach (var role in Roles.All)
                db.Roles.Add(new IdentityRole(role) { Id = $"role-{role}", NormalizedName = role.ToUpperInvariant() });
            await db.SaveChangesAsync();
        }
        if (withStaff)
        {
            await bed.AddUserAsync(Marketer);
            await bed.AddUserAsync(Rep);
            await bed.AddUserAsync(OtherRep);
            await bed.AddUserAsync(Manager);
            await bed.AddUserAsync(LockedRep, lockoutEnd: Start.AddDays(7));
        }
        return bed;
    }

    public static Caller CallerOf(Actor actor, params string[] roles) => new(actor.UserId, actor.Name, roles.ToHashSet());

    /// <summary>Another service over the same database, e.g. a second person's circuit, optionally with interceptors on its contexts.</summary>
    public HandoffService NewService(params IInterceptor[] interceptors)
    {
        var contexts = interceptors.Length == 0 ? Database.Contexts : new InterceptedContexts(Database, interceptors);
        return new HandoffService(contexts, Clock, new SalesRoster(contexts, Clock, Zone), Notifier);
    }

    /// <summary>Sets the SLA as a manager would.</summary>
    public Task SetSlaAsync(SlaTerms terms) => Sla.SaveAsync(Manager, terms);

    /// <summary>Sets one Sales user's assignment rules as a manager would.</summary>
    public Task SetRulesAsync(Caller rep, RepRules rules) => Rules.SaveAsync(Manager, [new RepRulesChange(rep.UserId, rules)]);

    /// <summary>An Identity user holding <paramref name="caller"/>'s roles, inserted through the DbContext.</summary>
    public async Task AddUserAsync(Caller caller, DateTimeOffset? lockoutEnd = null)
    {
        await using var db = Database.NewContext();
        var email = $"{caller.UserId}@leaddesk.test";
        db.Users.Add(new AppUser
        {
            Id = caller.UserId, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = caller.Name,
            SecurityStamp = Guid.NewGuid().ToString(), LockoutEnabled = true, LockoutEnd = lockoutEnd,
        });
        foreach (var role in caller.Roles)
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = caller.UserId, RoleId = $"role-{role}" });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Saves a new lead brought to <paramref name="stage"/> by legal verbs (see <see cref="Journeys"/>); the rep, when one
    /// is needed, is <see cref="Leads.Rep"/> unless given. <paramref name="arrange"/> may add events or more moves before saving.
    /// </summary>
    public async Task<int> AddLeadAsync(LifecycleStage stage = LifecycleStage.Lead, Actor? rep = null, bool pendingHandoff = false,
        DateTime? createdAt = null, int score = 0, Action<Lead>? arrange = null)
    {
        var n = Interlocked.Increment(ref _leadNumber);
        var lead = Lead.Create(Leads.Profile($"lead{n}@acme.com", "Lead", $"Number{n:D2}"), createdAt ?? Leads.Now.AddDays(-30));
        if (score != 0)
            lead.ApplyScore(new ScoreResult(score, 0, [new ScoreLine("fit.seniority", "Vice president", ScoreComponent.Fit, score, 1, false)]), 1, lead.CreatedAt);
        Journeys.MoveTo(lead, stage, rep, pendingHandoff: pendingHandoff);
        arrange?.Invoke(lead);
        await using var db = Database.NewContext();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }

    /// <summary>The lead as stored, with its decisions in the order they were written.</summary>
    public async Task<Lead> LoadAsync(int leadId)
    {
        await using var db = Database.NewContext();
        return await db.Leads.AsNoTracking().Include(l => l.Decisions.OrderBy(d => d.Id)).SingleAsync(l => l.Id == leadId);
    }

    public async Task<LeadSnapshot> SnapshotAsync(int leadId)
    {
        await using var db = Database.NewContext();
        var lead = await db.Leads.AsNoTracking().SingleAsync(l => l.Id == leadId);
        return new LeadSnapshot(lead.Stage, await db.Decisions.CountAsync(d => d.LeadId == leadId), lead.ConcurrencyToken, lead.OwnerId,
            lead.HandoffRepId, await db.BantAssessments.CountAsync(b => b.LeadId == leadId));
    }

    public async Task<int> DecisionCountAsync()
    {
        await using var db = Database.NewContext();
        return await db.Decisions.CountAsync();
    }

    /// <summary>
    /// Runs <paramref name="act"/>, expects it to throw <typeparamref name="TException"/> (exactly that type), and checks
    /// that the lead, its decisions, its BANT answers and the notifications are as they were.
    /// </summary>
    public async Task<TException> RefusedAsync<TException>(int leadId, Func<Task> act) where TException : DomainException
    {
        var before = await SnapshotAsync(leadId);
        var published = Notifier.Published.Count;

        var refusal = await Assert.ThrowsAsync<TException>(act);

        Assert.Equal(before, await SnapshotAsync(leadId));
        Assert.Equal(published, Notifier.Published.Count);
        return refusal;
    }

    public Task<DomainException> RefusedWithCodeAsync(int leadId, string code, Func<Task> act) => RefusedWithCodeAsync<DomainException>(leadId, code, act);

    public async Task<TException> RefusedWithCodeAsync<TException>(int leadId, string code, Func<Task> act) where TException : DomainException
    {
        var refusal = await RefusedAsync<TException>(leadId, act);
        Assert.Equal(code, refusal.Code);
        return refusal;
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    private sealed class InterceptedContexts(TestDatabase database, IInterceptor[] interceptors) : IDbContextFactory<LeadDeskDbContext>
    {
        private readonly DbContextOptions<LeadDeskDbContext> _options =
            database.Configure(new DbContextOptionsBuilder<LeadDeskDbContext>()).AddInterceptors(interceptors).Options;

        public LeadDeskDbContext CreateDbContext() => new(_options);
    }
}
