using System.Net;
using System.Text.Json;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LeadDesk.Tests.Api.ApiJson;

namespace LeadDesk.Tests.Api;

/// <summary>POST /api/leads through the whole app: authentication, reading the body, capture, the answers.</summary>
public sealed class CaptureApiTests(ApiHost app) : IClassFixture<ApiHost>
{
    private static string Email(string name) => $"{name}-{Guid.NewGuid():N}@acme.com";

    private async Task<HttpClient> ClientWithKeyAsync(string? channel = "Website")
    {
        var key = await app.CreateKeyAsync(channel: channel);
        return app.Client(key.PlainKey);
    }

    [Fact]
    public async Task A_new_lead_is_201_with_its_id_and_location_scored_at_once_and_given_the_key_channel()
    {
        var key = await app.CreateKeyAsync("website form", "Website");
        var email = Email("ana");

        var response = await app.Client(key.PlainKey).PostAsync("/api/leads", Json($$"""
            {"email": "{{email}}", "first_name": "Ana", "last_name": "Silva", "company": "Acme", "seniority": "vice_president",
             "department": "Marketing", "company_size": 250, "industry": "Software", "country": "br", "annual_revenue": 40000000,
             "utm_source": "google", "utm_medium": "cpc", "utm_campaign": "brand", "some_field_we_do_not_keep": [1, 2]}
            """));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal($"/leads/{id}", response.Headers.Location?.ToString());
        var lead = await app.FindLeadAsync(email);
        Assert.NotNull(lead);
        Assert.Equal(id, lead.Id);
        Assert.Equal(("Ana", "Silva", Seniority.VicePresident, 250, "BR", 40_000_000L), (lead.FirstName, lead.LastName, lead.Seniority, lead.CompanySize, lead.Country, lead.AnnualRevenue));
        Assert.Equal(("google", "cpc", "brand"), (lead.UtmSource, lead.UtmMedium, lead.UtmCampaign));
        Assert.Equal("Website", lead.Source);
        Assert.Equal($"API: {key.Key.Name}", lead.IntakeSource);
        Assert.Equal(1, lead.ScoreModelVersion);
        Assert.True(lead.FitScore > 0);
        // This profile fits well enough to meet the MQL definition on arrival, promoted by the system in the same write.
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(LifecycleVerb.Promote, Assert.Single(lead.Decisions).Verb);
    }

    [Fact]
    public async Task A_source_in_the_body_wins_over_the_key_channel()
    {
        var client = await ClientWithKeyAsync("Website");
        var email = Email("bruno");

        var response = await client.PostAsync("/api/leads", Json($$"""{"email": "{{email}}", "source": "Webinar"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Webinar", (await app.FindLeadAsync(email))!.Source);
    }

    [Fact]
    public async Task The_same_email_again_is_200_merged_filling_gaps_and_keeping_what_differs()
    {
        var client = await ClientWithKeyAsync();
        var email = Email("carla");
        var first = await client.PostAsync("/api/leads", Json($$"""{"email": "{{email}}", "first_name": "Carla", "company": "Acme", "phone": "+55 11 5555"}"""));
        var id = (await first.ReadJsonAsync()).GetProperty("id").GetInt32();

        var again = await client.PostAsync("/api/leads", Json($$"""
            {"email": "  {{email.ToUpperInvariant()}} ", "first_name": "carla", "last_name": "Costa", "company": "Acme Corp",
             "phone": "+55 11 5555", "job_title": "CMO", "company_size": 80}
            """));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.ReadJsonAsync();
        Assert.Equal(id, body.GetProperty("id").GetInt32());
        Assert.True(body.GetProperty("merged").GetBoolean());
        Assert.Equal(["last_name", "job_title", "company_size"], Strings(body.GetProperty("filled")));
        Assert.Equal(["company"], Strings(body.GetProperty("conflicts")));
        Assert.False(body.GetProperty("returned_after_disqualification").GetBoolean());
        Assert.False(body.TryGetProperty("kept", out _)); // the values a lead has are not told back

        var lead = (await app.FindLeadAsync(email))!;
        Assert.Equal(("Carla", "Costa", "Acme", "CMO", 80), (lead.FirstName, lead.LastName, lead.Company, lead.JobTitle, lead.CompanySize));
        var merge = Assert.Single(lead.Decisions, d => d.Verb == LifecycleVerb.Merge);
        Assert.Contains("Kept Company \"Acme\" (offered \"Acme Corp\")", merge.Note);
        Assert.Equal(1, await app.QueryAsync(db => db.Leads.CountAsync(l => l.EmailNormalized == email.ToLowerInvariant())));
    }

    [Fact]
    public async Task A_disqualified_lead_that_comes_back_is_answered_and_flagged_as_returned()
    {
        var client = await ClientWithKeyAsync();
        var email = Email("dora");
        var id = (await (await client.PostAsync("/api/leads", Json($$"""{"email": "{{email}}"}"""))).ReadJsonAsync()).GetProperty("id").GetInt32();
        var handoffs = app.Services.GetRequiredService<LeadDesk.Domain.Handoff.HandoffService>();
        var marketer = new Caller("marketer-1", "Marta Marketing", new HashSet<string> { Roles.Marketing });
        await handoffs.DisqualifyAsync(marketer, id, ReasonCode.NotAFit, null);

        var response = await client.PostAsync("/api/leads", Json($$"""{"email": "{{email}}", "job_title": "Buyer"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("returned_after_disqualification").GetBoolean());
        var lead = (await app.FindLeadAsync(email))!;
        Assert.Equal(LifecycleStage.Disqualified, lead.Stage);
        Assert.NotNull(lead.ReturnedAfterDisqualificationAt);
        Assert.Equal("Buyer", lead.JobTitle);
    }

    [Fact]
    public async Task Bad_fields_are_400_problem_details_naming_each_one_and_nothing_is_written()
    {
        var client = await ClientWithKeyAsync();

        var response = await client.PostAsync("/api/leads", Json("""
            {"email": "ana@", "first_name": 42, "company_size": "250", "seniority": "boss", "country": "Brazil",
             "annual_revenue": -5, "utm_campaign": null, "job_title": ["CMO"], "phone": "+55"}
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["annual_revenue", "company_size", "country", "email", "first_name", "job_title", "seniority"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("not a valid email address", errors.GetProperty("email")[0].GetString());
        Assert.Equal("company_size must be a whole number, not a string.", errors.GetProperty("company_size")[0].GetString());
        Assert.StartsWith("seniority must be one of entry, individual_contributor, manager, director, vice_president",
            errors.GetProperty("seniority")[0].GetString()!.Replace("unknown, ", ""));
        Assert.Equal(0, await app.QueryAsync(db => db.Leads.CountAsync(l => l.EmailNormalized == "ana@")));
    }

    [Theory]
    [InlineData("""{"email": "ana@acme.com",""", "The body is not valid JSON (line 1, byte")]
    [InlineData("""[{"email": "ana@acme.com"}]""", "The body must be a JSON object")]
    [InlineData("\"ana@acme.com\"", "The body must be a JSON object")]
    [InlineData("", "The body is empty")]
    [InlineData("""{"email": "\uD800@acme.com"}""", "email is not valid Unicode text.")]
    public async Task A_body_that_is_not_a_lead_object_is_400_saying_what_is_wrong(string body, string expected)
    {
        var client = await ClientWithKeyAsync();

        var response = await client.PostAsync("/api/leads", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains(expected, string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString())));
    }

    [Fact]
    public async Task A_control_character_in_a_field_is_400_naming_the_field_and_writes_nothing()
    {
        var client = await ClientWithKeyAsync();
        var email = $"nul-{Guid.NewGuid():N}@acme.com";

        // PostgreSQL cannot store NUL in text: without this rule the write failed there as a 500.
        var response = await client.PostAsync("/api/leads", Json($$"""{"email": "{{email}}", "last_name": "\u0000", "company": "Acme\u0007"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Equal(["company", "last_name"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("LastName contains a control character (such as NUL); remove it.", errors.GetProperty("last_name")[0].GetString());
        Assert.Null(await app.FindLeadAsync(email));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_its_content_type_is_415()
    {
        var client = await ClientWithKeyAsync();

        var response = await client.PostAsync("/api/leads", Json("email=ana%40acme.com", "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_whether_its_length_is_announced_or_not()
    {
        var client = await ClientWithKeyAsync();
        var email = Email("big");
        var body = $$"""{"email": "{{email}}", "utm_campaign": "{{new string('x', 70 * 1024)}}"}""";

        var announced = await client.PostAsync("/api/leads", Json(body));
        var chunked = await client.PostAsync("/api/leads", new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)))
        {
            Headers = { ContentType = new("application/json") },
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, announced.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Contains("65,536 bytes", (await chunked.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Null(await app.FindLeadAsync(email));
    }

    [Fact]
    public async Task A_call_without_a_key_is_401_problem_details_not_a_redirect_to_sign_in()
    {
        var response = await app.Client().PostAsync("/api/leads", Json("""{"email": "nokey@acme.com"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Send your API key in the X-Api-Key header.", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Null(await app.FindLeadAsync("nokey@acme.com"));
    }

    [Fact]
    public async Task An_unknown_key_and_a_tampered_key_are_401()
    {
        var key = await app.CreateKeyAsync();
        var tampered = key.PlainKey[..^1] + (key.PlainKey[^1] == 'A' ? 'B' : 'A');

        foreach (var wrong in new[] { "ld_not-a-key-at-all-but-long-enough-to-look-like-one", tampered, "Bearer whatever" })
        {
            var response = await app.Client(wrong).PostAsync("/api/leads", Json("""{"email": "wrongkey@acme.com"}"""));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("This API key is not valid.", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_revoked_key_is_401_from_the_next_call_on()
    {
        var key = await app.CreateKeyAsync();
        var client = app.Client(key.PlainKey);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/leads", Json($$"""{"email": "{{Email("before")}}"}"""))).StatusCode);

        await app.Services.GetRequiredService<ApiKeyService>().RevokeAsync(ApiHost.Manager, key.Key.Id);
        var email = Email("after");
        var response = await client.PostAsync("/api/leads", Json($$"""{"email": "{{email}}"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Null(await app.FindLeadAsync(email));
    }

    [Fact]
    public async Task A_signed_in_browser_cookie_does_not_stand_in_for_a_key()
    {
        var client = app.Client();
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Identity.Application=whatever");

        var response = await client.PostAsync("/api/leads", Json("""{"email": "cookie@acme.com"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_wrong_method_or_path_under_api_is_problem_details_not_the_app_html_page()
    {
        var client = await ClientWithKeyAsync();

        var wrongMethod = await client.GetAsync("/api/leads");
        var wrongPath = await client.PostAsync("/api/contacts", Json("{}"));

        // Routing's answers are odd here (MapStaticAssets' catch-all GET route {**path:file} matches every path, so a GET
        // is 404 and a POST to an unknown path is 405); what matters is that both are problem details, not HTML pages.
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongPath.StatusCode);
        Assert.Equal("application/problem+json", wrongPath.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_key_use_is_recorded()
    {
        var key = await app.CreateKeyAsync();

        await app.Client(key.PlainKey).PostAsync("/api/leads", Json($$"""{"email": "{{Email("used")}}"}"""));

        var row = Assert.Single(await app.Services.GetRequiredService<ApiKeyService>().ListAsync(ApiHost.Manager), k => k.Id == key.Key.Id);
        Assert.NotNull(row.LastUsedAt);
    }

    private static List<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToList();
}
