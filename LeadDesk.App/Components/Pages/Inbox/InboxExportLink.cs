using System.Globalization;
using LeadDesk.Domain.Inbox;
using LeadDesk.Domain.Leads;
using Microsoft.AspNetCore.WebUtilities;

namespace LeadDesk.App.Components.Pages.Inbox;

/// <summary>
/// The inbox's filters and sort in a query string, both ways: the export button links to
/// <see cref="Path"/> with them, and the export endpoint reads them back (refusing values it does not know).
/// </summary>
public static class InboxExportLink
{
    public const string Path = "/inbox/export.csv";

    public static string For(InboxQuery query)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        parameters.AddRange(query.Stages.Select(s => new KeyValuePair<string, string?>("stage", s.ToString())));
        parameters.AddRange(query.Statuses.Select(s => new KeyValuePair<string, string?>("status", s.ToString())));
        if (query.OwnerId is not null) parameters.Add(new("owner", query.OwnerId));
        if (query.Source is not null) parameters.Add(new("source", query.Source));
        if (query.MinScore is { } min) parameters.Add(new("min", min.ToString(CultureInfo.InvariantCulture)));
        if (query.MaxScore is { } max) parameters.Add(new("max", max.ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(query.Search)) parameters.Add(new("q", query.Search.Trim()));
        parameters.Add(new("sort", query.SortBy.ToString()));
        parameters.Add(new("desc", query.Descending ? "true" : "false"));
        return QueryHelpers.AddQueryString(Path, parameters);
    }

    /// <summary>The query the parameters describe, or the problems per parameter name.</summary>
    public static (InboxQuery? Query, Dictionary<string, string[]> Problems) Parse(IQueryCollection parameters)
    {
        var problems = new Dictionary<string, string[]>();
        List<T> Enums<T>(string name) where T : struct, Enum
        {
            var values = new List<T>();
            foreach (var text in parameters[name])
            {
                if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)) values.Add(value);
                else problems[name] = [$"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}."];
            }
            return values;
        }
        int? Number(string name)
        {
            var text = parameters[name].ToString();
            if (string.IsNullOrEmpty(text)) return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            problems[name] = [$"'{text}' is not a whole number."];
            return null;
        }
        string? Text(string name) => string.IsNullOrWhiteSpace(parameters[name]) ? null : parameters[name].ToString().Trim();

        var stages = Enums<LifecycleStage>("stage");
        var statuses = Enums<LeadStatus>("status");
        var sorts = Enums<InboxSort>("sort");
        var descending = parameters["desc"].ToString() is var desc && desc is "" or "true" ? true
            : desc == "false" ? false
            : Fail("desc", $"'{desc}' is neither true nor false.");
        var query = new InboxQuery
        {
            Stages = stages, Statuses = statuses, OwnerId = Text("owner"), Source = Text("source"),
            MinScore = Number("min"), MaxScore = Number("max"), Search = Text("q"),
            SortBy = sorts.LastOrDefault(), Descending = descending,
        };
        return (problems.Count == 0 ? query : null, problems);

        bool Fail(string name, string problem)
        {
            problems[name] = [problem];
            return true;
        }
    }
}
