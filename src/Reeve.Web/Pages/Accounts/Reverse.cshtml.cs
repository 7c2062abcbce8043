using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments;
using Reeve.Persistence;
using Reeve.Web.Features.Display;
using Reeve.Officers;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Accounts;

[Authorize(Policy = Authentication.CanChangePolicy)]
/// <summary>
/// Reverses one ledger line of an account, effective today, with the officer's reason, through Payments'
/// ReverseLedgerEntry: a reversal that lowers what is owed by more than the council's approval limit waits for a Team
/// Leader or Manager (at /payments/reversals); the handler audits each step and this page commits.
/// </summary>
public sealed class ReverseModel(ReeveDatabase db, IClock clock) : PageModel
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
        var request = new ReverseLedgerEntry.Request(User.CouncilId(), account, entryId, Reason, User.OfficerUsername(), User.OfficerRole()!.Value,
            OfficerAudit.RemoteAddress(HttpContext));
        var outcome = await ReverseLedgerEntry.RequestAsync(connection, tx, request, UkTime.Today(clock), clock.GetCurrentInstant());
        switch (outcome)
        {
            case Outcome<ReverseLedgerEntry.Result>.Done { Value: var done }:
                await tx.CommitAsync(ct);
                Notice = done.Posted is null ? done.Message : $"{Entry!.Kind.Title()} of {Show.Money(Entry.Amount)} reversed";
                return Redirect($"/accounts/{Reference}");
            case Outcome<ReverseLedgerEntry.Result>.NotFound:
                return NotFound();
            case Outcome<ReverseLedgerEntry.Result>.Invalid invalid:
                ModelState.AddModelError("reason", invalid.Message);
                break;
            case Outcome<ReverseLedgerEntry.Result>.Conflict conflict:
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
