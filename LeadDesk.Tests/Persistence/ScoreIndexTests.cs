using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Persistence;

/// <summary>
/// The score sort's indexes on each engine: one covering index on SQLite, where a rescore moves every changed score's
/// entry in each index on the score; the plain one and four filter × score composites on PostgreSQL.
/// </summary>
public sealed class ScoreIndexTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    [Trait("Category", "SqliteOnly")]
    public async Task On_SQLite_one_index_holds_the_score_with_every_filter_the_inbox_combines_it_with()
    {
        await using var db = _db.NewContext();
        var onScore = await db.Database.SqlQueryRaw<string>(
                """
                SELECT i.name AS "Value" FROM pragma_index_list('Leads') AS i, pragma_index_info(i.name) AS c
                WHERE c.name = 'TotalScore'
                """)
            .ToListAsync();
        var columns = await db.Database
            .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM pragma_index_info('IX_Leads_TotalScore_Id_Stage_Status_Source_OwnerId') ORDER BY seqno")
            .ToListAsync();

        Assert.Equal(["IX_Leads_TotalScore_Id_Stage_Status_Source_OwnerId"], onScore);
        Assert.Equal(["TotalScore", "Id", "Stage", "Status", "Source", "OwnerId"], columns);
    }

    [Fact]
    [Trait("Category", "PostgreSqlOnly")]
    public async Task On_PostgreSQL_the_score_sort_keeps_its_five_indexes()
    {
        await using var db = _db.NewContext();
        var onScore = await db.Database
            .SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'Leads' AND indexdef LIKE '%\"TotalScore\"%' ORDER BY indexname")
            .ToListAsync();

        Assert.Equal(
        [
            "IX_Leads_OwnerId_TotalScore_Id_Stage_Status", "IX_Leads_Source_TotalScore_Id_Stage_Status", "IX_Leads_Stage_TotalScore_Id_Status_Source",
            "IX_Leads_Status_TotalScore_Id_Stage_Source", "IX_Leads_TotalScore",
        ], onScore);
    }
}
