using CsvHelper;
using Microsoft.JSInterop;

namespace LeadDesk.App.Components.Pages.Dashboard;

/// <summary>One table of the dashboard as CSV: the header as shown, then the figures (see <see cref="Figures"/>).</summary>
public sealed record CsvTable(string FileName, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    /// <summary>RFC 4180, UTF-8 with a byte order mark so spreadsheets read accents right.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteHeader(Header.ToArray());
            foreach (var row in Rows) csv.WriteRecord(row.ToArray());
        }
        return stream.ToArray();
    }
}

/// <summary>Hands a CSV table to the browser as a file download.</summary>
public sealed class CsvDownloads(IJSRuntime js)
{
    public async Task DownloadAsync(CsvTable table)
    {
        using var content = new DotNetStreamReference(new MemoryStream(table.ToBytes()));
        await js.InvokeVoidAsync("leadDesk.downloadFile", table.FileName, "text/csv", content);
    }
}
