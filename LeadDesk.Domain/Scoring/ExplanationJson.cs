using System.Buffers;
using LeadDesk.Domain.Persistence;

namespace LeadDesk.Domain.Scoring;

/// <summary>
/// Writes a score's explanation as the UTF-8 JSON the lead's explanation column stores: the same bytes as the column's
/// converter (<see cref="JsonColumn"/>) writes, put together from each distinct line's JSON, written once. A million
/// leads share few distinct lines, and serialising every explanation anew was a fifth of a rescore's reading side.
/// One instance per reading thread: it reuses its buffer.
/// </summary>
internal sealed class ExplanationJson
{
    /// <summary>Past this many distinct lines the cache starts again, so its memory is bounded whatever the rules.</summary>
    private const int MaxCachedLines = 50_000;

    private readonly Dictionary<ScoreLine, byte[]> _lines = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <summary>The explanation of <paramref name="lines"/>, valid until the next call.</summary>
    public ReadOnlySpan<byte> Write(IReadOnlyList<ScoreLine> lines)
    {
        _buffer.ResetWrittenCount();
        _buffer.Write("["u8);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0) _buffer.Write(","u8);
            _buffer.Write(LineJson(lines[i]));
        }
        _buffer.Write("]"u8);
        return _buffer.WrittenSpan;
    }

    private byte[] LineJson(ScoreLine line)
    {
        if (_lines.TryGetValue(line, out var json)) return json;
        if (_lines.Count >= MaxCachedLines) _lines.Clear();
        return _lines[line] = JsonColumn.SerializeToUtf8Bytes(line);
    }
}
