using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static LeadDesk.Tests.Api.ApiJson;

namespace LeadDesk.Tests.Api;

/// <summary>POST /api/events: one event or a batch, answered per item; scores move and MQLs appear.</summary>
public sealed class EventsApiTests(ApiHost app) : IClassFixture<ApiHost>
{
    private async Task<(HttpClient Client, int LeadId, string Email)> LeadAsync(string json = """{"first_name": "Eva"}""")
    {
        var key = await app.CreateKeyAsync("webinar tool", "Webinar");
        var client = app.Client(key.PlainKey);
        var email = $"eva-{Guid.NewGuid():N}@acme.com";
        var body = json.Insert(1, $"\"email\": \"{email}\", ");
        var created = await client.PostAsync("/api/leads", Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (client, (await created.ReadJsonAsync()).GetProperty("id").GetInt32(), email);
    }

    [Fact]
    public async Task A_batch_with_good_and_bad_items_answers_each_in_order_and_records_only_the_good_ones()
    {
        var (client, id, email) = await LeadAsync();

        var response = await client.PostAsync("/api/events", Json($$"""
            [
              {"lead_id": {{id}}, "type": "pricing_page_visit", "occurred_at": "2020-01-01T10:00:00Z", "detail": "/pricing"},
              {"email": "nobody-{{Guid.NewGuid():N}}@acme.com", "type": "email_open"},
              {"email": "{{email.ToUpperInvariant()}}", "type": "coffee"},
              {"email": "{{email}}", "type": "email_click", "occurred_at": "yesterday"},
              "not an event",
              {"type": "page_visit"},
              {"email": "{{email}}", "type": "webinar_attended", "occurred_at": "2020-01-02T10:00:00+02:00"},
              {"lead_id": 2147483000, "type": "page_visit"},
              {"lead_id": {{id}}, "type": "page_visit", "detail": "/pricing\u0000"}
            ]
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal((2, 2, 5), (body.GetProperty("recorded").GetInt32(), body.GetProperty("unknown_lead").GetInt32(), body.GetProperty("invalid").GetInt32()));
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 9), results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(["recorded", "unknown_lead", "invalid", "invalid", "invalid", "invalid", "recorded", "unknown_lead", "invalid"],
            results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(id, results[0].GetProperty("lead_id").GetInt32());
        Assert.False(results[0].TryGetProperty("problem", out _));
        Assert.StartsWith("type must be one of page_visit, pricing_page_visit", results[2].GetProperty("problem").GetString());
        Assert.StartsWith("occurred_at must be an ISO 8601 date and time", results[3].GetProperty("problem").GetString());
        Assert.Equal("An event must be an object, not a string.", results[4].GetProperty("problem").GetString());
        Assert.Equal("Name the lead by its id or its email.", results[5].GetProperty("problem").GetString());
        Assert.Equal("No lead has id 2147483000.", results[7].GetProperty("problem").GetString());
        Assert.Equal("Detail contains a control character (such as NUL); remove it.", results[8].GetProperty("problem").GetString());

        var lead = (await app.FindLeadAsync(email))!;
        Assert.Equal([(EngagementEventType.PricingPageVisit, new DateTime(2020, 1, 1, 10, 0, 0, DateTimeKind.Utc)),
                      (EngagementEventType.WebinarAttended, new DateTime(2020, 1, 2, 8, 0, 0, DateTimeKind.Utc))],
            lead.Events.OrderBy(e => e.OccurredAt).Select(e => (e.Type, e.OccurredAt)));
    }

    [Fact]
    public async Task One_event_as_an_object_is_recorded_now_and_moves_a_fitting_lead_into_the_MQL_queue()
    {
        // Fit 36: a manager in marketing at a software company in Brazil, short of the 60 points of the MQL definition.
        var (client, id, email) = await LeadAsync("""{"seniority": "manager", "department": "Marketing", "industry": "Software", "country": "BR"}""");
        Assert.Equal(LifecycleStage.Lead, (await app.FindLeadAsync(email))!.Stage);
        var before = DateTime.UtcNow;

        var response = await client.PostAsync("/api/events", Json($$"""{"email": "{{email}}", "type": "demo_request", "detail": "/demo"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Assert.Single((await response.ReadJsonAsync()).GetProperty("results").EnumerateArray());
        Assert.Equal(("recorded", id), (result.GetProperty("status").GetString(), result.GetProperty("lead_id").GetInt32()));
        var lead = (await app.FindLeadAsync(email))!;
        var demo = Assert.Single(lead.Events);
        Assert.Equal(("/demo", EngagementEventType.DemoRequest), (demo.Detail, demo.Type));
        Assert.InRange(demo.OccurredAt, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.True(lead.EngagementScore > 0);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(Actor.System.UserId, Assert.Single(lead.Decisions, d => d.Verb == LifecycleVerb.Promote).ActorId);
    }

    [Theory]
    [InlineData(0, "Send at least one event.")]
    [InlineData(1001, "A batch holds at most 1,000 events; this one has 1,001.")]
    public async Task An_empty_or_oversized_batch_is_400_and_nothing_is_recorded(int count, string expected)
    {
        var (client, id, email) = await LeadAsync();
        var items = string.Join(",", Enumerable.Repeat($$"""{"lead_id": {{id}}, "type": "page_visit"}""", count));

        var response = await client.PostAsync("/api/events", Json($"[{items}]"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("$")[0].GetString());
        Assert.Empty((await app.FindLeadAsync(email))!.Events);
    }

    [Fact]
    public async Task A_full_batch_of_a_thousand_events_is_recorded()
    {
        var (client, id, _) = await LeadAsync();
        var items = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"lead_id": {{id}}, "type": "page_visit", "detail": "/blog/{{i}}"}"""));

        var response = await client.PostAsync("/api/events", Json($"[{items}]"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, (await response.ReadJsonAsync()).GetProperty("recorded").GetInt32());
        Assert.Equal(1000, await app.QueryAsync(db => db.EngagementEvents.CountAsync(e => e.LeadId == id)));
    }

    [Fact]
    public async Task A_body_that_is_neither_an_object_nor_an_array_is_400()
    {
        var (client, _, _) = await LeadAsync();

        var response = await client.PostAsync("/api/events", Json("42"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The body must be an event object or an array of them, not a number.",
            (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("$")[0].GetString());
    }

    [Fact]
    public async Task Events_need_a_key_too()
    {
        var response = await app.Client().PostAsync("/api/events", Json("""{"email": "a@acme.com", "type": "page_visit"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
