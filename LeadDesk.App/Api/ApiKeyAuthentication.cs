using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using LeadDesk.Domain.Intake;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LeadDesk.App.Api;

/// <summary>
/// The <c>X-Api-Key</c> authentication scheme of the HTTP API. Only the API's endpoints use it (their policy names it),
/// so a call without a key is answered 401 with problem details, never redirected to the sign-in page as the cookie
/// scheme would do for the Blazor pages.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string Policy = "ApiClient";

    private const string KeyIdClaim = "leaddesk:api-key-id";
    private const string ChannelClaim = "leaddesk:api-key-channel";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var check = await keys.AuthenticateAsync(Request.Headers[Header].ToString(), Context.RequestAborted);
        switch (check.Result)
        {
            case ApiKeyCheckResult.Valid:
                var client = check.Client!;
                var claims = new List<Claim>
                {
                    new(ClaimTypes.NameIdentifier, client.Origin.Actor.UserId),
                    new(ClaimTypes.Name, client.Name),
                    new(KeyIdClaim, client.KeyId.ToString(CultureInfo.InvariantCulture)),
                };
                if (client.Channel is not null) claims.Add(new Claim(ChannelClaim, client.Channel));
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
            case ApiKeyCheckResult.Missing:
                return AuthenticateResult.NoResult();
            case ApiKeyCheckResult.Revoked:
                return AuthenticateResult.Fail("This API key has been revoked. Ask a LeadDesk manager for a new one.");
            default:
                return AuthenticateResult.Fail("This API key is not valid.");
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? $"Send your API key in the {Header} header.";
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        await ApiProblems.Unauthorized(detail).ExecuteAsync(Context);
    }

    /// <summary>The client a signed-in API principal stands for.</summary>
    public static ApiClient ClientOf(ClaimsPrincipal user) => new(
        int.Parse(user.FindFirstValue(KeyIdClaim) ?? throw new InvalidOperationException("The caller is not an API client."), CultureInfo.InvariantCulture),
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        user.FindFirstValue(ChannelClaim));

    /// <summary>The rate limit's partition: the key's id.</summary>
    public static string? KeyIdOf(ClaimsPrincipal user) => user.FindFirstValue(KeyIdClaim);
}
