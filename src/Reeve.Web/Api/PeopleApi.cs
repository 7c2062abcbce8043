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

    /// <summary>A new person or organisation: the same fields as the officers' "Add a person" form.</summary>
    public sealed record NewPartyJson(
        string? Kind, string? Title, string? Forenames, string? Surname, string? OrganisationName, string? DateOfBirth,
        NewAddressJson? Address, string? Email, string? Phone, bool NoneOfTheseIsTheSame = false);

    public sealed record NewAddressJson(string? Line1, string? Line2, string? Line3, string? Town, string? Postcode);

    public sealed record PossibleMatchJson(long PartyId, string Name, string? DateOfBirth, string? Address, int Score, string Reasons);

    /// <summary>
    /// Changes to a person or organisation on file, each part optional: <c>version</c> is the party's version as read (a
    /// stale one is refused with 409); a <c>name</c> is added to the name history from <c>effectiveFrom</c> with its
    /// <c>reason</c>; <c>contacts</c>, when sent, replace the current email and telephone; an <c>address</c> starts on
    /// <c>addressFrom</c> and ends the current one the day before.
    /// </summary>
    public sealed record ChangePartyJson(
        int Version, NameChangeJson? Name, string? DateOfBirth, bool ClearDateOfBirth, ContactsJson? Contacts, NewAddressJson? Address, string? AddressFrom);

    public sealed record NameChangeJson(string? Title, string? Forenames, string? Surname, string? OrganisationName, string? EffectiveFrom, string? Reason);

    public sealed record ContactsJson(string? Email, string? Phone);

    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1").RequireAuthorization().WithTags("Reeve")
            .MapPost("/people", AddPartyAsync)
            .RequireAuthorization(Authentication.CanChangePolicy)
            .AddEndpointFilter(async (context, next) =>
                string.Equals(context.HttpContext.Request.Headers[ReeveApi.ApiHeader], "1", StringComparison.Ordinal)
                    ? await next(context)
                    : ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, ReeveApi.ApiHeader, $"Send the header {ReeveApi.ApiHeader}: 1 with every API change."))
            .WithName("AddParty");
        endpoints.MapGroup("/api/v1").RequireAuthorization().WithTags("Reeve")
            .MapPatch("/people/{id:long}", ChangePartyAsync)
            .RequireAuthorization(Authentication.CanChangePolicy)
            .AddEndpointFilter(async (context, next) =>
                string.Equals(context.HttpContext.Request.Headers[ReeveApi.ApiHeader], "1", StringComparison.Ordinal)
                    ? await next(context)
                    : ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, ReeveApi.ApiHeader, $"Send the header {ReeveApi.ApiHeader}: 1 with every API change."))
            .WithName("ChangeParty");
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
    /// Adds a person or organisation after the likely-duplicate check: 409 with the possible matches unless the body says
    /// <c>noneOfTheseIsTheSame</c>; 201 with the new id; 400 naming the field for bad input.
    /// </summary>
    private static async Task<IResult> AddPartyAsync(
        NewPartyJson body, HttpContext http, ReeveDatabase db, Reeve.Web.Features.Auditing.OfficerAudit audit, NodaTime.IClock clock, CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        if (body.Kind is not ("person" or "organisation"))
        {
            return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, "kind", "Kind must be person or organisation");
        }

        NodaTime.LocalDate? born = null;
        if (!string.IsNullOrWhiteSpace(body.DateOfBirth))
        {
            var parsed = DateText.Iso.Parse(body.DateOfBirth);
            if (!parsed.Success)
            {
                return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, "dateOfBirth", "Date of birth must be a real date written as YYYY-MM-DD");
            }

            born = parsed.Value;
        }

        var isPerson = body.Kind == "person";
        var request = new RecordParty.Request(
            http.User.CouncilId(), isPerson ? PartyKind.Person : PartyKind.Organisation,
            isPerson ? NameParts.Person(body.Title, body.Forenames ?? "", body.Surname ?? "") : NameParts.Organisation(body.OrganisationName ?? ""),
            isPerson ? born : null, today,
            new[] { ("email", body.Email), ("phone", body.Phone) }.Where(c => !string.IsNullOrWhiteSpace(c.Item2)).Select(c => (c.Item1, c.Item2!)).ToList(),
            body.Address is { } a ? new RecordParty.PostalAddressInput(null, a.Line1 ?? "", a.Line2, a.Line3, a.Town ?? "", a.Postcode ?? "") : null);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await AddParty.HandleAsync(connection, tx, new AddParty.Request(request, body.NoneOfTheseIsTheSame), today, http.User.OfficerUsername(), clock.GetCurrentInstant());
        switch (result)
        {
            case AddParty.Result.Added added:
                var id = added.PartyId.ToString(CultureInfo.InvariantCulture);
                await audit.RecordAsync(http, connection, tx, "create", Reeve.Web.Features.Auditing.OfficerAudit.Subjects.Person, id, $"Added {request.Name.DisplayName}");
                await tx.CommitAsync(ct);
                return TypedResults.Created($"/api/v1/people/{id}", new { partyId = added.PartyId });
            case AddParty.Result.PossibleDuplicates possible:
                await audit.RecordAsync(http, connection, tx, Reeve.Officers.AuditTrail.Actions.Search, Reeve.Web.Features.Auditing.OfficerAudit.Subjects.Search, "",
                    $"Possible duplicates of a new {body.Kind}: {string.Join(", ", possible.Matches.Select(m => m.PartyId))}");
                await tx.CommitAsync(ct);
                return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "Possibly already on file",
                    Detail = "These may be the same; send noneOfTheseIsTheSame: true to add a new record anyway.",
                    Extensions =
                    {
                        ["matches"] = possible.Matches.Select(m => new PossibleMatchJson(
                            m.PartyId, m.Name, m.DateOfBirth is { } d ? DateText.Iso.Format(d) : null, m.Address, m.Score, m.Reasons)).ToList(),
                    },
                });
            case AddParty.Result.Invalid invalid:
                return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, invalid.Field, invalid.Message);
            default:
                throw new InvalidOperationException("Unknown result");
        }
    }

    /// <summary>Changes a person's or organisation's details (see <see cref="ChangePartyJson"/>): 200 with the new version and what changed.</summary>
    private static async Task<IResult> ChangePartyAsync(
        long id, ChangePartyJson body, HttpContext http, ReeveDatabase db, Reeve.Web.Features.Auditing.OfficerAudit audit, NodaTime.IClock clock, CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        NodaTime.LocalDate? Date(string? text) => DateText.Iso.Parse(text ?? "") is { Success: true } parsed ? parsed.Value : null;
        foreach (var (field, text) in new[] { ("dateOfBirth", body.DateOfBirth), ("name.effectiveFrom", body.Name?.EffectiveFrom), ("addressFrom", body.AddressFrom) })
        {
            if (!string.IsNullOrWhiteSpace(text) && Date(text) is null)
            {
                return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, field, "Dates are real dates written as YYYY-MM-DD");
            }
        }

        if (body.Name is { } n && Date(n.EffectiveFrom) is null)
        {
            return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, "name.effectiveFrom", "Say from when the new name is used, as YYYY-MM-DD");
        }

        if (body.Address is not null && Date(body.AddressFrom) is null)
        {
            return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, "addressFrom", "Say from when the new address is used, as YYYY-MM-DD");
        }

        var request = new ChangePartyDetails.Request(
            http.User.CouncilId(), id, body.Version,
            body.Name is { } name
                ? new ChangePartyDetails.NameChange(
                    name.OrganisationName is { Length: > 0 } org ? NameParts.Organisation(org) : NameParts.Person(name.Title, name.Forenames ?? "", name.Surname ?? ""),
                    Date(name.EffectiveFrom)!.Value, name.Reason ?? "")
                : null,
            Date(body.DateOfBirth), body.ClearDateOfBirth,
            body.Contacts is { } c
                ? new[] { ("email", c.Email), ("phone", c.Phone) }.Where(x => !string.IsNullOrWhiteSpace(x.Item2)).Select(x => (x.Item1, x.Item2!)).ToList()
                : null,
            body.Address is { } a
                ? new ChangePartyDetails.NewAddress(new RecordParty.PostalAddressInput(null, a.Line1 ?? "", a.Line2, a.Line3, a.Town ?? "", a.Postcode ?? ""), Date(body.AddressFrom)!.Value)
                : null);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        switch (await ChangePartyDetails.HandleAsync(connection, tx, request, today, http.User.OfficerUsername(), clock.GetCurrentInstant()))
        {
            case Outcome<ChangePartyDetails.Changed>.Done { Value: var changed }:
                await audit.RecordAsync(http, connection, tx, Reeve.Officers.AuditTrail.Actions.Change, Reeve.Web.Features.Auditing.OfficerAudit.Subjects.Person,
                    id.ToString(CultureInfo.InvariantCulture), changed.What.Count == 0 ? "Saved with no change" : "Changed " + string.Join("; ", changed.What));
                await tx.CommitAsync(ct);
                return TypedResults.Ok(new { partyId = id, version = changed.Version, changed = changed.What });
            case Outcome<ChangePartyDetails.Changed>.Invalid invalid:
                return ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, invalid.Field, invalid.Message);
            case Outcome<ChangePartyDetails.Changed>.Conflict conflict:
                return ReeveApi.FieldProblem(StatusCodes.Status409Conflict, "version", conflict.Message);
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No person or organisation {id} at this council");
        }
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
