using LeadDesk.Domain.Import;
using LeadDesk.Tests.Import;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Insights;

/// <summary>
/// The X Education preset on a small file with the data set's header: what it maps, how its values read, and that the
/// columns sales wrote after contact cannot be imported (they would leak the outcome into scoring and training).
/// </summary>
public sealed class XEducationImportTests : IAsyncLifetime
{
    private const string Sample = "xeducation-sample.csv";
    private ImportBed _bed = default!;

    public async Task InitializeAsync() => _bed = await ImportBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task The_data_set_is_recognised_and_its_columns_mapped_leaving_the_sales_written_ones_out()
    {
        var draft = await _bed.UploadFixtureAsync(Sample);

        Assert.Equal(ImportPreset.XEducation, draft.Preset);
        var mapped = draft.Mapping.Mapped.ToDictionary(c => c.Header, c => c.Field!.Value);
        Assert.Equal(new Dictionary<string, ImportField>
        {
            ["Prospect ID"] = ImportField.RecordId, ["Lead Origin"] = ImportField.UtmMedium, ["Lead Source"] = ImportField.Source,
            ["Do Not Email"] = ImportField.Unsubscribed, ["Converted"] = ImportField.Converted, ["TotalVisits"] = ImportField.PageVisits,
            ["Total Time Spent on Website"] = ImportField.SecondsOnSite, ["Last Activity"] = ImportField.LastActivity, ["Country"] = ImportField.Country,
            ["Specialization"] = ImportField.Department, ["What is your current occupation"] = ImportField.JobTitle,
            ["A free copy of Mastering The Interview"] = ImportField.ContentDownloads,
        }, mapped);
        Assert.Empty(draft.Mapping.Problems());
        foreach (var written in new[] { "Tags", "Lead Quality", "Lead Profile", "Asymmetrique Activity Index", "Asymmetrique Profile Score", "Last Notable Activity" })
        {
            Assert.True(ImportPresets.IsWrittenBySales(written), written);
            Assert.Contains(draft.Mapping.Unmapped, c => c.Header == written);
        }
    }

    [Theory]
    [InlineData("Tags", ImportField.Industry)]
    [InlineData("Lead Quality", ImportField.Company)]
    [InlineData("Asymmetrique Profile Index", ImportField.Seniority)]
    [InlineData("Last Notable Activity", ImportField.UtmCampaign)]
    public async Task Importing_a_column_sales_wrote_after_contact_is_refused_as_leakage(string header, ImportField field)
    {
        var draft = await _bed.UploadFixtureAsync(Sample);
        var leaky = draft.Mapping.With(draft.Mapping.Columns.Single(c => c.Header == header).Index, field);

        var problem = Assert.Single(leaky.Problems());
        Assert.Equal(("LeaksOutcome", field, header), (problem.Code, problem.Field, Assert.Single(problem.Headers)));
        var refused = await Assert.ThrowsAsync<DomainException>(() => _bed.Service.StartAsync(ImportBed.Marketer, draft.Id, leaky));
        Assert.Equal(("ImportColumnLeaksOutcome", header), (refused.Code, (string)refused.Arguments[0]!));
        Assert.Empty(await _bed.LeadsAsync());
    }

    [Fact]
    public async Task Rows_import_with_their_outcome_engagement_and_an_address_from_their_id()
    {
        var job = await _bed.ImportFixtureAsync(Sample);

        // The fourth row names a region, not a country, and is refused like any unknown country.
        Assert.Equal((4, 3, 1), (job.RowsDone, job.Created, job.Failed));
        Assert.Equal(ImportProblems.UnknownCountry, (await _bed.ErrorsAsync(job.Id)).Single().Code);
        await using var db = _bed.Database.NewContext();
        var leads = db.Leads.OrderBy(l => l.Id).Include(l => l.Events).AsNoTracking().ToList()
            .Select(l => new { Lead = l, Events = l.Events.Select(e => e.Type).ToList(), Times = l.Events.Select(e => e.OccurredAt).Distinct().ToList() }).ToList();

        var first = leads[0];
        Assert.Equal(("a1b2c3d4-0001@no-email.invalid", LifecycleStage.Won, "Google", "Landing Page Submission", "IN", "Finance Management", "Working Professional"),
            (first.Lead.Email, first.Lead.Stage, first.Lead.Source, first.Lead.UtmMedium, first.Lead.Country, first.Lead.Department, first.Lead.JobTitle));
        Assert.Equal(5, first.Events.Count(t => t == EngagementEventType.PageVisit));
        Assert.Equal(11, first.Events.Count(t => t == EngagementEventType.MinuteOnSite)); // 674 seconds
        Assert.Equal([EngagementEventType.EmailOpen, EngagementEventType.ContentDownload], first.Events.Where(t => t is EngagementEventType.EmailOpen or EngagementEventType.ContentDownload).Order());
        Assert.Equal([first.Lead.CreatedAt], first.Times); // counted before the export, so dated at the lead's creation

        var second = leads[1];
        Assert.Equal((LifecycleStage.Lost, null, null), (second.Lead.Stage, second.Lead.Country, second.Lead.Department)); // "Select": not answered
        Assert.Equal([EngagementEventType.Unsubscribe, EngagementEventType.ChatConversation], second.Events.Order()); // Do Not Email: Yes; the chat

        var third = leads[2];
        Assert.Equal((LifecycleStage.Won, null, "Student"), (third.Lead.Stage, third.Lead.Country, third.Lead.JobTitle)); // "unknown": not answered
        Assert.Empty(third.Events); // "SMS Sent" is what sales did, not engagement
    }

    [Theory]
    [InlineData("Yes", true)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    [InlineData("maybe", null)]
    public void Yes_and_no_read_as_exports_write_them(string value, bool? expected) => Assert.Equal(expected, ActivityValues.YesNo(value));
}
