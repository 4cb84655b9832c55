using System.Globalization;
using CsvHelper;
using LeadDesk.App.Components.Pages.Inbox;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Inbox;

namespace LeadDesk.App.Export;

/// <summary>
/// GET /inbox/export.csv: every lead the inbox's filters match, in its sort order, streamed as CSV while it is read.
/// The column names are fixed English field names (not the screen's language) so a file reads the same everywhere.
/// </summary>
public static class InboxExportEndpoint
{
    private static readonly string[] Header =
    [
        "Id", "First Name", "Last Name", "Email", "Phone", "Job Title", "Seniority", "Department", "Company", "Number of Employees",
        "Industry", "Country", "Annual Revenue", "Lead Source", "UTM Source", "UTM Medium", "UTM Campaign", "Lifecycle Stage",
        "Lead Status", "Owner", "Fit Score", "Engagement Score", "Total Score", "Score Model Version", "Create Date",
        "Last Activity Date", "Intake Source", "Returned After Disqualification",
    ];

    public static void MapInboxExport(this WebApplication app) =>
        app.MapGet(InboxExportLink.Path, ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Marketing, Roles.Sales, Roles.Manager))
            .ExcludeFromDescription();

    private static async Task ExportAsync(HttpContext context, LeadInbox inbox, TimeProvider clock)
    {
        var (query, problems) = InboxExportLink.Parse(context.Request.Query);
        if (query is null)
        {
            await Results.ValidationProblem(problems, title: "The export's filters are not valid.").ExecuteAsync(context);
            return;
        }

        var cancellation = context.RequestAborted;
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"leads-{clock.GetUtcNow():yyyy-MM-dd}.csv\"";
        await using var csv = CsvWriter.Create(context.Response.Body, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(Header);
        await foreach (var lead in inbox.StreamAsync(query, cancellation))
            await csv.WriteRecordAsync(Fields(lead), cancellation);
        await csv.FlushAsync(cancellation);
    }

    private static string?[] Fields(InboxExportRow l) =>
    [
        Number(l.Id), l.FirstName, l.LastName, l.Email, l.Phone, l.JobTitle, l.Seniority == Domain.Leads.Seniority.Unknown ? null : l.Seniority.ToString(),
        l.Department, l.Company, Number(l.CompanySize), l.Industry, l.Country, Number(l.AnnualRevenue), l.Source, l.UtmSource, l.UtmMedium,
        l.UtmCampaign, l.Stage.ToString(), l.Status.ToString(), l.OwnerName, Number(l.FitScore), Number(l.EngagementScore),
        Number(l.TotalScore), Number(l.ScoreModelVersion), Time(l.CreatedAt), Time(l.LastActivityAt), l.IntakeSource, Time(l.ReturnedAfterDisqualificationAt),
    ];

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Time(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
