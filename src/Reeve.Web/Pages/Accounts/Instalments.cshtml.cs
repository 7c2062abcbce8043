using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.CouncilTax;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

/// <summary>
/// The liable person asks to pay in 12 instalments (CTAE Regs 1992 reg 21(1A)). The request is kept on the account
/// and this year's and later bills are issued again with their instalments spread over the months left.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class InstalmentsModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public Account? Account { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? NoticeLines { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct) => await LoadAsync(reference, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await RequestTwelveInstalments.RequestAsync(connection, tx, User.CouncilId(), Account!.AccountId, User.OfficerUsername(), clock.GetCurrentInstant());
        if (outcome is not Outcome<RequestTwelveInstalments.Result>.Done { Value: var result })
        {
            return NotFound();
        }

        if (result.AlreadyRequested)
        {
            Notice = "12 instalments had already been requested on this account";
            return Redirect($"/accounts/{Account.Reference.Value}");
        }

        await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, Account.Reference.Value,
            "12 instalments requested");
        await tx.CommitAsync(ct);
        Notice = "12 instalments requested";
        NoticeLines = result.NewVersions.Count == 0
            ? "No bill for this year or later had instalments left to spread again."
            : await BillBanner.LinesAsync(connection, User.CouncilId(), result.NewVersions);
        return Redirect($"/accounts/{Account.Reference.Value}");
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return false;
        }

        await using var connection = await db.OpenAsync(ct);
        Account = await AccountStore.FindByReferenceAsync(connection, User.CouncilId(), parsed);
        return Account is { Kind: AccountKind.CouncilTax };
    }
}
