using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadDesk.App.Api;

/// <summary>
/// The OpenAPI description at <c>/openapi/v1.json</c> (browsable at <c>/api/docs</c>): the two intake endpoints only,
/// the <c>X-Api-Key</c> security scheme on both, and request and response examples.
/// </summary>
internal static class ApiDocumentation
{
    public const string DocumentName = "v1";
    private const string SecuritySchemeName = "ApiKey";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "LeadDesk intake API",
                Version = "v1",
                Description = """
                    Send leads and engagement events to LeadDesk from web forms and other tools. Every call carries an API
                    key in the `X-Api-Key` header; a manager creates one per source at /admin/api-keys. Errors are RFC 7807
                    problem details; a 400 names each bad field under `errors`. Each key may make a limited number of
                    calls per minute (429 with `Retry-After` past it).
                    """,
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.Header,
                Description = "An API key from /admin/api-keys, such as ld_Xb3k9QeR…",
            };
            foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] }];
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            switch (operation.OperationId)
            {
                case "CaptureLead":
                    DescribeCapture(operation);
                    break;
                case "RecordEvents":
                    DescribeEvents(operation);
                    break;
            }
            return Task.CompletedTask;
        });
    }

    private static void DescribeCapture(OpenApiOperation operation)
    {
        Examples(operation.RequestBody?.Content, "application/json",
            ("website form", "A lead from a web form, with its campaign.", """
                {"email": "ana.silva@acme.com", "first_name": "Ana", "last_name": "Silva", "company": "Acme",
                 "job_title": "VP Marketing", "seniority": "vice_president", "department": "Marketing",
                 "company_size": 250, "industry": "Software", "country": "BR", "annual_revenue": 40000000,
                 "utm_source": "google", "utm_medium": "cpc", "utm_campaign": "brand-2026"}
                """),
            ("just an email", "The least a lead needs.", """{"email": "bruno@example.com"}"""));
        Example(operation, "201", "application/json", """{"id": 1042}""");
        Example(operation, "200", "application/json", """
            {"id": 1042, "merged": true, "filled": ["phone", "job_title"], "conflicts": ["company"],
             "returned_after_disqualification": false}
            """);
        Example(operation, "400", "application/problem+json", """
            {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "The lead has fields that are not valid.",
             "status": 400, "errors": {"email": ["'ana@' is not a valid email address."],
             "company_size": ["company_size must be a whole number, not a string."]}}
            """);
        Example(operation, "401", "application/problem+json", """
            {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.2", "title": "A valid API key is required.",
             "status": 401, "detail": "This API key has been revoked. Ask a LeadDesk manager for a new one."}
            """);
        Example(operation, "429", "application/problem+json", """
            {"title": "Too many requests for this API key.", "status": 429, "detail": "Try again in 12 s."}
            """);
    }

    private static void DescribeEvents(OpenApiOperation operation)
    {
        // The body is one event or an array of them: say so in the schema, which the endpoint's metadata gives as an array.
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && body.Schema is OpenApiSchema { Items: { } item } array)
            body.Schema = new OpenApiSchema { OneOf = [item, array] };
        Examples(operation.RequestBody?.Content, "application/json",
            ("one event", "A demo request from a known lead.", """
                {"email": "ana.silva@acme.com", "type": "demo_request", "occurred_at": "2026-11-23T14:05:00Z", "detail": "/demo"}
                """),
            ("a batch", "Up to 1,000 events; each is answered on its own.", """
                [{"lead_id": 1042, "type": "pricing_page_visit", "detail": "/pricing"},
                 {"email": "nobody@example.com", "type": "email_open", "detail": "November newsletter"},
                 {"email": "ana.silva@acme.com", "type": "coffee"}]
                """));
        Example(operation, "200", "application/json", """
            {"recorded": 1, "unknown_lead": 1, "invalid": 1, "results": [
              {"index": 0, "status": "recorded", "lead_id": 1042},
              {"index": 1, "status": "unknown_lead", "problem": "No lead has the email nobody@example.com."},
              {"index": 2, "status": "invalid", "problem": "type must be one of page_visit, pricing_page_visit, …; 'coffee' is not."}]}
            """);
        Example(operation, "400", "application/problem+json", """
            {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "The batch cannot be read.", "status": 400,
             "errors": {"$": ["A batch holds at most 1,000 events; this one has 1,200."]}}
            """);
    }

    private static void Examples(IDictionary<string, OpenApiMediaType>? content, string mediaType, params (string Name, string Summary, string Json)[] examples)
    {
        if (content is null || !content.TryGetValue(mediaType, out var media)) return;
        media.Examples ??= new Dictionary<string, IOpenApiExample>();
        foreach (var (name, summary, json) in examples)
            media.Examples[name] = new OpenApiExample { Summary = summary, Value = JsonNode.Parse(json) };
    }

    private static void Example(OpenApiOperation operation, string status, string mediaType, string json)
    {
        if (operation.Responses?.TryGetValue(status, out var response) != true || response!.Content is null) return;
        if (!response.Content.TryGetValue(mediaType, out var media))
            response.Content[mediaType] = media = new OpenApiMediaType();
        media.Example = JsonNode.Parse(json);
    }
}
