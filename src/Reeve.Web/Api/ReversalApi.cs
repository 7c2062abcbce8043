using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Api;

/// <summary>Where a reversal asked for through the API stands: reversed now, or waiting for a second officer.</summary>
public sealed record ReversalJson(string Status, long? ReversalEntryId, long? RequestId, string Message);

/// <summary>
/// <c>POST /api/v1/accounts/{reference}/ledger/{entryId}/reversal</c> with <c>{"reason": "..."}</c>: the same handler as the
/// account page's Reverse (ReverseLedgerEntry), so the same approval limit and second officer hold. 200 when reversed,
/// 202 when it waits for a Team Leader or Manager at /payments/reversals.
/// </summary>
public static class ReversalApi
{
    public static IEndpointRouteBuilder MapReversalApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1").WithTags("Reeve")
            .MapPost("/accounts/{reference}/ledger/{entryId:long}/reversal", ReverseAsync)
            .RequireAuthorization(Authentication.CanChangePolicy)
            .AddEndpointFilter(ReeveApi.RequireApiHeader)
            .Accepts<JsonObject>("application/json")
            .Produces<ReversalJson>()
            .Produces<ReversalJson>(StatusCodes.Status202Accepted)
            .WithName("ReverseLedgerEntry");
        return endpoints;
    }

    private static async Task<IResult> ReverseAsync(string reference, long entryId, HttpContext http, ReeveDatabase db, IClock clock, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out var error))
        {
            return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, "reference", error);
        }

        string? reason;
        try
        {
            var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct) as JsonObject;
            reason = body?["reason"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, "$", "The body must be one JSON object: {\"reason\": \"Billed in error\"}");
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var request = new ReverseLedgerEntry.Request(http.User.CouncilId(), parsed, entryId, reason, http.User.OfficerUsername(), http.User.OfficerRole()!.Value,
            OfficerAudit.RemoteAddress(http));
        var outcome = await ReverseLedgerEntry.RequestAsync(connection, tx, request, UkTime.Today(clock), clock.GetCurrentInstant());
        if (outcome is Outcome<ReverseLedgerEntry.Result>.Done { Value: var done })
        {
            await tx.CommitAsync(ct);
            return done.Posted is { } posted
                ? TypedResults.Ok(new ReversalJson("reversed", posted.EntryId, null, done.Message))
                : TypedResults.Json(new ReversalJson("waiting-for-approval", null, done.WaitingRequestId, done.Message), statusCode: StatusCodes.Status202Accepted);
        }

        return outcome switch
        {
            Outcome<ReverseLedgerEntry.Result>.Invalid invalid => ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, invalid.Field, invalid.Message),
            Outcome<ReverseLedgerEntry.Result>.NotFound => ReeveApi.FieldProblem(StatusCodes.Status404NotFound, "entryId", $"There is no entry {entryId} on account {parsed} in this council"),
            Outcome<ReverseLedgerEntry.Result>.Conflict conflict => ReeveApi.FieldProblem(StatusCodes.Status409Conflict, "entryId", conflict.Message),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }
}
