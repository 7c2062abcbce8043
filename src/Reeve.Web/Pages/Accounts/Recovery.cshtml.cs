using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Recovery;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Features.Forms;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

/// <summary>
/// An account's recovery: where each year stands today and why (the engine's own explanation with its legal
/// sources), every notice and step recorded, and the holds on recovery, which an officer places and ends here.
/// </summary>
public sealed class RecoveryModel(ReeveDatabase db, IClock clock, OfficerAudit audit) : PageModel
{
    public string Reference { get; private set; } = "";

    public IReadOnlyList<RecoveryRunLine> Stages { get; private set; } = [];

    public IReadOnlyList<RecoveryNotice> Notices { get; private set; } = [];

    public IReadOnlyList<AccountHold> Holds { get; private set; } = [];

    public LocalDate Today { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public DateInput From { get; private set; } = DateInput.Blank("from");

    public DateInput To { get; private set; } = DateInput.Blank("to");

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken ct)
    {
        if (await LoadAsync(reference, ct) is not { } account)
        {
            return NotFound();
        }

        From = DateInput.Of("from", Today);
        await using var connection = await db.OpenAsync(ct);
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, OfficerAudit.Subjects.Account, account.Reference.Value, "Account recovery page");
        return Page();
    }

    public async Task<IActionResult> OnPostPlaceAsync(string reference, CancellationToken ct)
    {
        // Reading is open to every signed-in officer; changing needs a role that may change (Auditors only read).
        if (!User.CanChange())
        {
            return Forbid();
        }

        if (await LoadAsync(reference, ct) is not { } account)
        {
            return NotFound();
        }

        From = DateInput.Read(Request.Form, "from");
        To = DateInput.Read(Request.Form, "to");
        var from = From.Check(ModelState, "the first day of the hold", required: true);
        var to = To.Check(ModelState, "the last day of the hold", required: false);
        var reason = HoldReasons.FromCode(Reason ?? "");
        if (reason is null)
        {
            ModelState.AddModelError("reason", "Select why recovery is held");
        }

        if (!ModelState.IsValid || from is null || reason is null)
        {
            return Page();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await AccountHolds.PlaceAsync(connection, tx, User.CouncilId(),
            new PlaceHold(account.AccountId, reason.Value, from.Value, to, Note ?? "", User.OfficerUsername()), clock.GetCurrentInstant());
        switch (outcome)
        {
            case Outcome<AccountHold>.Done { Value: var hold }:
                await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, account.Reference.Value,
                    $"Placed a {hold.Reason.Code()} hold on recovery from {DateText.Iso.Format(hold.From)}");
                await tx.CommitAsync(ct);
                Notice = $"{hold.Reason.Describe()} hold placed from {Show.Date(hold.From)}";
                return Redirect($"/accounts/{account.Reference.Value}/recovery");
            case Outcome<AccountHold>.Invalid invalid:
                ModelState.AddModelError(invalid.Field switch { "to" => To.ErrorKey, "note" => "note", _ => "reason" }, invalid.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostEndAsync(string reference, long hold, CancellationToken ct)
    {
        // Reading is open to every signed-in officer; changing needs a role that may change (Auditors only read).
        if (!User.CanChange())
        {
            return Forbid();
        }

        if (await LoadAsync(reference, ct) is not { } account || Holds.All(h => h.HoldId != hold))
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var lastDay = Today.PlusDays(-1);
        var outcome = await AccountHolds.EndAsync(connection, tx, User.CouncilId(), hold, lastDay, User.OfficerUsername(), clock.GetCurrentInstant());
        if (outcome is Outcome<AccountHold>.Invalid invalid)
        {
            ModelState.AddModelError("holds", invalid.Message);
            return Page();
        }

        await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, account.Reference.Value,
            $"Ended hold {hold} on recovery: last day held {DateText.Iso.Format(lastDay)}");
        await tx.CommitAsync(ct);
        Notice = $"Hold ended: recovery may act again from today ({Show.Date(Today)})";
        return Redirect($"/accounts/{account.Reference.Value}/recovery");
    }

    private async Task<Account?> LoadAsync(string reference, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return null;
        }

        Today = UkTime.Today(clock);
        await using var connection = await db.OpenAsync(ct);
        var council = User.CouncilId();
        var account = await AccountStore.FindByReferenceAsync(connection, council, parsed);
        if (account is null)
        {
            return null;
        }

        Reference = account.Reference.Value;
        Notices = await RecoveryNotices.ForAccountAsync(connection, council, account.AccountId);
        Holds = await AccountHolds.ForAccountAsync(connection, council, account.AccountId);
        if (await PreviewRecoveryRun.HandleAsync(connection, null, new RecoveryRunOptions(council, Today, Today, User.OfficerUsername(), OnlyAccount: account.AccountId), ct)
            is Outcome<RecoveryRunReport>.Done { Value: var report })
        {
            Stages = report.Lines.OrderByDescending(l => l.Year.StartYear).ToList();
        }

        return account;
    }
}
