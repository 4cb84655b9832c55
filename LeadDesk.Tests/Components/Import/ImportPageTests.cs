using System.Globalization;
using System.Security.Claims;
using System.Text;
using Bunit;
using LeadDesk.App.Components.Pages.Import;
using LeadDesk.App.Identity;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Import;
using LeadDesk.Tests.Import;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Components.Import;

/// <summary>The /import screen over a real SQLite database with the real import services, signed in as the marketer of ImportBed.</summary>
public sealed class ImportPageTests : ComponentTestBase
{
    private ImportBed _bed = default!;

    public override async Task InitializeAsync()
    {
        _bed = await ImportBed.CreateAsync();
        Context.Services.AddDomainServices(_bed.Database);
        Context.Services.AddSingleton(_bed.Service);
        Context.Services.AddSingleton(_bed.Signals);
        Context.Services.AddScoped<CallerAccessor>();
        Context.Services.AddScoped<ImportErrorReport>();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _bed.DisposeAsync();
    }

    private void SignInAsMarketer() =>
        Context.AddAuthorization().SetAuthorized(ImportBed.Marketer.Name).SetRoles(Roles.Marketing)
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, ImportBed.Marketer.UserId));

    [Fact]
    public void With_nothing_imported_yet_the_page_offers_the_upload_and_says_the_list_is_empty()
    {
        SignInAsMarketer();
        var page = Render<ImportPage>();

        page.WaitForElement("#import-jobs-empty");
        Assert.Contains("Up to 256 MB", page.Find("#import-upload").TextContent);
        Assert.NotNull(page.Find("#import-choose"));
        Assert.Empty(page.FindAll("#import-draft"));
    }

    [Fact]
    public async Task An_uploaded_file_shows_its_export_its_mapping_and_a_preview_naming_each_problem()
    {
        SignInAsMarketer();
        var page = Render<ImportPage>();
        page.WaitForElement("#import-upload");

        var content = await File.ReadAllBytesAsync(ImportBed.Fixture("hubspot-contacts.csv"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, "hubspot-contacts.csv", contentType: "text/csv"));

        page.WaitForElement("#import-preview-table", TimeSpan.FromSeconds(15));
        Assert.Equal("HubSpot", page.Find("#import-detected").GetAttribute("data-preset"));
        Assert.Contains("a HubSpot contacts export · UTF-8 · comma-separated", page.Find("#import-detected").TextContent);
        Assert.Equal(17, page.FindAll("#import-mapping-table tbody tr").Count);
        Assert.Equal("Ana", page.Find("#import-mapping-table tr[data-column='First Name'] .ld-import-sample").TextContent.Trim());
        Assert.Equal(["Record ID", "Contact owner", "Message"], page.FindAll("#import-unmapped [data-unmapped]").Select(c => c.GetAttribute("data-unmapped")));
        Assert.Contains("The first 10 rows as they will be imported: 5 would be refused", page.Find("#import-preview-summary").TextContent);
        var ana = page.Find("#import-preview-table tr[data-row='2']");
        Assert.Contains("MQL", ana.TextContent);
        Assert.Contains("1,200,000", ana.TextContent);
        Assert.Contains("Ready", ana.TextContent);
        var carla = page.Find("#import-preview-table tr[data-row='4']");
        Assert.Equal("EmailInvalid", carla.QuerySelector("[data-problem]")!.GetAttribute("data-problem"));
        Assert.Contains("Email: 'not-an-email' is not a valid email address.", carla.TextContent);
        Assert.Contains("Country/Region: 'Atlantis' is not a country LeadDesk knows.", page.Find("#import-preview-table tr[data-row='5']").TextContent);
        Assert.False(page.Find("#import-start").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_column_set_to_not_imported_leaves_the_preview_and_without_email_the_import_cannot_start()
    {
        var draft = await _bed.UploadFixtureAsync("hubspot-contacts.csv");
        SignInAsMarketer();
        var page = Render<ImportPage>();
        page.WaitForElement("#import-preview-table");
        var mapping = page.FindComponent<ImportMappingTable>();

        await page.InvokeAsync(() => mapping.Instance.Changed.InvokeAsync((draft.Mapping.ColumnOf(ImportField.Country)!.Index, null)));

        page.WaitForAssertion(() => Assert.Contains("Country/Region", page.Find("#import-unmapped").TextContent));
        Assert.Empty(page.FindAll("#import-preview-table th[data-field='Country']"));
        Assert.Empty(page.FindAll("#import-preview-table tr[data-row='5'] [data-problem]"));

        await page.InvokeAsync(() => mapping.Instance.Changed.InvokeAsync((draft.Mapping.ColumnOf(ImportField.Email)!.Index, null)));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-mapping-problem='EmailNotMapped']")));
        Assert.True(page.Find("#import-start").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Started_imports_move_along_with_the_importer_and_end_with_their_results()
    {
        var draft = await _bed.UploadFixtureAsync("hubspot-contacts.csv");
        SignInAsMarketer();
        var page = Render<ImportPage>();
        page.WaitForElement("#import-preview-table");

        page.Find("#import-start").Click();

        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find($"tr[data-job-id='{draft.Id}']").GetAttribute("data-status")));
        Assert.Empty(page.FindAll("#import-draft"));
        Assert.NotNull(page.Find("#import-upload"));

        _bed.Signals.Publish(new ImportProgress(draft.Id, ImportJobStatus.Running, 10, 5, 2, 0, 0, 3));
        page.WaitForAssertion(() => Assert.Contains("5 of 10 rows", page.Find($"tr[data-job-id='{draft.Id}'] [data-rows]").TextContent));
        Assert.Equal("Running", page.Find($"tr[data-job-id='{draft.Id}']").GetAttribute("data-status"));

        await _bed.Runner.RunAsync(draft.Id);

        page.WaitForAssertion(() => Assert.Equal("Completed", page.Find($"tr[data-job-id='{draft.Id}']").GetAttribute("data-status")));
        var row = page.Find($"tr[data-job-id='{draft.Id}']");
        Assert.Equal(["4", "1", "0", "5"], row.QuerySelectorAll("[data-count]").Select(c => c.TextContent.Trim()));
        Assert.Contains("10 of 10 rows", row.QuerySelector("[data-rows]")!.TextContent);
        Assert.NotNull(row.QuerySelector($"[data-errors-download='{draft.Id}']"));
    }

    [Fact]
    public async Task The_error_report_lists_row_column_and_problem_in_the_readers_language()
    {
        var job = await _bed.ImportFixtureAsync("hubspot-contacts.csv");
        SignInAsMarketer();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es");
        var report = Context.Services.GetRequiredService<ImportErrorReport>();

        var lines = Encoding.UTF8.GetString(await report.BuildAsync(job.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
        [
            "Fila,Columna,Problema",
            "4,Email,'not-an-email' no es una dirección de email válida.",
            "5,Country/Region,'Atlantis' no es un país que LeadDesk conozca.",
            "7,Lifecycle Stage,'prospectzz' no es una etapa que LeadDesk pueda asignar.",
            "8,Email,El email está vacío.",
            "9,Number of Employees,'lots' no es un número.",
        ], lines);
    }

    [Fact]
    public void When_the_page_cannot_load_it_says_so_and_offers_to_try_again()
    {
        // Signed in without a user id: the caller cannot be identified, as when the session broke.
        Context.AddAuthorization().SetAuthorized("someone").SetRoles(Roles.Marketing);

        var page = Render<ImportPage>();

        page.WaitForElement("#import-load-error");
        Assert.NotNull(page.Find("#import-retry"));
        Assert.Empty(page.FindAll("#import-upload"));
    }
}
