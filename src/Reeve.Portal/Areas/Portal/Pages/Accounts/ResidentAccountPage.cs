using System.Data.Common;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Portal.Features.LinkedAccounts;
using Reeve.Portal.Security;

namespace Reeve.Portal.Pages.Accounts;

/// <summary>
/// A page about one of the resident's accounts. The account is found only among those linked to the signed-in
/// resident; for any other reference the page answers 404, exactly as for one that does not exist. Each view is
/// written to the audit trail as an officer's is, with the actor "resident:&lt;id&gt;".
/// </summary>
[Authorize(Policy = ResidentAuthentication.Policy)]
public abstract class ResidentAccountPage(ReeveDatabase db, IClock clock) : PortalPage
{
    protected ReeveDatabase Db => db;

    protected IClock Clock => clock;

    protected LocalDate Today => UkTime.Today(clock);

    protected Task<Account?> FindAsync(DbConnection connection, string? reference) =>
        ResidentAccounts.FindAsync(connection, User.Resident(), reference);

    protected Task AuditAsync(DbConnection connection, DbTransaction? tx, string action, Account account, string detail)
    {
        var resident = User.Resident();
        return AuditTrail.RecordAsync(connection, tx, resident.Council, resident.Actor, action, "account", account.Reference.Value,
            "Residents' portal: " + detail, RemoteAddress, clock.GetCurrentInstant());
    }
}
