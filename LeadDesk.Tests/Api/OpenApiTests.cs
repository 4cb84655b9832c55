using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadDesk.App.Api;

namespace LeadDesk.Tests.Api;

/// <summary>The OpenAPI description at /openapi/v1.json and the Scalar page at /api/docs.</summary>
public sealed partial class OpenApiTests(ApiHost app) : IClassFixture<ApiHost>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await app.Client().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task The_document_describes_exactly_the_two_intake_endpoints_behind_the_API_key_scheme()
    {
        var document = await DocumentAsync();

        Assert.Equal(["/api/events", "/api/leads"], document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        foreach (var path in new[] { "/api/leads", "/api/events" })
        {
            var post = document.GetProperty("paths").GetProperty(path).GetProperty("post");
            Assert.True(post.GetProperty("security")[0].TryGetProperty("ApiKey", out _), path);
            var statuses = post.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            Assert.Superset(new HashSet<string> { "200", "400", "401", "413", "429" }, statuses);
        }
        Assert.Contains("201", document.GetProperty("paths").GetProperty("/api/leads").GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name));
    }

    [Fact]
    public async Task The_document_carries_request_and_response_examples()
    {
        var document = await DocumentAsync();
        var capture = document.GetProperty("paths").GetProperty("/api/leads").GetProperty("post");
        var events = document.GetProperty("paths").GetProperty("/api/events").GetProperty("post");

        var captureExamples = capture.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        Assert.Equal("ana.silva@acme.com", captureExamples.GetProperty("website form").GetProperty("value").GetProperty("email").GetString());
        Assert.Equal(1042, capture.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("id").GetInt32());
        Assert.True(capture.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("merged").GetBoolean());
        var eventExamples = events.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        Assert.Equal(JsonValueKind.Object, eventExamples.GetProperty("one event").GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Array, eventExamples.GetProperty("a batch").GetProperty("value").ValueKind);
        Assert.Equal(2, events.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("oneOf").GetArrayLength());
    }

    [Fact]
    public async Task The_documented_fields_are_the_fields_the_API_reads_in_snake_case()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        Assert.Equal(LeadRequestReader.FieldNames.Order(StringComparer.Ordinal), Properties(schemas, "LeadCaptureRequest"));
        Assert.Equal(EventRequestReader.FieldNames.Order(StringComparer.Ordinal), Properties(schemas, "EventRequest"));
        Assert.Equal(["conflicts", "filled", "id", "merged", "returned_after_disqualification"], Properties(schemas, "LeadMergedResponse"));
        Assert.Equal(["email"], schemas.GetProperty("LeadCaptureRequest").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("vice_president", schemas.GetProperty("Seniority").GetProperty("enum").EnumerateArray().Select(e => e.ToString()));
        Assert.Equal(ApiNames.All<EngagementEventType>(), schemas.GetProperty("EngagementEventType").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var companySize = schemas.GetProperty("LeadCaptureRequest").GetProperty("properties").GetProperty("company_size").GetProperty("type");
        Assert.Equal(["null", "integer"], companySize.EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task The_Scalar_page_is_served_at_api_docs_with_its_script_and_needs_no_key()
    {
        var client = app.Client();

        var redirect = await client.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode); // to /api/docs/, so that its relative script paths resolve
        var page = await client.GetAsync(new Uri(new Uri(client.BaseAddress!, "/api/docs"), redirect.Headers.Location!));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("LeadDesk intake API", html);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html); // Scalar resolves it against the site's root: /openapi/v1.json
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.DoesNotContain("://", script); // served by the app itself: no internet needed
            var uri = new Uri(new Uri(client.BaseAddress!, page.RequestMessage!.RequestUri!.AbsolutePath), script);
            var asset = await client.GetAsync(uri);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.True((await asset.Content.ReadAsByteArrayAsync()).Length > 1000, script);
        }
    }

    [Fact]
    public async Task The_health_endpoint_answers_without_a_key()
    {
        var response = await app.Client().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await response.Content.ReadAsStringAsync());
    }

    private static List<string> Properties(JsonElement schemas, string name) =>
        schemas.GetProperty(name).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex("<script[^>]*\\ssrc=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
