using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;
using Reeve.Web.Features.Display;
using Reeve.Officers;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

[Authorize(Policy = Authentication.CanChangePolicy)]
/// <summary>
/// Reverses one ledger line of an account, effective today, with the officer's reason. The Ledger's handler posts the
/// reversal and the timeline line; this page audits it in the same transaction and commits.
/// </summary>
public sealed class ReverseModel(ReeveDatabase db, OfficerAudit audit, IClock clock) : PageModel
{
    public string Reference { get; private set; } = "";

    public PostedEntry? Entry { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, long entryId, CancellationToken ct) =>
        await LoadAsync(reference, entryId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string reference, long entryId, CancellationToken ct)
    {
        if (!await LoadAsync(reference, entryId, ct))
        {
            return NotFound();
        }

        var account = AccountReference.TryParse(Reference, out var parsed, out _) ? parsed : default;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await ReverseEntry.ReverseOnAccountAsync(connection, tx, User.CouncilId(), account, entryId, UkTime.Today(clock),
            User.OfficerUsername(), Reason, clock.GetCurrentInstant());
        if (outcome is Outcome<PostedEntry>.Done)
        {
            await audit.RecordAsync(HttpContext, connection, tx, AuditTrail.Actions.Change, OfficerAudit.Subjects.Account, Reference,
                $"Reversed ledger entry {entryId}: {Reason!.Trim()}");
            await tx.CommitAsync(ct);
        }

        switch (outcome)
        {
            case Outcome<PostedEntry>.Done:
                Notice = $"{Entry!.Kind.Title()} of {Show.Money(Entry.Amount)} reversed";
                return Redirect($"/accounts/{Reference}");
            case Outcome<PostedEntry>.NotFound:
                return NotFound();
            case Outcome<PostedEntry>.Invalid invalid:
                ModelState.AddModelError("reason", invalid.Message);
                break;
            case Outcome<PostedEntry>.Conflict conflict:
                ModelState.AddModelError("", conflict.Message);
                break;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string reference, long entryId, CancellationToken ct)
    {
        if (!AccountReference.TryParse(reference, out var parsed, out _))
        {
            return false;
        }

        await using var connection = await db.OpenAsync(ct);
        var account = await AccountStore.FindByReferenceAsync(connection, User.CouncilId(), parsed);
        var entry = await ReadAccountLedger.EntryAsync(connection, null, User.CouncilId(), entryId);
        if (account is null || entry is null || entry.AccountId != account.AccountId)
        {
            return false;
        }

        Reference = account.Reference.Value;
        Entry = entry;
        return true;
    }
}
