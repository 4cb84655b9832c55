using System.Net;
using System.Text;
using CsCheck;
using LeadDesk.Domain.Intake;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Tests.Api;

/// <summary>
/// Whatever bytes arrive, the API answers with a status meant for the caller (never 500), and a lead is either written
/// whole (validated, scored) or not at all.
/// </summary>
public sealed class MalformedBodyPropertyTests(ApiHost app) : IClassFixture<ApiHost>
{
    private const long Iterations = 1_000;

    // ---- generators: broken bytes, broken JSON, and well-formed JSON with the wrong shapes and values --------------

    private static readonly string[] LeadFields =
        ["email", "first_name", "last_name", "phone", "job_title", "seniority", "department", "company", "company_size",
         "industry", "country", "annual_revenue", "source", "utm_source", "utm_medium", "utm_campaign"];

    private static readonly string[] EventFields = ["email", "lead_id", "type", "occurred_at", "detail"];

    private static readonly Gen<string> JsonValue = Gen.OneOf(
        Gen.OneOf("null", "true", "false", "0", "-1", "250", "1e400", "-0.5", "9223372036854775808", "2147483648", "[]", "{}",
            "[1, \"a\", null]", "{\"nested\": {\"deeper\": [1, 2, 3]}}"),
        Gen.OneOf("\"\"", "\"  \"", "\"ana@acme.com\"", "\"ANA@ACME.COM\"", "\"ana@\"", "\"vice_president\"", "\"VicePresident\"",
            "\"boss\"", "\"BR\"", "\"Brazil\"", "\"demo_request\"", "\"2026-11-23T10:00:00Z\"", "\"2999-01-01T00:00:00Z\"",
            "\"yesterday\"", "\"\\uD800\"", "\"2026-11-23T10:00:00Z\\udc00\"", "\"vice_president\\ud800\"", "\"\\u0000\"", "\"a\\\"b\"", "\"\\ud83d\\ude00\""),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Char['\u0001', '\uFFFF'].Array[0, 300].Select(chars => System.Text.Json.JsonSerializer.Serialize(new string(chars))));

    private static Gen<string> ObjectOf(string[] fields) =>
        Gen.Select(Gen.OneOf(fields).Array[0, 8], JsonValue.Array[8], Gen.Bool,
            (names, values, withEmail) =>
            {
                var members = names.Select((name, i) => $"\"{name}\": {values[i]}").ToList();
                if (withEmail) members.Insert(0, "\"email\": \"prop@acme.com\"");
                return "{" + string.Join(", ", members) + "}";
            });

    /// <summary>A well-formed body, then maybe cut short, or with a character dropped or inserted.</summary>
    private static Gen<string> Mangled(Gen<string> json) =>
        Gen.Select(json, Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Char[' ', '~'], (body, how, at, c) =>
        {
            if (body.Length == 0) return body;
            var i = at % body.Length;
            return how switch
            {
                0 => body,
                1 => body[..i],
                2 => body.Remove(i, 1),
                _ => body.Insert(i, c.ToString()),
            };
        });

    private static Gen<byte[]> Bodies(Gen<string> shaped) => Gen.Frequency(
        (1, Gen.Byte.Array[0, 200]),
        (1, Gen.Char["{}[]\":,.-+eE0123456789 abtrufnl\\"].Array[0, 120].Select(c => Encoding.UTF8.GetBytes(new string(c)))),
        (1, Gen.OneOf(Enumerable.Range(0, 40).Select(depth => new string('[', depth) + new string(']', depth)).ToArray()).Select(Encoding.UTF8.GetBytes)),
        (5, Mangled(shaped).Select(Encoding.UTF8.GetBytes)));

    private static readonly Gen<byte[]> LeadBodies = Bodies(ObjectOf(LeadFields));

    private static readonly Gen<byte[]> EventBodies = Bodies(Gen.OneOf(
        ObjectOf(EventFields),
        ObjectOf(EventFields).Array[0, 5].Select(items => "[" + string.Join(",", items) + "]")));

    private static readonly HashSet<HttpStatusCode> Expected = [HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.BadRequest];

    [Fact]
    public async Task Random_lead_bodies_never_get_a_500_and_leave_only_whole_leads()
    {
        var key = await app.CreateKeyAsync("property lead form", "Property");
        var client = app.Client(key.PlainKey);
        var created = 0;

        await LeadBodies.SampleAsync(async body =>
        {
            var response = await client.PostAsync("/api/leads", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
            Assert.Contains(response.StatusCode, Expected);
            Assert.Contains("json", response.Content.Headers.ContentType?.MediaType);
            if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref created);
        }, iter: Iterations, threads: 1, print: Encoding.UTF8.GetString);

        var leads = await app.QueryAsync(db => db.Leads.Where(l => l.IntakeSource == $"API: {key.Key.Name}").ToListAsync());
        Assert.Equal(created, leads.Count);
        Assert.All(leads, lead =>
        {
            Assert.Empty(lead.Profile.Validate());
            Assert.NotNull(lead.ScoreModelVersion);
        });
    }

    [Fact]
    public async Task Random_event_bodies_never_get_a_500()
    {
        var key = await app.CreateKeyAsync("property event feed", "Property");
        var client = app.Client(key.PlainKey);
        await client.PostAsync("/api/leads", new StringContent("""{"email": "prop@acme.com"}""", Encoding.UTF8, "application/json"));

        await EventBodies.SampleAsync(async body =>
        {
            var response = await client.PostAsync("/api/events", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
            Assert.Contains(response.StatusCode, Expected);
            Assert.Contains("json", response.Content.Headers.ContentType?.MediaType);
        }, iter: Iterations, threads: 1, print: Encoding.UTF8.GetString);

        var problems = await app.QueryAsync(db => db.EngagementEvents.Where(e => e.Detail != null && e.Detail.Length > EngagementEvent.DetailMaxLength).CountAsync());
        Assert.Equal(0, problems);
    }
}
