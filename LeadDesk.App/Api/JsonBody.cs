using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace LeadDesk.App.Api;

/// <summary>A request body read as JSON, or the problem answer that says why it could not be.</summary>
internal sealed record JsonBodyRead(JsonDocument? Document, IResult? Refusal);

/// <summary>
/// Reads a request body up to a limit and parses it as JSON. The endpoints read the body themselves instead of binding
/// it, so that an oversized body is a 413 problem, broken JSON is a 400 naming where it broke, and a field of the wrong
/// type is named with every other bad field (model binding would stop at the first and answer without a body). A body
/// declared as something other than JSON never gets here: routing answers 415, from the endpoints' Accepts metadata.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static async Task<JsonBodyRead> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return new(null, ApiProblems.TooLarge(limit));
        // Kestrel then stops a body that runs past the limit without a Content-Length, rather than only our loop below.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = limit + 1;

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(limit + 1, 16 * 1024));
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > limit) return new(null, ApiProblems.TooLarge(limit));
            }
        }
        catch (BadHttpRequestException ex)
        {
            return new(null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ApiProblems.TooLarge(limit)
                : ApiProblems.Validation(ApiProblems.Body, "The request body could not be read.", "The body could not be read."));
        }

        if (buffer.WrittenCount == 0)
            return new(null, ApiProblems.Validation(ApiProblems.Body, "The body is empty: send a JSON object.", "The body is not valid JSON."));
        try
        {
            return new(JsonDocument.Parse(buffer.WrittenMemory, Options), null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
            return new(null, ApiProblems.Validation(ApiProblems.Body, $"The body is not valid JSON{where}.", "The body is not valid JSON."));
        }
    }
}
