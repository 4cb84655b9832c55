namespace LeadDesk.App.Api;

/// <summary>
/// Every refusal of the HTTP API as RFC 7807 problem details (<c>application/problem+json</c>), so that a caller
/// always gets a body it can read, whatever went wrong.
/// </summary>
internal static class ApiProblems
{
    /// <summary>The key for a problem with the body as a whole rather than one of its fields (as ASP.NET Core names it).</summary>
    public const string Body = "$";

    public static IResult Validation(IDictionary<string, string[]> errors, string title) =>
        TypedResults.ValidationProblem(errors, title: title);

    public static IResult Validation(string field, string message, string title) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, title);

    public static IResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.",
            detail: $"This endpoint accepts at most {limit:N0} bytes.");

    public static IResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid API key is required.", detail: detail);

    public static IResult TooManyRequests(int? retryAfterSeconds) =>
        TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests for this API key.",
            detail: retryAfterSeconds is { } seconds ? $"Try again in {seconds} s." : "Try again later.");

    public static IResult Unexpected() =>
        TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Something went wrong on our side.",
            detail: "Nothing was saved. Try again; if it keeps failing, tell the LeadDesk operator.");

    /// <summary>For a status that the pipeline set without a body (404 for an unknown path, 405 for a wrong method, 415 for a body that is not JSON).</summary>
    public static IResult ForStatus(int status) => TypedResults.Problem(statusCode: status);
}
