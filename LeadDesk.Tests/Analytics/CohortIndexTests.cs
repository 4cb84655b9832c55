using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Analytics;

/// <summary>
/// The dashboard's cohort counts (leads created in a period, per channel and campaign, with their milestones) are read
/// from an index alone on each engine, shaped for what each engine can scan (docs/decisions/dashboard-facts.md).
/// </summary>
public sealed class CohortIndexTests : IAsyncLifetime
{
    private static readonly string[] CohortColumns =
        ["Source", "UtmCampaign", "CreatedAt", "ReachedMqlAt", "ReachedSalAt", "ReachedSqlAt", "ReachedOpportunityAt", "ReachedWonAt"];

    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    [Trait("Category", "SqliteOnly")]
    public async Task On_SQLite_the_migrated_database_has_the_index_it_skip_scans_by_channel_and_campaign()
    {
        await using var db = _db.NewContext();
        var columns = await db.Database
            .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM pragma_index_info('IX_Leads_Source_UtmCampaign_CreatedAt_Milestones') ORDER BY seqno")
            .ToListAsync();

        Assert.Equal(CohortColumns, columns);
    }

    [Fact]
    [Trait("Category", "PostgreSqlOnly")]
    public async Task On_PostgreSQL_the_creation_time_index_carries_the_cohort_columns_and_the_skip_scan_index_is_left_out()
    {
        await using var db = _db.NewContext();
        var indexes = await db.Database
            .SqlQueryRaw<string>("SELECT indexname || ': ' || indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'Leads'")
            .ToListAsync();

        var createdAt = Assert.Single(indexes, i => i.StartsWith("IX_Leads_CreatedAt:", StringComparison.Ordinal));
        Assert.EndsWith("(\"CreatedAt\") INCLUDE (\"Id\", \"Source\", \"UtmCampaign\", \"ReachedMqlAt\", \"ReachedSalAt\", \"ReachedSqlAt\", \"ReachedOpportunityAt\", \"ReachedWonAt\")",
            createdAt);
        Assert.DoesNotContain(indexes, i => i.StartsWith("IX_Leads_Source_UtmCampaign_CreatedAt_Milestones:", StringComparison.Ordinal));
    }
}
