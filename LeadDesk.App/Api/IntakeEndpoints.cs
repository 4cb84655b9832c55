using System.Text.Json;
using LeadDesk.Domain.Intake;
using LeadDesk.Domain.Leads;
using Microsoft.Extensions.Options;

namespace LeadDesk.App.Api;

/// <summary><c>POST /api/leads</c> and <c>POST /api/events</c>: leads and engagement from web forms and other tools.</summary>
internal static class IntakeEndpoints
{
    public static RouteGroupBuilder MapIntakeEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/leads", CaptureAsync)
            .WithName("CaptureLead")
            .WithSummary("Create a lead, or merge it into the lead with the same email")
            .WithDescription("""
                Creates the lead and scores it at once; a lead that meets the MQL definition enters the MQL queue.
                When a lead with the same email (ignoring case) exists, the new non-empty fields fill its empty ones,
                nothing is overwritten, and the merge is recorded on its timeline; a disqualified lead that comes back
                is flagged. A lead without `source` gets the API key's channel.
                """)
            .Accepts<LeadCaptureRequest>("application/json")
            .Produces<LeadCreatedResponse>(StatusCodes.Status201Created)
            .Produces<LeadMergedResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPost("/events", RecordEventsAsync)
            .WithName("RecordEvents")
            .WithSummary("Record engagement events: one, or a batch of up to 1,000")
            .WithDescription("""
                Each event names its lead by `lead_id` or `email`. Every item is answered on its own, in the order sent:
                `recorded`, `unknown_lead` (no such lead; nothing recorded for it) or `invalid` (with the problem).
                The good items are recorded together and the leads they touch are rescored; a lead whose score now
                meets the MQL definition enters the MQL queue.
                """)
            .Accepts<IReadOnlyList<EventRequest>>("application/json")
            .Produces<EventBatchResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<IResult> CaptureAsync(HttpContext http, LeadIntake intake, IOptionsMonitor<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(http.Request, options.CurrentValue.MaxLeadBodyBytes, cancellationToken);
        if (body.Refusal is not null) return body.Refusal;
        LeadRead lead;
        using (body.Document) lead = LeadRequestReader.Read(body.Document!.RootElement);
        if (!lead.IsValid) return ApiProblems.Validation(lead.Errors, "The lead has fields that are not valid.");

        var client = ApiKeyAuthenticationHandler.ClientOf(http.User);
        var profile = string.IsNullOrWhiteSpace(lead.Profile.Source) ? lead.Profile with { Source = client.Channel } : lead.Profile;
        CaptureResult result;
        try
        {
            result = await intake.CaptureAsync(profile, client.Origin, cancellationToken);
        }
        catch (DomainException ex)
        {
            return ApiProblems.Validation(ApiProblems.Body, ex.Message, "The lead could not be saved.");
        }

        if (result.Merge is not { } merge)
            return TypedResults.Created($"/leads/{result.LeadId}", new LeadCreatedResponse(result.LeadId));
        return TypedResults.Ok(new LeadMergedResponse(result.LeadId, true,
            merge.Filled.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToList(),
            // Field names only: the values a lead already has are not told to whoever holds a key; the timeline has them.
            merge.Conflicts.Select(c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.Field)).ToList(),
            merge.ReturnedAfterDisqualification));
    }

    private static async Task<IResult> RecordEventsAsync(
        HttpContext http, LeadIntake intake, TimeProvider clock, IOptionsMonitor<ApiOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(http.Request, options.CurrentValue.MaxEventsBodyBytes, cancellationToken);
        if (body.Refusal is not null) return body.Refusal;
        EventsRead batch;
        using (body.Document) batch = EventRequestReader.Read(body.Document!.RootElement, clock.GetUtcNow().UtcDateTime);
        if (batch.Errors is not null) return ApiProblems.Validation(batch.Errors, "The batch cannot be read.");

        var readable = batch.Items.Where(i => i.Event is not null).ToList();
        var answers = new EventItemResponse[batch.Items.Count];
        foreach (var item in batch.Items.Where(i => i.Event is null))
            answers[item.Index] = new EventItemResponse(item.Index, EventItemStatus.Invalid, null, item.Problem);
        if (readable.Count > 0)
        {
            var client = ApiKeyAuthenticationHandler.ClientOf(http.User);
            var results = await intake.RecordEventsAsync(readable.Select(i => i.Event!).ToList(), client.Origin, cancellationToken);
            foreach (var result in results)
            {
                var index = readable[result.Index].Index;
                answers[index] = new EventItemResponse(index, result.Status, result.LeadId, result.Problem);
            }
        }
        return TypedResults.Ok(new EventBatchResponse(
            answers.Count(a => a.Status == EventItemStatus.Recorded),
            answers.Count(a => a.Status == EventItemStatus.UnknownLead),
            answers.Count(a => a.Status == EventItemStatus.Invalid),
            answers));
    }
}
