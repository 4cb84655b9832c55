using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LeadDesk.Domain.Intake;

/// <summary>
/// A credential another system uses to send leads and events: one per source ("website form", "webinar tool"). Only
/// the SHA-256 hash of the key is kept, with its first characters (<see cref="Prefix"/>) to find it and to show it.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 11; // "ld_" and eight characters of the secret

    private ApiKey() { }

    internal ApiKey(string name, string? channel, string prefix, byte[] hash, Actor createdBy, DateTime createdAt)
    {
        Name = name;
        Channel = channel;
        Prefix = prefix;
        Hash = hash;
        CreatedById = createdBy.UserId;
        CreatedByName = createdBy.Name;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Written to <see cref="Lead.Source"/> of a lead whose body names no source; null: left empty.</summary>
    public string? Channel { get; private set; }
    /// <summary>The key's first <see cref="PrefixLength"/> characters: not secret, enough to find the row and to recognise the key.</summary>
    public string Prefix { get; private set; } = "";
    /// <summary>SHA-256 of the whole key (UTF-8). The key itself is never stored.</summary>
    public byte[] Hash { get; private set; } = [];
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedById { get; private set; }
    public string? RevokedByName { get; private set; }
    /// <summary>UTC, to the minute (<see cref="ApiKeyService.LastUsedPrecision"/>), so that a busy key does not write on every call.</summary>
    public DateTime? LastUsedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    internal void Revoke(Actor by, DateTime at)
    {
        if (IsRevoked)
            throw new DomainException($"The key \"{Name}\" was already revoked by {RevokedByName}.", "ApiKeyRevoked", Name, RevokedByName, RevokedAt);
        RevokedAt = at;
        RevokedById = by.UserId;
        RevokedByName = by.Name;
    }
}

/// <summary>An API key as the administration screen lists it: everything but the hash.</summary>
public sealed record ApiKeyRow(
    int Id, string Name, string? Channel, string Prefix, string CreatedByName, DateTime CreatedAt,
    DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedByName)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A key just created: <see cref="PlainKey"/> exists only in this answer and is never shown again.</summary>
public sealed record CreatedApiKey(ApiKeyRow Key, string PlainKey);

/// <summary>Who is calling, once a key has been checked: what the intake records and where leads without a source go.</summary>
public sealed record ApiClient(int KeyId, string Name, string? Channel)
{
    /// <summary>The timeline and the lead's intake source name the key: "API: website form".</summary>
    public IntakeOrigin Origin => new(new Actor($"api-key:{KeyId}", $"API: {Name}"), $"API: {Name}");
}

/// <summary>
/// Managers create, list and revoke API keys; the HTTP API authenticates every call with <see cref="AuthenticateAsync"/>.
/// A key is "ld_" followed by 43 characters of base64url (32 random bytes); it is returned once by <see cref="CreateAsync"/>.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<LeadDeskDbContext> contexts, TimeProvider clock)
{
    public const string KeyStart = "ld_";

    /// <summary>Last use is recorded at most this often per key: one small write a minute, not one per call.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a key found valid is trusted without reading the database again, so that a busy key costs no query per
    /// call. Revoking through this service forgets the key at once; the app is the only writer of keys (one SQLite node).
    /// </summary>
    public static readonly TimeSpan ValidKeyReuse = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ApiClient Client, DateTime CheckedAt)> _recentlyValid = new(StringComparer.Ordinal);

    private const int SecretBytes = 32;
    private const int MaxKeyLength = 128;

    /// <summary>Creates a key named <paramref name="name"/>. Managers only; the name must be unique among active keys.</summary>
    public async Task<CreatedApiKey> CreateAsync(Caller caller, string name, string? channel, CancellationToken cancellationToken = default)
    {
        caller.Require("create API keys", Roles.Manager);
        name = name?.Trim() ?? "";
        channel = string.IsNullOrWhiteSpace(channel) ? null : channel.Trim();
        if (name.Length == 0) throw new DomainException("A name is required.", "NameRequired");
        if (name.Length > ApiKey.NameMaxLength)
            throw new DomainException($"A name must be at most {ApiKey.NameMaxLength} characters.", "NameTooLong", ApiKey.NameMaxLength);
        if (channel is { Length: > LeadProfile.TextMaxLength })
            throw new DomainException($"A channel name must be at most {LeadProfile.TextMaxLength} characters.", "ChannelTooLong", LeadProfile.TextMaxLength);

        var plainKey = KeyStart + Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One transaction (SQLite: BEGIN IMMEDIATE) so two managers cannot both take the same name.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken))
            throw new DomainException($"An active key is already named \"{name}\".", "ApiKeyNameTaken", name);
        var key = new ApiKey(name, channel, plainKey[..ApiKey.PrefixLength], HashOf(plainKey), caller.Actor, clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedApiKey(ToRow(key), plainKey);
    }

    /// <summary>Every key, active ones first, newest first. Managers only.</summary>
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.Require("see API keys", Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return keys.OrderBy(k => k.IsRevoked).ThenByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Select(ToRow).ToList();
    }

    /// <summary>Revokes a key at once: the next call made with it is refused. Managers only; a key is revoked once.</summary>
    public async Task<ApiKeyRow> RevokeAsync(Caller caller, int keyId, CancellationToken cancellationToken = default)
    {
        caller.Require("revoke API keys", Roles.Manager);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken)
                  ?? throw new DomainException($"API key {keyId} does not exist.", "ApiKeyNotFound", keyId);
        key.Revoke(caller.Actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var entry in _recentlyValid.Where(e => e.Value.Client.KeyId == keyId)) _recentlyValid.TryRemove(entry);
        return ToRow(key);
    }

    /// <summary>
    /// The client that <paramref name="plainKey"/> belongs to, or why it is refused. The hash is compared in constant
    /// time; a revoked key is refused. Records the use (to the minute) when the last one is older than that. A key found
    /// valid less than <see cref="ValidKeyReuse"/> ago is answered from memory.
    /// </summary>
    public async Task<ApiKeyCheck> AuthenticateAsync(string? plainKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(plainKey)) return ApiKeyCheck.Missing;
        plainKey = plainKey.Trim();
        if (plainKey.Length < ApiKey.PrefixLength || plainKey.Length > MaxKeyLength || !plainKey.StartsWith(KeyStart, StringComparison.Ordinal))
            return ApiKeyCheck.Unknown;

        var prefix = plainKey[..ApiKey.PrefixLength];
        var hash = HashOf(plainKey);
        var now = clock.GetUtcNow().UtcDateTime;
        var cacheKey = Convert.ToHexString(hash);
        if (_recentlyValid.TryGetValue(cacheKey, out var recent) && now - recent.CheckedAt < ValidKeyReuse)
            return new ApiKeyCheck(ApiKeyCheckResult.Valid, recent.Client);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Select(k => new { k.Id, k.Name, k.Channel, k.Hash, k.RevokedAt, k.LastUsedAt })
            .ToListAsync(cancellationToken);
        var key = candidates.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(k.Hash, hash));
        if (key is null) return ApiKeyCheck.Unknown;
        if (key.RevokedAt is not null) return ApiKeyCheck.Revoked;

        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedPrecision)
        {
            var stale = now - LastUsedPrecision;
            // Conditional, so that of many calls in the same minute one writes and the others find nothing to do.
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= stale))
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }
        var client = new ApiClient(key.Id, key.Name, key.Channel);
        _recentlyValid[cacheKey] = (client, now);
        return new ApiKeyCheck(ApiKeyCheckResult.Valid, client);
    }

    internal static byte[] HashOf(string plainKey) => SHA256.HashData(Encoding.UTF8.GetBytes(plainKey));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiKeyRow ToRow(ApiKey k) =>
        new(k.Id, k.Name, k.Channel, k.Prefix, k.CreatedByName, k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.RevokedByName);
}

public enum ApiKeyCheckResult
{
    Valid = 0,
    /// <summary>No key was sent.</summary>
    Missing = 1,
    /// <summary>No key matches what was sent.</summary>
    Unknown = 2,
    Revoked = 3,
}

/// <summary>The answer of <see cref="ApiKeyService.AuthenticateAsync"/>: the client when valid.</summary>
public sealed record ApiKeyCheck(ApiKeyCheckResult Result, ApiClient? Client)
{
    public static readonly ApiKeyCheck Missing = new(ApiKeyCheckResult.Missing, null);
    public static readonly ApiKeyCheck Unknown = new(ApiKeyCheckResult.Unknown, null);
    public static readonly ApiKeyCheck Revoked = new(ApiKeyCheckResult.Revoked, null);
}
