using System.Globalization;
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
/// The day of the month instalments fall due, chosen to suit how the person pays (a Direct Debit near payday).
/// Unpaid instalments more than 14 days away move to the new day on a new version of each bill.
/// </summary>
[Authorize(Policy = Authentication.CanChangePolicy)]
public sealed class InstalmentDayModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public Account? Account { get; private set; }

    public int CurrentDay { get; private set; }

    [BindProperty(Name = "day")]
    public string? Day { get; set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? NoticeLines { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        Day = CurrentDay.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken ct)
    {
        if (!await LoadAsync(reference, ct))
        {
            return NotFound();
        }

        if (!int.TryParse(Day?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            ModelState.AddModelError("day", "Enter the day of the month as a number from 1 to 28");
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await ChooseInstalmentDay.ChooseAsync(connection, tx, User.CouncilId(), Account!.AccountId, day, User.OfficerUsername(), clock.GetCurrentInstant());
        switch (outcome)
        {
            case Outcome<ChooseInstalmentDay.Result>.Invalid invalid:
                ModelState.AddModelError("day", invalid.Message);
                return Page();
            case Outcome<ChooseInstalmentDay.Result>.Done { Value: { Unchanged: true } }:
                Notice = $"Instalments already fall due on day {day}";
                return Redirect($"/accounts/{Account.Reference.Value}");
            case Outcome<ChooseInstalmentDay.Result>.Done { Value: var result }:
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, Account.Reference.Value,
                    $"Instalment day changed to {day}");
                await tx.CommitAsync(ct);
                Notice = $"Instalments now fall due on day {day} of the month";
                NoticeLines = result.NewVersions.Count == 0
                    ? "No bill for this year or later had instalments left to move."
                    : await BillBanner.LinesAsync(connection, User.CouncilId(), result.NewVersions);
                return Redirect($"/accounts/{Account.Reference.Value}");
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return false;
        }

        await using var connection = await db.OpenAsync(ct);
        Account = await AccountStore.FindByReferenceAsync(connection, User.CouncilId(), parsed);
        if (Account is not { Kind: AccountKind.CouncilTax })
        {
            return false;
        }

        CurrentDay = (await AccountInstalmentTerms.OfAsync(connection, User.CouncilId(), Account.AccountId))!.Day;
        return true;
    }
}
