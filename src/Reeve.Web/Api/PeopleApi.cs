using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;
using Reeve.People;
using Reeve.Persistence;
using Reeve.Web.Features.PersonCasework;
using Reeve.Web.Security;

namespace Reeve.Web.Api;

/// <summary>The people casework API: income and expenditure taken from another system or a form of the council's own.</summary>
public static class PeopleApi
{
    public sealed record IncomeAndExpenditureJson(
        long Id, long PartyId, string TakenOn, string TakenBy, Money TotalIncome, Money TotalExpenditure, Money DisposableIncome,
        IReadOnlyList<FlagJson> Flags);

    public sealed record FlagJson(string Code, string Message);

    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1").RequireAuthorization().WithTags("Reeve")
            .MapPost("/people/{id}/income-and-expenditure", TakeIncomeAndExpenditureAsync)
            .RequireAuthorization(Authentication.CanChangePolicy)
            .AddEndpointFilter(async (context, next) =>
                string.Equals(context.HttpContext.Request.Headers[ReeveApi.ApiHeader], "1", StringComparison.Ordinal)
                    ? await next(context)
                    : ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, ReeveApi.ApiHeader, $"Send the header {ReeveApi.ApiHeader}: 1 with every API change."))
            .Accepts<JsonObject>("application/json")
            .WithName("TakeIncomeAndExpenditure");
        return endpoints;
    }

    /// <summary>
    /// The body is the `affordability` calculator's input (shared/contracts.md) with an optional <c>takenOn</c> date, so a
    /// statement is refused for the same reasons and in the same words as the calculator refuses it, naming the field.
    /// </summary>
    private static async Task<IResult> TakeIncomeAndExpenditureAsync(
        string id, HttpContext http, CaseworkCommand casework, ReeveDatabase db, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var partyId) || partyId < 1)
        {
            return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, "id", "A person's id is a whole number");
        }

        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, "$", "The body must be one JSON object in the shape of the affordability calculator's input");
        }

        Budget budget;
        var takenOn = casework.Today;
        try
        {
            budget = AffordabilityCalculator.ReadBudget(body);
            if (body["takenOn"] is not null)
            {
                takenOn = new JsonInput(body).Date("takenOn");
            }
        }
        catch (CalculatorInputException e)
        {
            return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, e.Field, e.Message);
        }

        var outcome = await casework.RunAsync(http, partyId, "API: income and expenditure taken",
            (c, tx, council, officer) => IncomeAndExpenditureStore.RecordAsync(c, tx, council, partyId, takenOn, budget, officer, casework.Now), ct);
        switch (outcome)
        {
            case Outcome<IncomeAndExpenditure>.Done done:
                await using (var connection = await db.OpenAsync(ct))
                {
                    var guidelines = await SpendingGuidelineStore.InForceOnAsync(connection, http.User.CouncilId(), takenOn);
                    var result = Affordability.Assess(budget, guidelines);
                    var ie = done.Value;
                    return TypedResults.Created($"/people/{partyId}#income-and-expenditure", new IncomeAndExpenditureJson(
                        ie.Id, partyId, ie.TakenOn.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), ie.TakenBy, result.TotalIncome,
                        result.TotalExpenditure, result.DisposableIncome,
                        result.Flags.Select(f => new FlagJson(f.Code, f.Message)).ToList()));
                }

            case Outcome<IncomeAndExpenditure>.NotFound:
                return ReeveApi.NotFound("id", $"There is no person {partyId} in this council");
            case Outcome<IncomeAndExpenditure>.Invalid invalid:
                return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, invalid.Field, invalid.Message);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }
}
