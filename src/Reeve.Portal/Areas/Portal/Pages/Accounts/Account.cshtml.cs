using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Portal.Features.ViewAccount;
using Reeve.Portal.Security;

namespace Reeve.Portal.Pages.Accounts;

/// <summary>One account: what is owed by year, the bills, instalments and payments, recovery and holds, letters.</summary>
public sealed class AccountModel(ReeveDatabase db, IClock clock) : ResidentAccountPage(db, clock)
{
    public ResidentAccountView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        await using var connection = await Db.OpenAsync(ct);
        if (await FindAsync(connection, reference) is not { } account)
        {
            return NotFoundPage();
        }

        View = await ResidentAccountView.LoadAsync(connection, account, Today, User.Resident().Actor, ct);
        await AuditAsync(connection, null, AuditTrail.Actions.View, account, "account page");
        return Page();
    }
}
