using System.Security.Claims;
using Bunit;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Insights;
using LeadDesk.Domain.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Components.Insights;

/// <summary>
/// The insights screens' world: a real test database at <see cref="Leads.Now"/> on a fake clock, the real conversion
/// insights and trainer over it, and closed leads written through the lifecycle verbs. Won leads mostly are senior
/// people in software who asked for a demo before the handoff, lost ones mostly juniors in retail who only opened
/// emails; a fifth of each is the other way round, so the models have something to learn and cannot be perfect.
/// </summary>
public sealed class InsightsPageBed : IAsyncDisposable
{
    public static readonly Actor Marketer = new("mkt-1", "Marta Marketing");
    public static readonly Actor Manager = new("mgr-1", "Maria Manager");
    public static readonly Actor Rep = Leads.Rep;

    public static readonly Caller MarketerCaller = new(Marketer.UserId, Marketer.Name, new HashSet<string> { Roles.Marketing });

    private InsightsPageBed(TestDatabase database, FakeTimeProvider clock)
    {
        Database = database;
        Clock = clock;
        Insights = new ConversionInsights(database.Contexts, clock, new InsightsSignal());
        Trainer = new InsightsTrainer(database.Contexts, new JobLeases(database.Contexts, clock), clock, NullLogger<InsightsTrainer>.Instance);
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public ConversionInsights Insights { get; }
    public InsightsTrainer Trainer { get; }

    public static async Task<InsightsPageBed> CreateAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Leads.Now));
        return new InsightsPageBed(await TestDatabase.CreateAsync(clock), clock);
    }

    /// <summary>The app's services for the insights screens, this bed's insights among them.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddDomainServices(Database);
        services.AddSingleton(Insights);
        services.AddScoped<CallerAccessor>();
    }

    /// <summary>Signs <paramref name="person"/> in with <paramref name="role"/>, as the app's cookie would.</summary>
    public static void SignIn(BunitContext context, Actor person, string role) =>
        context.AddAuthorization().SetAuthorized(person.UserId).SetRoles(role)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, person.UserId), new Claim(LeadDeskClaims.DisplayName, person.Name));

    /// <summary>Writes <paramref name="won"/> won and <paramref name="lost"/> lost leads; returns their ids.</summary>
    public async Task<IReadOnlyList<int>> AddClosedLeadsAsync(int won, int lost)
    {
        var random = new Random(won * 1000 + lost);
        var leads = new List<Lead>(won + lost);
        for (var i = 0; i < won + lost; i++)
        {
            var isWon = i < won;
            // Most leads look like their outcome; one in five looks like the other one.
            var looksWon = isWon == random.NextDouble() >= 0.2;
            var createdAt = Leads.Now.AddDays(-200 + random.Next(0, 120));
            var profile = Leads.Profile($"closed{i}@company{i % 17}.com", $"Closed{i}", "Lead") with
            {
                Seniority = looksWon ? Seniority.Executive : Seniority.Entry,
                JobTitle = looksWon ? "CEO" : "Marketing Assistant",
                Industry = looksWon ? "Software" : "Retail",
                Country = random.NextDouble() < 0.5 ? "BR" : "US",
                CompanySize = random.Next(20, 2000),
            };
            var lead = Lead.Create(profile, createdAt);
            if (looksWon) lead.RecordEvent(EngagementEventType.DemoRequest, createdAt.AddDays(1), "/demo");
            for (var e = random.Next(0, 4); e > 0; e--) lead.RecordEvent(EngagementEventType.EmailOpen, createdAt.AddHours(e), "newsletter");
            Journeys.MoveTo(lead, isWon ? LifecycleStage.Won : LifecycleStage.Lost, Rep, createdAt.AddDays(3));
            leads.Add(lead);
        }
        await using var db = Database.NewContext();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync();
        return leads.Select(l => l.Id).ToList();
    }

    /// <summary>An open lead that looks like the won ones, waiting in the MQL queue.</summary>
    public async Task<int> AddOpenLeadAsync()
    {
        var lead = Lead.Create(Leads.Profile("open@prospect.com", "Olivia", "Open") with { Seniority = Seniority.Executive, JobTitle = "CEO" },
            Leads.Now.AddDays(-5));
        lead.RecordEvent(EngagementEventType.DemoRequest, Leads.Now.AddDays(-2), "/demo");
        lead.Promote(Marketer, Leads.Now.AddDays(-1), "Asked for a demo.");
        await using var db = Database.NewContext();
        db.Leads.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }

    /// <summary>Queues a run as the marketer and trains it to its end, as the background trainer would.</summary>
    public async Task<InsightsReport> TrainAsync(int seed = 7)
    {
        await Insights.StartTrainingAsync(MarketerCaller, seed);
        Assert.True(await Trainer.RunPendingAsync(CancellationToken.None));
        return (await Insights.GetLatestAsync(MarketerCaller))!;
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
