using System.Text.Json;
using LeadDesk.Domain.Intake;
using LeadDesk.Domain.Leads;

namespace LeadDesk.App.Api;

/// <summary>One event of a batch as read: the event, or what is wrong with it (naming the field).</summary>
internal sealed record EventItemRead(int Index, IncomingEvent? Event, string? Problem);

/// <summary>A batch read from a request body: its items, or the reason the whole body is refused.</summary>
internal sealed record EventsRead(IReadOnlyList<EventItemRead> Items, IDictionary<string, string[]>? Errors);

/// <summary>
/// Reads the body of <c>POST /api/events</c>: one <see cref="EventRequest"/> object or an array of 1 to
/// <see cref="LeadIntake.MaxEventBatch"/> of them. A bad item is answered as invalid on its own; only a body that is not
/// an object or an array, or an empty or oversized batch, refuses the whole request.
/// </summary>
internal static class EventRequestReader
{
    /// <summary>The JSON names of an event's fields, in the order of <see cref="EventRequest"/>.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["email", "lead_id", "type", "occurred_at", "detail"];

    public static EventsRead Read(JsonElement body, DateTime now)
    {
        List<JsonElement> elements;
        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                elements = [body];
                break;
            case JsonValueKind.Array:
                var count = body.GetArrayLength();
                if (count == 0) return Refuse("Send at least one event.");
                if (count > LeadIntake.MaxEventBatch)
                    return Refuse($"A batch holds at most {LeadIntake.MaxEventBatch:N0} events; this one has {count:N0}.");
                elements = [.. body.EnumerateArray()];
                break;
            default:
                return Refuse($"The body must be an event object or an array of them, not {LeadRequestReader.Describe(body.ValueKind)}.");
        }
        return new(elements.Select((element, index) => ReadItem(index, element, now)).ToList(), null);
    }

    private static EventsRead Refuse(string message) =>
        new([], new Dictionary<string, string[]> { [ApiProblems.Body] = [message] });

    private static EventItemRead ReadItem(int index, JsonElement item, DateTime now)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return new(index, null, $"An event must be an object, not {LeadRequestReader.Describe(item.ValueKind)}.");

        var problems = new List<string>();
        string? email = null, detail = null;
        int? leadId = null;
        EngagementEventType? type = null;
        var occurredAt = now;
        foreach (var property in item.EnumerateObject())
        {
            var value = property.Value;
            switch (Text.NameOf(property))
            {
                case "email":
                    email = ReadText("email", value, problems);
                    break;
                case "detail":
                    detail = ReadText("detail", value, problems);
                    break;
                case "lead_id" when value.ValueKind != JsonValueKind.Null:
                    if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var id) && id > 0) leadId = id;
                    else problems.Add($"lead_id must be a positive whole number, not {Quote(value)}.");
                    break;
                case "type" when value.ValueKind != JsonValueKind.Null:
                    var name = value.ValueKind == JsonValueKind.String ? Text.Of(value) : null;
                    if (name is not null && ApiNames.TryParse<EngagementEventType>(name, out var parsed)) type = parsed;
                    else problems.Add($"type must be one of {string.Join(", ", ApiNames.All<EngagementEventType>())}; {Quote(value)} is not.");
                    break;
                case "occurred_at" when value.ValueKind != JsonValueKind.Null:
                    if (value.ValueKind == JsonValueKind.String && Text.TryGetDateTime(value, out var at)) occurredAt = ToUtc(at);
                    else problems.Add($"occurred_at must be an ISO 8601 date and time such as 2026-11-23T14:05:00Z, not {Quote(value)}.");
                    break;
            }
        }
        if (type is null && !problems.Any(p => p.StartsWith("type ", StringComparison.Ordinal)))
            problems.Add($"type is required: one of {string.Join(", ", ApiNames.All<EngagementEventType>())}.");

        return problems.Count > 0
            ? new(index, null, string.Join(" ", problems))
            : new(index, new IncomingEvent(leadId, string.IsNullOrWhiteSpace(email) ? null : email, type!.Value, occurredAt, detail), null);
    }

    private static string? ReadText(string field, JsonElement value, List<string> problems)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String && Text.Of(value) is { } text) return text;
        problems.Add(value.ValueKind == JsonValueKind.String
            ? $"{field} is not valid Unicode text."
            : $"{field} must be a string, not {LeadRequestReader.Describe(value.ValueKind)}.");
        return null;
    }

    /// <summary>Without an offset a time is UTC (as the API documents); with one it is converted.</summary>
    private static DateTime ToUtc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Utc => at,
        DateTimeKind.Local => at.ToUniversalTime(),
        _ => DateTime.SpecifyKind(at, DateTimeKind.Utc),
    };

    private static string Quote(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? $"'{Text.Shorten(Text.Of(value))}'" : LeadRequestReader.Describe(value.ValueKind);
}
