using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Persistence;

/// <summary>Each engine gets its own migrations, all of them and only them, on whichever engine the run uses.</summary>
public sealed class MigrationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Leads.Now)));

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_engine_gets_exactly_its_own_migrations_and_the_model_has_nothing_pending()
    {
        await using var context = _db.NewContext();
        var own = TestDatabase.IsPostgreSql ? ProviderMigrationsAssembly.PostgreSqlNamespace : ProviderMigrationsAssembly.SqliteNamespace;
        var expected = typeof(LeadDeskDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)) && t.Namespace == own)
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)
                .Cast<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().Single().Id)
            .Order().ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, context.Database.GetMigrations().Order());
        Assert.Equal(expected, (await context.Database.GetAppliedMigrationsAsync()).Order());
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Initialising_again_applies_nothing_and_keeps_one_scoring_model()
    {
        await new DatabaseInitializer(_db.Contexts, _db.Clock, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();

        await using var context = _db.NewContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(1, await context.ScoringModels.CountAsync());
    }
}
