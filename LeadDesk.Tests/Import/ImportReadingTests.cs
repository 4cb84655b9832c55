using System.Text;
using LeadDesk.Domain.Import;

namespace LeadDesk.Tests.Import;

/// <summary>Reading files before anything is written: encodings, separators, presets, stage values, the preview.</summary>
public sealed class ImportReadingTests : IAsyncLifetime
{
    private ImportBed _bed = default!;

    public async Task InitializeAsync() => _bed = await ImportBed.CreateAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_HubSpot_contacts_export_is_recognised_by_its_headers_and_its_extra_columns_are_listed()
    {
        var draft = await _bed.UploadFixtureAsync("hubspot-contacts.csv");

        Assert.Equal(ImportPreset.HubSpot, draft.Preset);
        Assert.Equal(ImportJobStatus.Draft, draft.Status);
        Assert.Equal((CsvFiles.Utf8, ','), (draft.Encoding, draft.Separator));
        var mapped = draft.Mapping.Mapped.ToDictionary(c => c.Header, c => c.Field!.Value);
        Assert.Equal(new Dictionary<string, ImportField>
        {
            ["First Name"] = ImportField.FirstName, ["Last Name"] = ImportField.LastName, ["Email"] = ImportField.Email,
            ["Phone Number"] = ImportField.Phone, ["Company Name"] = ImportField.Company, ["Job Title"] = ImportField.JobTitle,
            ["Lifecycle Stage"] = ImportField.Stage, ["Lead Status"] = ImportField.Status, ["Original Source"] = ImportField.Source,
            ["Industry"] = ImportField.Industry, ["Number of Employees"] = ImportField.CompanySize, ["Annual Revenue"] = ImportField.AnnualRevenue,
            ["Country/Region"] = ImportField.Country, ["Create Date"] = ImportField.CreatedAt,
        }, mapped);
        Assert.Equal(["Record ID", "Contact owner", "Message"], draft.Mapping.Unmapped.Select(c => c.Header));
        Assert.Empty(draft.Mapping.Problems());
        Assert.True(File.Exists(_bed.Storage.PathOf(draft.StoredFileName)));
    }

    [Fact]
    public async Task A_Salesforce_leads_export_by_API_names_is_recognised_and_its_status_read_as_the_stage()
    {
        var draft = await _bed.UploadFixtureAsync("salesforce-leads.csv");

        Assert.Equal(ImportPreset.Salesforce, draft.Preset);
        Assert.Equal(';', draft.Separator);
        Assert.Equal(ImportField.Stage, draft.Mapping.Columns.Single(c => c.Header == "Status").Field);
        Assert.Equal(ImportField.Source, draft.Mapping.Columns.Single(c => c.Header == "LeadSource").Field);
        Assert.Equal(ImportField.CompanySize, draft.Mapping.Columns.Single(c => c.Header == "NumberOfEmployees").Field);
        Assert.Equal(ImportField.CreatedAt, draft.Mapping.Columns.Single(c => c.Header == "CreatedDate").Field);
        Assert.Equal(["Id", "OwnerId", "IsConverted", "Description"], draft.Mapping.Unmapped.Select(c => c.Header));
    }

    [Fact]
    public async Task A_Salesforce_report_saved_in_Latin1_is_detected_and_read_with_its_accents()
    {
        var draft = await _bed.UploadFixtureAsync("salesforce-report-latin1.csv");

        Assert.Equal(CsvFiles.Latin1, draft.Encoding);
        Assert.Equal(ImportPreset.Salesforce, draft.Preset);
        Assert.Equal(ImportField.Stage, draft.Mapping.Columns.Single(c => c.Header == "Lead Status").Field);
        Assert.Equal(ImportField.Company, draft.Mapping.Columns.Single(c => c.Header == "Company / Account").Field);

        var preview = await _bed.Service.PreviewAsync(ImportBed.Marketer, draft.Id, draft.Mapping);

        Assert.All(preview.Rows, r => Assert.Empty(r.Problems));
        var jose = preview.Rows[0].Row;
        Assert.Equal(("José", "Conceição", "Cosméticos São João", "BR"), (jose.Profile.FirstName, jose.Profile.LastName, jose.Profile.Company, jose.Profile.Country));
        Assert.Equal(LifecycleStage.SAL, jose.Stage);
        Assert.Equal(new DateTime(2024, 3, 15, 0, 0, 0, DateTimeKind.Utc), jose.CreatedAt);
        Assert.Equal(("Müller & Söhne", "DE"), (preview.Rows[1].Row.Profile.Company, preview.Rows[1].Row.Profile.Country));
        Assert.Equal(("Zoë", new DateTime(2024, 4, 2, 14, 30, 0, DateTimeKind.Utc)), (preview.Rows[2].Row.Profile.FirstName, preview.Rows[2].Row.CreatedAt));
    }

    [Fact]
    public async Task A_file_without_a_known_export_is_mapped_by_common_names()
    {
        var draft = await _bed.UploadAsync("list.csv", Encoding.UTF8.GetBytes("email,first_name,Surname,Stage,Status,Favourite colour\nx@y.com,Xu,Yi,MQL,Connected,blue\n"));

        Assert.Equal(ImportPreset.Generic, draft.Preset);
        Assert.Equal([ImportField.Email, ImportField.FirstName, ImportField.LastName, ImportField.Stage, ImportField.Status, null],
            draft.Mapping.Columns.Select(c => c.Field));
    }

    [Theory]
    [InlineData("subscriber", LifecycleStage.Lead, null)]
    [InlineData("lead", LifecycleStage.Lead, null)]
    [InlineData("marketingqualifiedlead", LifecycleStage.MQL, null)]
    [InlineData("Marketing Qualified Lead", LifecycleStage.MQL, null)]
    [InlineData("salesqualifiedlead", LifecycleStage.SQL, null)]
    [InlineData("opportunity", LifecycleStage.Opportunity, null)]
    [InlineData("customer", LifecycleStage.Won, null)]
    [InlineData("evangelist", LifecycleStage.Won, null)]
    [InlineData("other", LifecycleStage.Lead, null)]
    [InlineData("Open - Not Contacted", LifecycleStage.Lead, LeadStatus.New)]
    [InlineData("Working - Contacted", LifecycleStage.SAL, LeadStatus.AttemptingContact)]
    [InlineData("Closed - Converted", LifecycleStage.Opportunity, LeadStatus.InProgress)]
    [InlineData("Closed - Not Converted", LifecycleStage.Disqualified, LeadStatus.Unqualified)]
    [InlineData("Nurturing", LifecycleStage.Nurture, null)]
    [InlineData("Qualified", LifecycleStage.SQL, LeadStatus.InProgress)]
    [InlineData("MQL", LifecycleStage.MQL, null)]
    [InlineData("disqualified", LifecycleStage.Disqualified, null)]
    [InlineData("", LifecycleStage.Lead, null)]
    public void Stage_values_of_HubSpot_Salesforce_and_LeadDesk_map_to_a_stage(string value, LifecycleStage stage, LeadStatus? status)
    {
        Assert.Equal(new StageValues.StageReading(stage, status), StageValues.Stage(value));
    }

    [Theory]
    [InlineData("prospect")]
    [InlineData("Maybe Later")]
    public void A_stage_value_nobody_defined_is_not_guessed(string value) => Assert.Null(StageValues.Stage(value));

    [Theory]
    [InlineData("NEW", LeadStatus.New)]
    [InlineData("OPEN", LeadStatus.New)]
    [InlineData("IN_PROGRESS", LeadStatus.InProgress)]
    [InlineData("OPEN_DEAL", LeadStatus.InProgress)]
    [InlineData("ATTEMPTED_TO_CONTACT", LeadStatus.AttemptingContact)]
    [InlineData("Attempted to Contact", LeadStatus.AttemptingContact)]
    [InlineData("CONNECTED", LeadStatus.Connected)]
    [InlineData("BAD_TIMING", LeadStatus.BadTiming)]
    [InlineData("UNQUALIFIED", LeadStatus.Unqualified)]
    public void HubSpot_lead_statuses_map_to_working_statuses(string value, LeadStatus status) => Assert.Equal(status, StageValues.Status(value));

    [Theory]
    [InlineData("1200000", 1_200_000)]
    [InlineData("1,200,000", 1_200_000)]
    [InlineData("1.200.000", 1_200_000)]
    [InlineData("1 200 000,50", 1_200_001)]
    [InlineData("1,234.56", 1_235)]
    [InlineData("12.5", 13)]
    [InlineData("1,234", 1_234)]
    [InlineData("$3.5M", 3_500_000)]
    [InlineData("12k", 12_000)]
    [InlineData("R$ 5.000", 5_000)]
    [InlineData("5000 BRL", 5_000)]
    [InlineData("51-200", 51)]
    [InlineData("10,001+", 10_001)]
    [InlineData("-5", -5)]
    public void Numbers_are_read_as_exports_write_them(string text, long expected)
    {
        Assert.True(ValueParsing.TryWholeNumber(text, out var value), text);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("12 apples and 3 pears")]
    [InlineData("1.2.3,4,5")]
    public void Text_that_is_not_a_number_is_refused(string text) => Assert.False(ValueParsing.TryWholeNumber(text, out _));

    [Theory]
    [InlineData("2024-03-15", false, "2024-03-15T00:00:00")]
    [InlineData("2024-03-15 10:23", false, "2024-03-15T10:23:00")]
    [InlineData("2024-03-15T10:23:45.000Z", false, "2024-03-15T10:23:45")]
    [InlineData("2024-03-15T10:23:45+02:00", false, "2024-03-15T08:23:45")]
    [InlineData("3/4/2024", false, "2024-03-04T00:00:00")]
    [InlineData("3/4/2024", true, "2024-04-03T00:00:00")]
    [InlineData("04.03.2024", false, "2024-03-04T00:00:00")]
    [InlineData("4/2/2024 2:30 PM", false, "2024-04-02T14:30:00")]
    public void Dates_are_read_as_UTC_with_slashes_month_or_day_first_by_separator(string text, bool dayFirst, string expected)
    {
        Assert.True(ValueParsing.TryDate(text, dayFirst, out var value), text);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Theory]
    [InlineData("Brazil", "BR")]
    [InlineData("Brasil", "BR")]
    [InlineData("br", "BR")]
    [InlineData("BRA", "BR")]
    [InlineData("United States", "US")]
    [InlineData("USA", "US")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("Deutschland", "DE")]
    [InlineData("México", "MX")]
    [InlineData("Cote d'Ivoire", "CI")]
    public void Countries_are_read_by_name_or_code(string name, string code) => Assert.Equal(code, CountryNames.ToIsoCode(name));

    [Fact]
    public void An_unknown_country_is_not_guessed() => Assert.Null(CountryNames.ToIsoCode("Atlantis"));

    [Fact]
    public async Task The_preview_reads_the_first_rows_and_names_each_problem_by_row_and_column()
    {
        var draft = await _bed.UploadFixtureAsync("hubspot-contacts.csv");

        var preview = await _bed.Service.PreviewAsync(ImportBed.Marketer, draft.Id, draft.Mapping);

        Assert.Equal(10, preview.Rows.Count);
        Assert.Equal(Enumerable.Range(2, 10), preview.Rows.Select(r => r.Row.RowNumber));
        var ana = preview.Rows[0];
        Assert.True(ana.IsValid);
        Assert.Equal(LifecycleStage.MQL, ana.Row.Stage);
        Assert.Equal(LeadStatus.InProgress, ana.Row.Status);
        Assert.Equal(("Acme, Inc.", 250, 1_200_000L, "BR", "Paid search"),
            (ana.Row.Profile.Company, ana.Row.Profile.CompanySize, ana.Row.Profile.AnnualRevenue, ana.Row.Profile.Country, ana.Row.Profile.Source));
        Assert.Equal(new DateTime(2024, 3, 15, 10, 23, 0, DateTimeKind.Utc), ana.Row.CreatedAt);

        Assert.Equal([new RowProblem("Email", ImportProblems.EmailInvalid, "not-an-email")], preview.Rows[2].Problems);
        Assert.Equal([new RowProblem("Country/Region", ImportProblems.UnknownCountry, "Atlantis")], preview.Rows[3].Problems);
        Assert.Equal([new RowProblem("Lifecycle Stage", ImportProblems.UnknownStage, "prospectzz")], preview.Rows[5].Problems);
        Assert.Equal([new RowProblem("Email", ImportProblems.EmailMissing, null)], preview.Rows[6].Problems);
        Assert.Equal([new RowProblem("Number of Employees", ImportProblems.NotANumber, "lots")], preview.Rows[7].Problems);
        Assert.Equal("Atlantis", preview.Rows[3].Raw[ImportField.Country]);

        await using var db = _bed.Database.NewContext();
        Assert.Empty(db.Leads);
    }

    [Fact]
    public async Task The_preview_follows_a_changed_mapping_and_the_draft_keeps_it()
    {
        var draft = await _bed.UploadFixtureAsync("hubspot-contacts.csv");
        var country = draft.Mapping.ColumnOf(ImportField.Country)!;

        var preview = await _bed.Service.PreviewAsync(ImportBed.Marketer, draft.Id, draft.Mapping.With(country.Index, null));

        Assert.Empty(preview.Rows[3].Problems);
        Assert.Null(preview.Rows[0].Row.Profile.Country);
        Assert.Null((await _bed.Service.GetAsync(ImportBed.Marketer, draft.Id)).Mapping.ColumnOf(ImportField.Country));
    }

    [Fact]
    public async Task Day_first_dates_and_grouped_numbers_of_a_semicolon_file_are_read_and_bad_rows_named()
    {
        var draft = await _bed.UploadFixtureAsync("salesforce-leads.csv");

        var preview = await _bed.Service.PreviewAsync(ImportBed.Marketer, draft.Id, draft.Mapping);

        var lucia = preview.Rows[0].Row;
        Assert.Equal(("Lucía", 1_500_000L, "ES", LifecycleStage.Lead, LeadStatus.New),
            (lucia.Profile.FirstName, lucia.Profile.AnnualRevenue, lucia.Profile.Country, lucia.Stage, lucia.Status));
        Assert.Equal(new DateTime(2024, 3, 15, 0, 0, 0, DateTimeKind.Utc), lucia.CreatedAt);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 0, 0, DateTimeKind.Utc), preview.Rows[1].Row.CreatedAt);
        Assert.Equal([new RowProblem("Status", ImportProblems.UnknownStage, "Maybe Later")], preview.Rows[4].Problems);
        Assert.Equal([new RowProblem("CreatedDate", ImportProblems.InvalidDate, "32/13/2024")], preview.Rows[5].Problems);
        Assert.Equal([new RowProblem("NumberOfEmployees", ImportProblems.Negative, "-5")], preview.Rows[6].Problems);
    }

    [Fact]
    public async Task Quotes_out_of_place_and_a_wrong_number_of_fields_are_problems_of_the_row()
    {
        var draft = await _bed.UploadAsync("broken.csv", Encoding.UTF8.GetBytes(
            "Email,First Name,Company\nok@acme.com,Ok,Acme\nshort@acme.com,Short\nquote@acme.com,Q\"uo\"te,Acme\nlong@acme.com,Long,Acme,extra\n"));

        var preview = await _bed.Service.PreviewAsync(ImportBed.Marketer, draft.Id, draft.Mapping);

        Assert.Empty(preview.Rows[0].Problems);
        Assert.Equal([new RowProblem("", ImportProblems.FieldCount, "2/3")], preview.Rows[1].Problems);
        Assert.Equal([new RowProblem("", ImportProblems.MalformedQuotes, null)], preview.Rows[2].Problems);
        Assert.Equal([new RowProblem("", ImportProblems.FieldCount, "4/3")], preview.Rows[3].Problems);
    }

    [Fact]
    public async Task A_mapping_without_email_or_with_a_field_filled_twice_cannot_start()
    {
        var draft = await _bed.UploadFixtureAsync("hubspot-contacts.csv");
        var email = draft.Mapping.ColumnOf(ImportField.Email)!;
        var company = draft.Mapping.ColumnOf(ImportField.Company)!;
        var noEmail = draft.Mapping.With(email.Index, null);
        var twice = draft.Mapping.With(draft.Mapping.Unmapped[0].Index, ImportField.Company);

        var missing = Assert.Single(noEmail.Problems());
        Assert.Equal(("EmailNotMapped", ImportField.Email), (missing.Code, missing.Field));
        var doubled = Assert.Single(twice.Problems());
        Assert.Equal(("FieldMappedTwice", ImportField.Company), (doubled.Code, doubled.Field));
        Assert.Equal(["Record ID", company.Header], doubled.Headers);
        var refused = await Assert.ThrowsAsync<DomainException>(() => _bed.Service.StartAsync(ImportBed.Marketer, draft.Id, noEmail));
        Assert.Equal("ImportEmailNotMapped", refused.Code);
        Assert.Equal("ImportFieldMappedTwice", (await Assert.ThrowsAsync<DomainException>(() => _bed.Service.StartAsync(ImportBed.Marketer, draft.Id, twice))).Code);
        Assert.Equal(ImportJobStatus.Draft, (await _bed.Service.GetAsync(ImportBed.Marketer, draft.Id)).Status);
    }

    [Fact]
    public async Task An_empty_file_is_refused_and_not_kept()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => _bed.UploadAsync("empty.csv", []));

        Assert.Equal("ImportNoHeader", refused.Code);
        Assert.Empty(Directory.EnumerateFiles(_bed.Storage.Folder));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_not_kept()
    {
        await using var small = await ImportBed.CreateAsync(new ImportOptions { MaxFileMegabytes = 1 });
        var big = Encoding.UTF8.GetBytes("Email\n" + string.Concat(Enumerable.Repeat("someone.with.a.long.address@example.com\n", 30_000)));

        var refused = await Assert.ThrowsAsync<DomainException>(() => small.UploadAsync("big.csv", big));

        Assert.Equal("ImportFileTooLarge", refused.Code);
        Assert.Equal([1], refused.Arguments);
        Assert.Empty(Directory.EnumerateFiles(small.Storage.Folder));
    }

    [Fact]
    public async Task Encoding_detection_reads_the_whole_file_and_honours_byte_order_marks()
    {
        var lateAccent = Encoding.UTF8.GetBytes("Email\n" + string.Concat(Enumerable.Repeat("a@b.com\n", 20_000)) + "é@b.com\n");
        var lateLatin1 = lateAccent.Take(lateAccent.Length - 9).Concat(Encoding.Latin1.GetBytes("é@b.com\n")).ToArray();

        Assert.Equal(CsvFiles.Utf8, await CsvFiles.DetectEncodingAsync(new MemoryStream(lateAccent)));
        Assert.Equal(CsvFiles.Latin1, await CsvFiles.DetectEncodingAsync(new MemoryStream(lateLatin1)));
        Assert.Equal(CsvFiles.UnicodeWithBom, await CsvFiles.DetectEncodingAsync(new MemoryStream(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Email\n")).ToArray())));
    }
}
