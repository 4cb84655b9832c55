using System.Net.Http.Json;
using LeadDesk.Domain.Identity;
using LeadDesk.Domain.Intake;
using LeadDesk.Domain.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Tests.Api;

/// <summary>
/// The real LeadDesk app in memory (WebApplicationFactory) without demo data, over a fresh SQLite file that it migrates
/// at start as a real start does — or, in the PostgreSQL pass (<see cref="TestDatabase.IsPostgreSql"/>), over a new
/// database of its own on that server. Tests make their own API keys through the app's <see cref="ApiKeyService"/>.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    public static readonly Caller Manager = new("manager-1", "Maria Manager", new HashSet<string> { Roles.Manager });

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "leaddesk-api-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _settings;
    private Factory? _factory;
    private TestDatabase? _postgres;

    public ApiHost() : this(new Dictionary<string, string> { ["Api:RateLimit:PermitLimit"] = "100000" }) { }

    protected ApiHost(Dictionary<string, string> settings) => _settings = settings;

    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        string provider, database;
        if (TestDatabase.IsPostgreSql)
        {
            _postgres = await TestDatabase.CreateAsync();
            (provider, database) = (DatabaseOptions.PostgreSql, _postgres.ConnectionString);
        }
        else
        {
            (provider, database) = (DatabaseOptions.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "leaddesk.db") }.ToString());
        }
        _factory = new Factory(new Dictionary<string, string>(_settings)
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = database,
            // Uploads have no SQLite file to sit beside on PostgreSQL; keep them in this host's folder either way.
            ["Import:Folder"] = Path.Combine(_folder, "imports"),
            ["Demo:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Bad requests are what these tests send: keep the framework's 4xx logging out of the output.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        });
        _ = _factory.Server; // starts the app: migrations run here
    }

    /// <summary>A client that does not follow redirects, so a redirect to the sign-in page would show as one.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = _factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>A new key; its name is made unique so that tests sharing the app never collide.</summary>
    public async Task<CreatedApiKey> CreateKeyAsync(string name = "website form", string? channel = "Website")
    {
        var keys = Services.GetRequiredService<ApiKeyService>();
        var unique = $"{name} {Guid.NewGuid():N}";
        return await keys.CreateAsync(Manager, unique[..Math.Min(unique.Length, ApiKey.NameMaxLength)], channel);
    }

    public async Task<T> QueryAsync<T>(Func<LeadDeskDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<LeadDeskDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public Task<Lead?> FindLeadAsync(string email) =>
        QueryAsync(db => db.Leads.Include(l => l.Decisions).Include(l => l.Events)
            .SingleOrDefaultAsync(l => l.EmailNormalized == LeadProfile.NormalizeEmail(email)));

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* the OS cleans its temp folder */ }
    }

    private sealed class Factory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }
}

/// <summary>The same app with a per-key limit of three calls a minute.</summary>
public sealed class RateLimitedApiHost() : ApiHost(new Dictionary<string, string>
{
    ["Api:RateLimit:PermitLimit"] = "3",
    ["Api:RateLimit:WindowSeconds"] = "60",
});

internal static class ApiJson
{
    public static HttpContent Json(string json, string contentType = "application/json") =>
        new StringContent(json, System.Text.Encoding.UTF8, contentType);

    public static async Task<System.Text.Json.JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
}
