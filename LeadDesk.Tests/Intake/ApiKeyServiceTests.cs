using System.Security.Cryptography;
using System.Text;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Tests.Intake;

/// <summary>API keys: managers create, list and revoke them; only a hash is kept; a revoked or wrong key is refused.</summary>
public sealed class ApiKeyServiceTests : IAsyncLifetime
{
    private static readonly Caller Manager = new("manager-1", "Maria Manager", new HashSet<string> { Roles.Manager });
    private static readonly Caller Marketer = new("marketer-1", "Marta Marketing", new HashSet<string> { Roles.Marketing });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Leads.Now));
    private TestDatabase _database = default!;
    private ApiKeyService _keys = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_clock);
        _keys = new ApiKeyService(_database.Contexts, _clock);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_manager_gets_the_key_once_and_only_its_hash_and_prefix_are_stored()
    {
        var created = await _keys.CreateAsync(Manager, " website form ", " Website ");

        Assert.StartsWith("ld_", created.PlainKey);
        Assert.Equal(46, created.PlainKey.Length);
        Assert.Equal(new ApiKeyRow(created.Key.Id, "website form", "Website", created.PlainKey[..11], "Maria Manager", Leads.Now, null, null, null), created.Key);

        // Every column of the row, as the database holds it: the hash is there, the key and its secret part nowhere.
        await using var db = _database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"ApiKeys\"";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var cells = Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue).ToList();
        var secret = created.PlainKey[11..];
        Assert.DoesNotContain(cells.OfType<string>(), cell => cell.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(cells.OfType<byte[]>(), cell => cell.SequenceEqual(SHA256.HashData(Encoding.UTF8.GetBytes(created.PlainKey))));
        Assert.DoesNotContain(cells.OfType<byte[]>(), cell => Encoding.UTF8.GetString(cell).Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_keys_are_never_alike()
    {
        var keys = new List<string>();
        for (var i = 0; i < 20; i++) keys.Add((await _keys.CreateAsync(Manager, $"form {i}", null)).PlainKey);

        Assert.Equal(20, keys.Distinct().Count());
    }

    [Fact]
    public async Task The_key_authenticates_as_its_client_and_records_its_use_to_the_minute()
    {
        var created = await _keys.CreateAsync(Manager, "webinar tool", "Webinar");

        var check = await _keys.AuthenticateAsync(created.PlainKey);

        Assert.Equal(ApiKeyCheckResult.Valid, check.Result);
        Assert.Equal(new ApiClient(created.Key.Id, "webinar tool", "Webinar"), check.Client);
        Assert.Equal(new IntakeOrigin(new Actor($"api-key:{created.Key.Id}", "API: webinar tool"), "API: webinar tool"), check.Client!.Origin);
        Assert.Equal(Leads.Now, (await ListOneAsync()).LastUsedAt);

        _clock.Advance(TimeSpan.FromSeconds(30));
        await _keys.AuthenticateAsync(created.PlainKey);
        Assert.Equal(Leads.Now, (await ListOneAsync()).LastUsedAt); // within the minute: no write

        _clock.Advance(TimeSpan.FromSeconds(31));
        await _keys.AuthenticateAsync(created.PlainKey);
        Assert.Equal(Leads.Now.AddSeconds(61), (await ListOneAsync()).LastUsedAt);
    }

    [Fact]
    public async Task A_missing_unknown_or_altered_key_is_refused()
    {
        var created = await _keys.CreateAsync(Manager, "website form", null);
        var altered = created.PlainKey[..^2] + (created.PlainKey[^2..] == "AA" ? "BB" : "AA");

        Assert.Equal(ApiKeyCheckResult.Missing, (await _keys.AuthenticateAsync(null)).Result);
        Assert.Equal(ApiKeyCheckResult.Missing, (await _keys.AuthenticateAsync("  ")).Result);
        Assert.Equal(ApiKeyCheckResult.Unknown, (await _keys.AuthenticateAsync(altered)).Result);
        Assert.Equal(ApiKeyCheckResult.Unknown, (await _keys.AuthenticateAsync("ld_")).Result);
        Assert.Equal(ApiKeyCheckResult.Unknown, (await _keys.AuthenticateAsync(created.PlainKey[3..])).Result);
        Assert.Equal(ApiKeyCheckResult.Unknown, (await _keys.AuthenticateAsync(created.PlainKey + new string('x', 200))).Result);
        Assert.Null((await ListOneAsync()).LastUsedAt);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_listed_as_revoked_by_whom_and_when()
    {
        var created = await _keys.CreateAsync(Manager, "website form", null);
        Assert.Equal(ApiKeyCheckResult.Valid, (await _keys.AuthenticateAsync(created.PlainKey)).Result); // trusted from memory for a while
        _clock.Advance(TimeSpan.FromSeconds(1));

        var revoked = await _keys.RevokeAsync(Manager, created.Key.Id);

        Assert.Equal((Leads.Now.AddSeconds(1), "Maria Manager"), (revoked.RevokedAt, revoked.RevokedByName));
        Assert.True(revoked.IsRevoked);
        Assert.Equal(ApiKeyCheck.Revoked, await _keys.AuthenticateAsync(created.PlainKey)); // within the reuse window, still refused
        var again = await Assert.ThrowsAsync<DomainException>(() => _keys.RevokeAsync(Manager, created.Key.Id));
        Assert.Equal("ApiKeyRevoked", again.Code);
        Assert.Equal("ApiKeyNotFound", (await Assert.ThrowsAsync<DomainException>(() => _keys.RevokeAsync(Manager, 999))).Code);
    }

    [Fact]
    public async Task The_list_shows_active_keys_first_newest_first()
    {
        var old = await _keys.CreateAsync(Manager, "old form", null);
        _clock.Advance(TimeSpan.FromDays(1));
        await _keys.CreateAsync(Manager, "newer form", null);
        _clock.Advance(TimeSpan.FromDays(1));
        var newest = await _keys.CreateAsync(Manager, "newest form", null);
        await _keys.RevokeAsync(Manager, newest.Key.Id);

        Assert.Equal(["newer form", "old form", "newest form"], (await _keys.ListAsync(Manager)).Select(k => k.Name));
        Assert.Equal(old.Key.Prefix, (await _keys.ListAsync(Manager))[1].Prefix);
    }

    [Fact]
    public async Task Only_managers_may_create_list_or_revoke_keys()
    {
        var created = await _keys.CreateAsync(Manager, "website form", null);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _keys.CreateAsync(Marketer, "mine", null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _keys.ListAsync(Marketer));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _keys.RevokeAsync(Marketer, created.Key.Id));
        Assert.False((await ListOneAsync()).IsRevoked);
        await using var db = _database.NewContext();
        Assert.Equal(1, await db.ApiKeys.CountAsync());
    }

    [Theory]
    [InlineData("", null, "NameRequired")]
    [InlineData("   ", null, "NameRequired")]
    [InlineData("website form", null, "ApiKeyNameTaken")]
    [InlineData("x", "channel that is far too long", "ChannelTooLong")]
    public async Task A_key_needs_a_free_name_and_a_channel_of_sensible_length(string name, string? channel, string code)
    {
        await _keys.CreateAsync(Manager, "website form", null);
        if (channel is not null) channel = new string('c', LeadProfile.TextMaxLength + 1);

        var refused = await Assert.ThrowsAsync<DomainException>(() => _keys.CreateAsync(Manager, name, channel));

        Assert.Equal(code, refused.Code);
        await using var db = _database.NewContext();
        Assert.Equal(1, await db.ApiKeys.CountAsync());
    }

    [Fact]
    public async Task A_revoked_key_frees_its_name_and_long_names_are_refused()
    {
        var first = await _keys.CreateAsync(Manager, "website form", null);
        await _keys.RevokeAsync(Manager, first.Key.Id);

        var second = await _keys.CreateAsync(Manager, "website form", null);

        Assert.NotEqual(first.PlainKey, second.PlainKey);
        Assert.Equal("NameTooLong", (await Assert.ThrowsAsync<DomainException>(() => _keys.CreateAsync(Manager, new string('n', 101), null))).Code);
    }

    private async Task<ApiKeyRow> ListOneAsync() => Assert.Single(await _keys.ListAsync(Manager));
}
