using System.Data.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Councils;

/// <summary>
/// One task of a council's set-up, for a System Administrator: the council comes from the address (not the officer's
/// working council, since an administrator sets up a council before anyone works on it). Each task saves through its
/// owner module's handler; the page adds the audit line, in the council set up, in the same transaction.
/// </summary>
[Authorize(Policy = Authentication.SystemAdministratorPolicy)]
public abstract class CouncilSetUpPage(ReeveDatabase db, IClock clock) : PageModel
{
    [FromRoute] public int Id { get; set; }

    public Council? Council { get; private set; }

    protected ReeveDatabase Db => db;

    protected IClock Clock => clock;

    protected CouncilId CouncilId => new(Id);

    /// <summary>Finds the council in the address; false when there is none.</summary>
    protected async Task<bool> FindCouncilAsync(DbConnection connection)
    {
        Council = (await CouncilStore.AllAsync(connection)).FirstOrDefault(c => c.Id.Value == Id);
        return Council is not null;
    }

    /// <summary>
    /// Runs a save in a transaction with its audit line; a refusal goes on the form against its field (the module's field
    /// name, or the form's where <paramref name="fieldOnForm"/> maps it).
    /// </summary>
    protected async Task<bool> SaveAsync<T>(Func<DbConnection, DbTransaction, Task<Outcome<T>>> save, string detail, CancellationToken ct, Func<string, string>? fieldOnForm = null)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        switch (await save(connection, tx))
        {
            case Outcome<T>.Done:
                await AuditTrail.RecordAsync(connection, tx, CouncilId, User.OfficerUsername(), "council-set-up", "council", Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    detail, OfficerAudit.RemoteAddress(HttpContext), clock.GetCurrentInstant());
                await tx.CommitAsync(ct);
                TempData["Notice"] = detail;
                return true;
            case Outcome<T>.Invalid { Field: var field, Message: var message }:
                ModelState.AddModelError(fieldOnForm?.Invoke(field) ?? field, message);
                break;
            case Outcome<T>.Conflict { Message: var message }:
                ModelState.AddModelError("", message);
                break;
            case Outcome<T>.NotFound { What: var what }:
                ModelState.AddModelError("", $"No {what}");
                break;
        }

        await tx.RollbackAsync(ct);
        return false;
    }
}
