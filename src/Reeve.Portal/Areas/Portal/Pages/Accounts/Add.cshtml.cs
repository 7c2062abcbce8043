using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Portal.Features.LinkedAccounts;
using Reeve.Portal.Features.ProveAccount;
using Reeve.Portal.Security;

namespace Reeve.Portal.Pages.Accounts;

/// <summary>
/// Another account on the same sign-in, proven the same way as the first (reference, postcode, last bill). The email
/// is already confirmed, so a match links the account at once; refusals count toward the same lockout.
/// </summary>
public sealed class AddModel(ReeveDatabase db, IClock clock) : ResidentAccountPage(db, clock), IProofForm
{
    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public string? Postcode { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var resident = User.Resident();
        var now = Clock.GetCurrentInstant();
        await using var connection = await Db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await ProveAccount.HandleAsync(connection, tx, resident.Council, new ProofAnswers(Reference, Postcode, Amount), RemoteAddress, now);
        if (outcome is Outcome<Account>.Done { Value: var account })
        {
            await ResidentAccounts.LinkAsync(connection, tx, resident, account.AccountId, now);
            await AuditAsync(connection, tx, AuditTrail.Actions.Change, account, "account added to this sign-in");
        }

        // Committed whatever the answer: a refusal is counted toward the lockout.
        await tx.CommitAsync(ct);
        return Answer(outcome, added =>
        {
            Notice = $"Account {added.Reference.Value} added";
            return Redirect("/portal/accounts");
        });
    }
}
