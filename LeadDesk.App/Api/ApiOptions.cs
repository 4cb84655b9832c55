namespace LeadDesk.App.Api;

/// <summary>The <c>Api</c> section of appsettings.json: body size limits and the per-key rate limit of the HTTP API.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest body accepted by <c>POST /api/leads</c>, in bytes; past it the answer is 413.</summary>
    public long MaxLeadBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body accepted by <c>POST /api/events</c>, in bytes: room for a full batch of 1,000 events.</summary>
    public long MaxEventsBodyBytes { get; set; } = 2 * 1024 * 1024;

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Each API key may make <see cref="PermitLimit"/> calls per <see cref="WindowSeconds"/>; past that, 429 with Retry-After.</summary>
    public sealed class RateLimitOptions
    {
        public int PermitLimit { get; set; } = 600;
        public int WindowSeconds { get; set; } = 60;
    }
}
