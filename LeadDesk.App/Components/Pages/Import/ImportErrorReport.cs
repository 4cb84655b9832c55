using CsvHelper;
using LeadDesk.App.Identity;
using LeadDesk.App.Resources;
using LeadDesk.Domain.Import;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace LeadDesk.App.Components.Pages.Import;

/// <summary>
/// The error report of an import as a CSV file: one line per problem of each refused row — row number, column,
/// problem — in the reader's language, UTF-8 with a byte order mark so spreadsheets read accents right.
/// </summary>
public sealed class ImportErrorReport(ImportService imports, CallerAccessor callers, IStringLocalizer<ImportText> text, IJSRuntime js)
{
    public async Task<byte[]> BuildAsync(int jobId, CancellationToken cancellationToken = default)
    {
        var caller = await callers.GetAsync();
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteHeader([text["Report.Row"].Value, text["Report.Column"].Value, text["Report.Problem"].Value]);
            await foreach (var error in imports.ErrorsAsync(caller, jobId, cancellationToken))
                csv.WriteRecord([error.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Column, ImportWords.Problem(error.Problem, text)]);
        }
        return stream.ToArray();
    }

    /// <summary>Hands the report to the browser as <c>FILE-errors.csv</c>.</summary>
    public async Task DownloadAsync(int jobId, string fileName, CancellationToken cancellationToken = default)
    {
        var bytes = await BuildAsync(jobId, cancellationToken);
        using var content = new DotNetStreamReference(new MemoryStream(bytes));
        await js.InvokeVoidAsync("leadDesk.downloadFile", cancellationToken, $"{Path.GetFileNameWithoutExtension(fileName)}-errors.csv", "text/csv", content);
    }
}
