using LeadDesk.App.Components.Pages.Inbox;
using LeadDesk.Domain.Inbox;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LeadDesk.Tests.Export;

/// <summary>The export link carries the inbox's filters and sort to the export endpoint, and bad ones are named.</summary>
public sealed class InboxExportLinkTests
{
    private static (InboxQuery? Query, Dictionary<string, string[]> Problems) Parse(string url) =>
        InboxExportLink.Parse(new QueryCollection(QueryHelpers.ParseQuery(new Uri("http://x" + url).Query)));

    [Fact]
    public void Every_filter_and_the_sort_survive_the_round_trip()
    {
        var query = new InboxQuery
        {
            Stages = [LifecycleStage.MQL, LifecycleStage.SAL], Statuses = [LeadStatus.New], OwnerId = InboxQuery.Unowned,
            Source = "Paid search & social", MinScore = -5, MaxScore = 80, Search = "Ana Sil", SortBy = InboxSort.Company, Descending = false,
        };

        var (parsed, problems) = Parse(InboxExportLink.For(query));

        Assert.Empty(problems);
        Assert.Equal(query.Stages, parsed!.Stages);
        Assert.Equal(query.Statuses, parsed.Statuses);
        Assert.Equal(query with { Stages = parsed.Stages, Statuses = parsed.Statuses }, parsed);
    }

    [Fact]
    public void No_parameters_mean_every_lead_by_score_highest_first()
    {
        var (parsed, problems) = Parse(InboxExportLink.Path);

        Assert.Empty(problems);
        Assert.Equal((InboxSort.Score, true, 0), (parsed!.SortBy, parsed.Descending, parsed.Stages.Count));
    }

    [Theory]
    [InlineData("?stage=Customer", "stage")]
    [InlineData("?stage=7", "stage")]
    [InlineData("?status=Gone", "status")]
    [InlineData("?min=ten", "min")]
    [InlineData("?max=99999999999", "max")]
    [InlineData("?sort=Owner", "sort")]
    [InlineData("?desc=maybe", "desc")]
    public void A_value_the_inbox_does_not_know_is_refused_by_name(string url, string parameter)
    {
        var (parsed, problems) = Parse(InboxExportLink.Path + url);

        Assert.Null(parsed);
        Assert.Contains(parameter, problems.Keys);
    }
}
