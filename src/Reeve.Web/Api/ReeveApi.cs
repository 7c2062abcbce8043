using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reeve.Kernel;
using Reeve.Kernel.Calculators;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Payments;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Search;
using Reeve.Web.Features.ViewAccount;
using Reeve.Web.Features.ViewPerson;
using Reeve.Web.Features.ViewProperty;
using Reeve.Web.Security;

namespace Reeve.Web.Api;

/// <summary>
/// The JSON API under /api/v1. Same sign-in cookie, same council filter and same audit as the pages;
/// errors are RFC 9457 (7807) problem details that name the field at fault.
/// </summary>
public static class ReeveApi
{
    /// <summary>A cross-site HTML form cannot set a custom header, so requiring one stops cross-site posts.</summary>
    public const string ApiHeader = "X-Reeve-Api";

    public static IEndpointRouteBuilder MapReeveApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization().WithTags("Reeve");
        api.MapGet("/accounts/{reference}", GetAccountAsync).WithName("GetAccount").Produces<AccountJson>();
        api.MapGet("/accounts/{reference}/ledger", GetLedgerAsync).WithName("GetAccountLedger").Produces<LedgerJson>();
        api.MapGet("/people/{id}", GetPersonAsync).WithName("GetPerson").Produces<PersonJson>();
        api.MapGet("/properties/{uprn}", GetPropertyAsync).WithName("GetProperty").Produces<PropertyJson>();
        api.MapGet("/search", SearchAsync).WithName("Search");
        api.MapPost("/accounts/{reference}/payment-method", ChangePaymentMethodAsync)
            .RequireAuthorization(Authentication.CanChangePolicy)
            .AddEndpointFilter(RequireApiHeader)
            .Accepts<PaymentMethodRequest>("application/json")
            .WithName("ChangePaymentMethod");
        // The statutory calculators read no one's data and write nothing (shared/contracts.md), like the
        // calculators councils publish for residents, so they answer without sign-in.
        api.MapPost("/calc/{kind}", CalculateAsync)
            .AllowAnonymous()
            .Accepts<JsonObject>("application/json")
            .WithMetadata(new NoPersonalDataAttribute("the calculators work on the figures sent, about no one"))
            .WithName("Calculate");
        return endpoints;
    }

    public sealed record PaymentMethodRequest(string PaymentMethod, int Version);

    private static async Task<IResult> GetAccountAsync(string reference, HttpContext http, ReeveDatabase db, OfficerAudit audit, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out var error))
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "reference", error);
        }

        await using var connection = await db.OpenAsync(ct);
        var details = await AccountDetails.LoadAsync(connection, http.User.CouncilId(), parsed);
        if (details is null)
        {
            return NotFound("reference", $"There is no account {parsed} in this council");
        }

        await audit.RecordAsync(http, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Account, parsed.Value, "API: account summary");
        return TypedResults.Ok(AccountJson.From(details));
    }

    private static async Task<IResult> GetLedgerAsync(
        string reference, string? from, string? to, string? amount, HttpContext http, ReeveDatabase db, OfficerAudit audit, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out var error))
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "reference", error);
        }

        var fromDate = ParseDate("from", from, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        var toDate = ParseDate("to", to, out problem);
        if (problem is not null)
        {
            return problem;
        }

        Money? exactAmount = null;
        if (amount is not null)
        {
            if (!MoneyText.TryParse(amount, out var money, out var moneyError))
            {
                return FieldProblem(StatusCodes.Status400BadRequest, "amount", moneyError);
            }

            exactAmount = money;
        }

        await using var connection = await db.OpenAsync(ct);
        var details = await AccountDetails.LoadAsync(connection, http.User.CouncilId(), parsed);
        if (details is null)
        {
            return NotFound("reference", $"There is no account {parsed} in this council");
        }

        await audit.RecordAsync(http, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Account, parsed.Value, "API: ledger");
        var lines = details.Ledger.Where(l =>
            (fromDate is null || l.Entry.EffectiveDate >= fromDate) && (toDate is null || l.Entry.EffectiveDate <= toDate)
            && (exactAmount is null || l.Entry.Amount == exactAmount.Value));
        return TypedResults.Ok(LedgerJson.From(details, lines));
    }

    private static async Task<IResult> GetPersonAsync(string id, HttpContext http, ReeveDatabase db, OfficerAudit audit, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var partyId) || partyId < 1)
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "id", "A person's id is a whole number");
        }

        await using var connection = await db.OpenAsync(ct);
        var details = await PersonDetails.LoadAsync(connection, http.User.CouncilId(), partyId);
        if (details is null)
        {
            return NotFound("id", $"There is no person {partyId} in this council");
        }

        await audit.RecordAsync(http, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Person,
            partyId.ToString(CultureInfo.InvariantCulture), "API: person");
        return TypedResults.Ok(PersonJson.From(details));
    }

    private static async Task<IResult> GetPropertyAsync(string uprn, HttpContext http, ReeveDatabase db, OfficerAudit audit, CancellationToken ct)
    {
        if (!long.TryParse(uprn, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 999_999_999_999)
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "uprn", "A UPRN is a number of up to 12 digits");
        }

        await using var connection = await db.OpenAsync(ct);
        var details = await PropertyDetails.LoadAsync(connection, http.User.CouncilId(), number);
        if (details is null)
        {
            return NotFound("uprn", $"There is no property with UPRN {number} in this council");
        }

        await audit.RecordAsync(http, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Property,
            number.ToString(CultureInfo.InvariantCulture), "API: property");
        return TypedResults.Ok(PropertyJson.From(details));
    }

    private static async Task<IResult> SearchAsync(string? q, int? page, HttpContext http, ReeveDatabase db, OfficerAudit audit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "q", "Enter a name, address, postcode, UPRN or account reference");
        }

        if (page is < 1 or > 100_000)
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "page", "Page must be a whole number from 1 to 100,000");
        }

        await using var connection = await db.OpenAsync(ct);
        var result = await OneBoxSearch.RunAsync(connection, http.User.CouncilId(), q, page ?? 1, page ?? 1);
        await audit.RecordAsync(http, connection, null, AuditTrail.Actions.Search, OfficerAudit.Subjects.Search, "", q.Trim());
        if (result.Problem is not null)
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "q", result.Problem);
        }

        return TypedResults.Ok(SearchJson.From(result));
    }

    private static async Task<IResult> ChangePaymentMethodAsync(
        string reference, HttpContext http, ReeveDatabase db, NodaTime.IClock clock, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out var error))
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "reference", error);
        }

        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "$", "The body must be one JSON object: {\"paymentMethod\": \"direct-debit\", \"version\": 3}");
        }

        if (body["paymentMethod"] is not JsonValue methodValue || !methodValue.TryGetValue<string>(out var method))
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "paymentMethod", "Give paymentMethod as a string: cash, direct-debit, card or bank-transfer");
        }

        if (body["version"] is not JsonValue versionValue || !versionValue.TryGetValue<int>(out var version))
        {
            return FieldProblem(StatusCodes.Status400BadRequest, "version", "Give version as the whole number the account had when you read it");
        }

        var officer = new ChangePaymentMethod.Officer(http.User.OfficerUsername(), OfficerAudit.RemoteAddress(http));
        return await ChangePaymentMethod.ChangeAsync(db, http.User.CouncilId(), parsed, method, version, officer, clock.GetCurrentInstant(), ct) switch
        {
            Outcome<Account>.Done done => TypedResults.Ok(new PaymentMethodChangeJson(done.Value.Reference.Value, done.Value.PaymentMethod, done.Value.Version)),
            Outcome<Account>.Invalid invalid => FieldProblem(StatusCodes.Status400BadRequest, invalid.Field, invalid.Message),
            Outcome<Account>.NotFound => NotFound("reference", $"There is no account {parsed} in this council"),
            Outcome<Account>.Conflict conflict => FieldProblem(StatusCodes.Status409Conflict, "version", conflict.Message),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    private static async Task<IResult> CalculateAsync(string kind, HttpContext http, CalculatorRegistry calculators, CancellationToken ct)
    {
        // Anonymous, so small: a calculator case is a few hundred bytes (issue 19 found 30 MB bodies taken).
        if (await Hardening.ReadBodyAsync(http.Request, Hardening.CalculatorBodyLimitBytes, ct) is not { } input)
        {
            return FieldProblem(StatusCodes.Status413PayloadTooLarge, "body",
                $"A calculator request may be at most {Hardening.CalculatorBodyLimitBytes / 1024} KB");
        }

        var (ok, json) = calculators.Run(kind, input);
        if (ok)
        {
            return Results.Json(json, statusCode: StatusCodes.Status200OK);
        }

        var status = calculators.Has(kind) ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound;
        // The calculator contract's error shape, {"error": {"field", "message"}}, is kept whole; the problem
        // details members sit beside it, so both kinds of client read the same answer.
        var error = json["error"]!.AsObject();
        json["type"] = status == StatusCodes.Status404NotFound
            ? "https://www.rfc-editor.org/rfc/rfc9110#name-404-not-found"
            : "https://www.rfc-editor.org/rfc/rfc9110#name-400-bad-request";
        json["title"] = status == StatusCodes.Status404NotFound ? "No such calculator" : "The input was refused";
        json["status"] = status;
        json["detail"] = error["message"]?.GetValue<string>();
        json["field"] = error["field"]?.GetValue<string>();
        return Results.Json(json, statusCode: status, contentType: "application/problem+json");
    }

    internal static async ValueTask<object?> RequireApiHeader(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!string.Equals(context.HttpContext.Request.Headers[ApiHeader], "1", StringComparison.Ordinal))
        {
            return FieldProblem(StatusCodes.Status400BadRequest, ApiHeader,
                $"Send the header {ApiHeader}: 1 with every API change. It shows the request came from a program, not a form on another site.");
        }

        return await next(context);
    }

    private static NodaTime.LocalDate? ParseDate(string field, string? text, out IResult? problem)
    {
        problem = null;
        if (text is null)
        {
            return null;
        }

        var result = DateText.Iso.Parse(text);
        if (result.Success)
        {
            return result.Value;
        }

        problem = FieldProblem(StatusCodes.Status400BadRequest, field, $"'{text}' is not a real date: give it as YYYY-MM-DD");
        return null;
    }

    public static IResult NotFound(string field, string message) => FieldProblem(StatusCodes.Status404NotFound, field, message);

    public static IResult FieldProblem(int status, string field, string message) =>
        TypedResults.Problem(
            statusCode: status,
            title: status switch
            {
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status409Conflict => "Changed by someone else",
                _ => "The request was refused",
            },
            detail: message,
            extensions: new Dictionary<string, object?>
            {
                ["field"] = field,
                ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
            });
}
