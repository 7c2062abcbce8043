using System.Data.Common;
using System.Globalization;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Api;

/// <summary>An officer as the API shows them to a System Administrator (never a password or its hash).</summary>
public sealed record OfficerJson(
    int Id, string Username, string DisplayName, string? Email, string Role, IReadOnlyList<int> Councils, Money? ApprovalLimit,
    string? LastSignedInAt, bool Disabled, bool Locked, bool HasPassword)
{
    public static OfficerJson From(OfficerSummary o) => new(
        o.OfficerId, o.Username, o.DisplayName, o.Email, o.Role.Name(), o.Councils.Select(c => c.Value).ToList(), o.ApprovalLimit,
        o.LastSignedInAt?.ToString(), o.DisabledAt is not null, o.Locked, o.HasPassword);
}

/// <summary>
/// What a System Administrator sends to create or change an officer: the fields of the /officers form. <c>role</c> is the
/// role's name (Officer, TeamLeader, Manager, Auditor, SystemAdministrator); <c>approvalLimit</c> is pounds as text
/// ("500.00") or null for none; <c>username</c> only on create.
/// </summary>
public sealed record OfficerChangeJson(string? Username, string? DisplayName, string? Email, string? Role, IReadOnlyList<int>? Councils, string? ApprovalLimit);

/// <summary>A new officer, with the one-time link to set their first password: shown in this response only, never again.</summary>
public sealed record NewOfficerJson(OfficerJson Officer, string SetPasswordLink, string LinkExpiresAt);

/// <summary>
/// <c>/api/v1/officers</c>: officer administration for System Administrators through the same handlers as the /officers
/// pages (AdministerOfficers), so the same refusals hold (a duplicate username, a role that does not exist, an approval
/// limit for a System Administrator or Auditor), each a problem naming the field. Every change is audited by the handler.
/// </summary>
public static class OfficersApi
{
    public static IEndpointRouteBuilder MapOfficersApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/officers").RequireAuthorization(Authentication.SystemAdministratorPolicy).WithTags("Reeve");
        api.MapGet("", ListAsync).WithName("ListOfficers").Produces<IReadOnlyList<OfficerJson>>();
        api.MapGet("/{id:int}", GetAsync).WithMetadata(new AuditSubjectAttribute(OfficerAudit.Subjects.Officer, "id")).WithName("GetOfficer").Produces<OfficerJson>();
        api.MapPost("", CreateAsync).AddEndpointFilter(ReeveApi.RequireApiHeader).Accepts<OfficerChangeJson>("application/json")
            .Produces<NewOfficerJson>(StatusCodes.Status201Created).WithName("CreateOfficer");
        api.MapPut("/{id:int}", ChangeAsync).AddEndpointFilter(ReeveApi.RequireApiHeader).Accepts<OfficerChangeJson>("application/json")
            .Produces<OfficerJson>().WithName("ChangeOfficer");
        api.MapPost("/{id:int}/disable", (int id, HttpContext http, ReeveDatabase db, IClock clock, CancellationToken ct) => SetDisabledAsync(id, true, http, db, clock, ct))
            .AddEndpointFilter(ReeveApi.RequireApiHeader).Produces<OfficerJson>().WithName("DisableOfficer");
        api.MapPost("/{id:int}/enable", (int id, HttpContext http, ReeveDatabase db, IClock clock, CancellationToken ct) => SetDisabledAsync(id, false, http, db, clock, ct))
            .AddEndpointFilter(ReeveApi.RequireApiHeader).Produces<OfficerJson>().WithName("EnableOfficer");
        return endpoints;
    }

    private static AdminActor Actor(HttpContext http) =>
        new(http.User.OfficerUsername(), http.User.OfficerRole()!.Value, http.User.CouncilId(), OfficerAudit.RemoteAddress(http));

    private static async Task<IResult> ListAsync(HttpContext http, ReeveDatabase db, IClock clock, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return TypedResults.Ok((await AdministerOfficers.ListAsync(connection, clock.GetCurrentInstant())).Select(OfficerJson.From).ToList());
    }

    private static async Task<IResult> GetAsync(int id, ReeveDatabase db, IClock clock, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await AdministerOfficers.GetAsync(connection, id, clock.GetCurrentInstant()) is { } officer
            ? TypedResults.Ok(OfficerJson.From(officer))
            : ReeveApi.NotFound("id", $"There is no officer {id}");
    }

    private static async Task<IResult> CreateAsync(OfficerChangeJson body, HttpContext http, ReeveDatabase db, IClock clock, CancellationToken ct)
    {
        if (Details(body, out var problem) is not { } details)
        {
            return problem!;
        }

        var now = clock.GetCurrentInstant();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await AdministerOfficers.CreateAsync(connection, tx, Actor(http), body.Username, details, now);
        if (outcome is not Outcome<IssuedLink>.Done { Value: var link })
        {
            return Refused(outcome);
        }

        await tx.CommitAsync(ct);
        var created = (await AdministerOfficers.GetAsync(connection, link.OfficerId, now))!;
        return TypedResults.Created($"/api/v1/officers/{link.OfficerId.ToString(CultureInfo.InvariantCulture)}",
            new NewOfficerJson(OfficerJson.From(created), $"{http.Request.Scheme}://{http.Request.Host}/officers/set-password?token={link.Token}",
                link.ExpiresAt.ToString()));
    }

    private static async Task<IResult> ChangeAsync(int id, OfficerChangeJson body, HttpContext http, ReeveDatabase db, IClock clock, CancellationToken ct)
    {
        if (Details(body, out var problem) is not { } details)
        {
            return problem!;
        }

        return await StepAsync(id, db, clock, (c, tx, now) => AdministerOfficers.EditAsync(c, tx, Actor(http), id, details, now), ct);
    }

    private static Task<IResult> SetDisabledAsync(int id, bool disabled, HttpContext http, ReeveDatabase db, IClock clock, CancellationToken ct) =>
        StepAsync(id, db, clock, (c, tx, now) => AdministerOfficers.SetDisabledAsync(c, tx, Actor(http), id, disabled, now), ct);

    /// <summary>Runs one change in a transaction: 200 with the officer as they now are, or the refusal with nothing saved.</summary>
    private static async Task<IResult> StepAsync(
        int id, ReeveDatabase db, IClock clock, Func<DbConnection, DbTransaction, Instant, Task<Outcome<string>>> step, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await step(connection, tx, now);
        if (outcome is not Outcome<string>.Done)
        {
            return Refused(outcome);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(OfficerJson.From((await AdministerOfficers.GetAsync(connection, id, now))!));
    }

    private static OfficerDetails? Details(OfficerChangeJson body, out IResult? problem)
    {
        problem = null;
        Money? limit = null;
        if (!string.IsNullOrWhiteSpace(body.ApprovalLimit))
        {
            if (!MoneyText.TryParse(body.ApprovalLimit, out var amount, out var error))
            {
                problem = ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, "approvalLimit", error);
                return null;
            }

            limit = amount;
        }

        return new OfficerDetails(body.DisplayName ?? "", body.Email, body.Role, (body.Councils ?? []).Select(c => new CouncilId(c)).ToList(), limit);
    }

    private static IResult Refused<T>(Outcome<T> outcome) => outcome switch
    {
        Outcome<T>.Invalid invalid => ReeveApi.FieldProblem(StatusCodes.Status400BadRequest, invalid.Field, invalid.Message),
        Outcome<T>.NotFound missing => ReeveApi.NotFound("id", $"There is no {missing.What}"),
        Outcome<T>.Conflict conflict => ReeveApi.FieldProblem(StatusCodes.Status409Conflict, "", conflict.Message),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}"),
    };
}
