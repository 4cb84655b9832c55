using System.Text.Json;
using LeadDesk.Domain.Leads;

namespace LeadDesk.App.Api;

/// <summary>A lead read from a request body: the profile, or every bad field (snake_case name → messages).</summary>
internal sealed record LeadRead(LeadProfile Profile, IDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads the body of <c>POST /api/leads</c> (see <see cref="LeadCaptureRequest"/>) field by field: a field of the wrong
/// type or an unknown seniority is named, and so is every field that <see cref="LeadProfile.Validate"/> refuses.
/// Unknown fields are ignored, so that a form may send more than LeadDesk keeps.
/// </summary>
internal static class LeadRequestReader
{
    private enum Kind { Text, Int32, Int64, Seniority }

    private sealed record Field(string Name, Kind Kind, Func<LeadProfile, object?, LeadProfile> Set);

    private static readonly Field[] Fields =
    [
        new("email", Kind.Text, (p, v) => p with { Email = (string?)v ?? "" }),
        new("first_name", Kind.Text, (p, v) => p with { FirstName = (string?)v ?? "" }),
        new("last_name", Kind.Text, (p, v) => p with { LastName = (string?)v ?? "" }),
        new("phone", Kind.Text, (p, v) => p with { Phone = (string?)v }),
        new("job_title", Kind.Text, (p, v) => p with { JobTitle = (string?)v }),
        new("seniority", Kind.Seniority, (p, v) => p with { Seniority = (Seniority?)v ?? Seniority.Unknown }),
        new("department", Kind.Text, (p, v) => p with { Department = (string?)v }),
        new("company", Kind.Text, (p, v) => p with { Company = (string?)v }),
        new("company_size", Kind.Int32, (p, v) => p with { CompanySize = (int?)v }),
        new("industry", Kind.Text, (p, v) => p with { Industry = (string?)v }),
        new("country", Kind.Text, (p, v) => p with { Country = (string?)v }),
        new("annual_revenue", Kind.Int64, (p, v) => p with { AnnualRevenue = (long?)v }),
        new("source", Kind.Text, (p, v) => p with { Source = (string?)v }),
        new("utm_source", Kind.Text, (p, v) => p with { UtmSource = (string?)v }),
        new("utm_medium", Kind.Text, (p, v) => p with { UtmMedium = (string?)v }),
        new("utm_campaign", Kind.Text, (p, v) => p with { UtmCampaign = (string?)v }),
    ];

    private static readonly Dictionary<string, Field> ByName = Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The JSON names of the fields the API reads, in the order of <see cref="LeadCaptureRequest"/>.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = Fields.Select(f => f.Name).ToList();

    public static LeadRead Read(JsonElement body)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var profile = new LeadProfile();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors[ApiProblems.Body] = [$"The body must be a JSON object such as {{\"email\": \"ana@example.com\"}}, not {Describe(body.ValueKind)}."];
            return Done(profile, errors);
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!ByName.TryGetValue(Text.NameOf(property), out var field)) continue;
            var (value, problem) = Parse(field, property.Value);
            if (problem is not null) Add(errors, field.Name, problem);
            else profile = field.Set(profile, value);
        }

        // The profile's own rules, for the fields that were read; a field already refused for its type is not judged twice.
        foreach (var problem in profile.Validate())
        {
            foreach (var member in problem.MemberNames)
            {
                var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(member);
                if (!errors.ContainsKey(name) || errors[name].Count == 0) Add(errors, name, problem.ErrorMessage ?? "Not valid.");
            }
        }
        return Done(profile, errors);
    }

    private static (object? Value, string? Problem) Parse(Field field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return (null, null);
        switch (field.Kind)
        {
            case Kind.Text:
                if (value.ValueKind != JsonValueKind.String) return (null, $"{field.Name} must be a string, not {Describe(value.ValueKind)}.");
                return Text.Of(value) is { } text ? (text, null) : (null, $"{field.Name} is not valid Unicode text.");
            case Kind.Int32:
                if (value.ValueKind != JsonValueKind.Number) return (null, $"{field.Name} must be a whole number, not {Describe(value.ValueKind)}.");
                return value.TryGetInt32(out var int32) ? (int32, null) : (null, $"{field.Name} must be a whole number from 0 to {int.MaxValue:N0}.");
            case Kind.Int64:
                if (value.ValueKind != JsonValueKind.Number) return (null, $"{field.Name} must be a whole number, not {Describe(value.ValueKind)}.");
                return value.TryGetInt64(out var int64) ? (int64, null) : (null, $"{field.Name} must be a whole number from 0 to {long.MaxValue:N0}.");
            case Kind.Seniority:
                if (value.ValueKind != JsonValueKind.String) return (null, $"{field.Name} must be a string, not {Describe(value.ValueKind)}.");
                var name = Text.Of(value);
                if (name is not null && ApiNames.TryParse<Seniority>(name, out var seniority)) return (seniority, null);
                return (null, $"{field.Name} must be one of {string.Join(", ", ApiNames.All<Seniority>())}; '{Text.Shorten(name)}' is not.");
            default:
                throw new InvalidOperationException($"No reader for {field.Kind}.");
        }
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages)) errors[field] = messages = [];
        messages.Add(message);
    }

    private static LeadRead Done(LeadProfile profile, Dictionary<string, List<string>> errors) =>
        new(profile, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
