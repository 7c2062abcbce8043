using System.Data.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Portal.Features.LinkedAccounts;
using Reeve.Portal.Features.SendCode;
using Reeve.Portal.Security;

namespace Reeve.Portal.Pages;

/// <summary>The answers of the "prove this account is yours" questions, shared by setting up and by adding an account.</summary>
public interface IProofForm
{
    string? Reference { get; }

    string? Postcode { get; }

    string? Amount { get; }
}

/// <summary>
/// What the sign-in pages share: the portal's council, the code sender (absent when Notify is not configured), the
/// pending-code cookie, and signing the resident in with their own scheme (and recording it in the audit trail).
/// </summary>
public abstract class SignInFlowPage(ReeveDatabase db, PortalCouncil portal, PendingCodes pending, IClock clock, IServiceProvider services) : PortalPage
{
    public const string NoEmail =
        "We cannot send codes by email at the moment, so you cannot sign in online. Try again later, or contact the council tax office.";

    protected ReeveDatabase Db => db;

    protected IClock Clock => clock;

    protected PendingCodes Pending => pending;

    protected IResidentCodeSender? Sender => services.GetService<IResidentCodeSender>();

    protected Task<CouncilId> CouncilAsync(CancellationToken ct) => portal.IdAsync(db, ct);

    /// <summary>Runs a sign-in step in its own transaction, committed whatever it answers, so every refusal is counted.</summary>
    protected async Task<T> StepAsync<T>(Func<DbConnection, DbTransaction, CouncilId, Task<T>> step, CancellationToken ct)
    {
        var council = await CouncilAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await step(connection, tx, council);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>After a code is asked for: on to "check your email", or back to the form with the refusal.</summary>
    protected IActionResult CodeSent(Outcome<PendingCode> outcome) => Answer(outcome, code =>
    {
        pending.Remember(Response, code);
        return Redirect("/portal/check-email");
    });

    protected async Task<IActionResult> SignInAsync(ResidentUser user, CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            await AuditTrail.RecordAsync(connection, null, user.Council, user.Actor, AuditTrail.Actions.SignIn, "resident", user.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Signed in to the residents' portal", RemoteAddress, clock.GetCurrentInstant());
        }

        PendingCodes.Forget(Response);
        await HttpContext.SignInAsync(ResidentAuthentication.Scheme, ResidentAuthentication.Principal(user));
        return Redirect("/portal/accounts");
    }
}
