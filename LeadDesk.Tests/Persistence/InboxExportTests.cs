using LeadDesk.Domain.Inbox;

namespace LeadDesk.Tests.Persistence;

/// <summary>The inbox export stream: every matching lead, not a page, in the inbox's order.</summary>
public sealed class InboxExportTests(InboxLeadsFixture fixture) : IClassFixture<InboxLeadsFixture>
{
    private async Task<List<InboxExportRow>> StreamAsync(InboxQuery query)
    {
        var rows = new List<InboxExportRow>();
        await foreach (var row in fixture.Inbox.StreamAsync(query)) rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task The_export_holds_every_matching_lead_in_the_order_the_inbox_pages_show_them()
    {
        var query = new InboxQuery { Stages = [LifecycleStage.Lead, LifecycleStage.MQL], SortBy = InboxSort.Created, Descending = false, PageSize = 5 };
        var paged = new List<int>();
        for (var page = 0; ; page++)
        {
            var rows = (await fixture.Inbox.GetPageAsync(query with { Page = page })).Rows;
            if (rows.Count == 0) break;
            paged.AddRange(rows.Select(r => r.Id));
        }

        var exported = await StreamAsync(query);

        Assert.True(paged.Count > query.PageSize, "more than one page");
        Assert.Equal(paged, exported.Select(r => r.Id));
        Assert.All(exported, r => Assert.Contains(r.Stage, query.Stages));
    }

    [Fact]
    public async Task An_exported_row_carries_the_whole_profile_and_score()
    {
        var hugo = fixture.ByFirstName("Hugo");

        var row = Assert.Single(await StreamAsync(new InboxQuery { Search = "hugo.martins" }));

        Assert.Equal((hugo.Id, hugo.Email, hugo.Company, hugo.JobTitle, hugo.Industry, hugo.Country, hugo.CompanySize, hugo.AnnualRevenue),
            (row.Id, row.Email, row.Company, row.JobTitle, row.Industry, row.Country, row.CompanySize, row.AnnualRevenue));
        Assert.Equal((LifecycleStage.Won, hugo.OwnerName, hugo.TotalScore), (row.Stage, row.OwnerName, row.TotalScore));
    }
}
