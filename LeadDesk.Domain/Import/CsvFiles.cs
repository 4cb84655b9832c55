using System.Buffers;
using System.Text;
using CsvHelper;

namespace LeadDesk.Domain.Import;

/// <summary>
/// Opening an uploaded CSV file the same way every time: its text encoding decided once when it arrives, the
/// separator detected by CsvHelper from its first lines (",", ";", tab or "|"), quoted fields with separators and line
/// breaks inside, a byte order mark skipped.
/// </summary>
public static class CsvFiles
{
    /// <summary>UTF-8, with or without a byte order mark: what HubSpot and Salesforce write.</summary>
    public const string Utf8 = "utf-8";

    /// <summary>Windows-1252, the superset of Latin-1 that spreadsheets on Windows save "CSV" in.</summary>
    public const string Latin1 = "windows-1252";

    /// <summary>UTF-16 or UTF-32, announced by a byte order mark that CsvHelper reads itself.</summary>
    public const string UnicodeWithBom = "unicode-bom";

    static CsvFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The encoding of a file: UTF-16/32 when a byte order mark says so, UTF-8 when every byte sequence is valid UTF-8,
    /// and otherwise Latin-1 (Windows-1252), in which any byte is a character. The whole file is checked, since an
    /// accented name may first appear on its last line.
    /// </summary>
    public static async Task<string> DetectEncodingAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(1 << 16);
        try
        {
            var carried = 0; // bytes of a sequence cut by the end of the previous block
            var first = true;
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(carried, (1 << 16) - carried), cancellationToken);
                var length = carried + read;
                if (first)
                {
                    first = false;
                    if (HasUnicodeBom(buffer.AsSpan(0, length))) return UnicodeWithBom;
                }
                var status = System.Text.Unicode.Utf8.ToUtf16(buffer.AsSpan(0, length), chars, out var consumed, out _,
                    replaceInvalidSequences: false, isFinalBlock: read == 0);
                if (status == OperationStatus.InvalidData) return Latin1;
                if (read == 0) return Utf8;
                carried = length - consumed;
                buffer.AsSpan(consumed, carried).CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A reader over the file at <paramref name="path"/> in the encoding <see cref="DetectEncodingAsync"/> found.</summary>
    /// <param name="onMalformed">Told about every record with broken quoting; the reader recovers and returns it.</param>
    public static CsvReader Open(string path, string encoding, Action<CsvMalformedRecord>? onMalformed = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return CsvReader.Create(stream, Options(encoding, onMalformed), leaveOpen: false);
    }

    private static CsvReaderOptions Options(string encoding, Action<CsvMalformedRecord>? onMalformed) => CsvReaderOptions.Default with
    {
        Encoding = encoding switch
        {
            Utf8 or UnicodeWithBom => null, // byte order marks honoured, UTF-8 otherwise
            Latin1 => Encoding.GetEncoding(1252),
            _ => throw new ArgumentException($"Unknown encoding '{encoding}'.", nameof(encoding)),
        },
        TrimWhitespace = true,
        OnMalformedRecord = onMalformed,
    };

    private static bool HasUnicodeBom(ReadOnlySpan<byte> start) =>
        start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ||
        start.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
}
