using System.Net;
using static LeadDesk.Tests.Api.ApiJson;

namespace LeadDesk.Tests.Api;

/// <summary>The per-key rate limit from appsettings.json (here three calls a minute).</summary>
public sealed class RateLimitApiTests(RateLimitedApiHost app) : IClassFixture<RateLimitedApiHost>
{
    [Fact]
    public async Task Past_the_limit_a_key_gets_429_with_Retry_After_while_another_key_goes_on()
    {
        var busy = app.Client((await app.CreateKeyAsync("busy form")).PlainKey);
        var quiet = app.Client((await app.CreateKeyAsync("quiet form")).PlainKey);

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await busy.PostAsync("/api/leads", Json($$"""{"email": "busy{{i}}-{{Guid.NewGuid():N}}@acme.com"}"""))).StatusCode);
        var email = $"over-{Guid.NewGuid():N}@acme.com";
        var refused = await busy.PostAsync("/api/leads", Json($$"""{"email": "{{email}}"}"""));
        var events = await busy.PostAsync("/api/events", Json("""{"email": "busy@acme.com", "type": "page_visit"}"""));
        var other = await quiet.PostAsync("/api/leads", Json($$"""{"email": "quiet-{{Guid.NewGuid():N}}@acme.com"}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Null(await app.FindLeadAsync(email));
        Assert.Equal(HttpStatusCode.TooManyRequests, events.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task Calls_without_a_valid_key_do_not_use_up_anyone_s_permits()
    {
        var key = await app.CreateKeyAsync("fresh form");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client("ld_wrong-key-wrong-key-wrong-key-wrong-key-wrong").PostAsync("/api/leads", Json("{}"))).StatusCode);

        var response = await app.Client(key.PlainKey).PostAsync("/api/leads", Json($$"""{"email": "fresh-{{Guid.NewGuid():N}}@acme.com"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
