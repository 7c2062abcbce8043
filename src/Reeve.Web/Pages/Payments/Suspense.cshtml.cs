using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reeve.Kernel;
using Reeve.Officers;
using Reeve.Payments;
using Reeve.Payments.Domain.Suspense;
using Reeve.Persistence;
using Reeve.Web.Features.Auditing;
using Reeve.Web.Features.Display;
using Reeve.Web.Security;

namespace Reeve.Web.Pages.Payments;

/// <summary>
/// The suspense queue: credits no account could be found for, each with the accounts it may belong to
/// (scored by <see cref="SuggestMatches"/>) and a button per suggestion that posts it there in one click.
/// The payer names are personal data, so every view is audited; every allocation is audited by the module.
/// </summary>
public sealed class SuspenseModel(ReeveDatabase db, IClock clock, OfficerAudit audit) : PageModel
{
    private const int MostShown = 50;

    public sealed record Row(SuspenseItem Item, IReadOnlyList<SuggestedMatch> Suggestions);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Waiting { get; private set; }

    /// <summary>Bank debits taking back a credit that Reeve could not put against its posting (issue 21): an officer's to reverse by hand.</summary>
    public IReadOnlyList<BankEntries.ForOfficer> BankDebits { get; private set; } = [];

    public Money WaitingTotal { get; private set; }

    /// <summary>The item whose "another account" box is in error, with the reference typed.</summary>
    public (long ItemId, string? Typed)? Failed { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(long item, string? account, CancellationToken ct)
    {
        if (!User.CanChange())
        {
            return Forbid();
        }

        var outcome = await AllocateSuspenseItem.AllocateAsync(db, User.CouncilId(), item, (account ?? "").Trim(), User.OfficerUsername(),
            clock.GetCurrentInstant(), ct);
        switch (outcome)
        {
            case Outcome<AllocateSuspenseItem.Allocated>.Done { Value: var done }:
                Notice = done.AlreadyAllocated
                    ? $"Item {item} was already on account {done.Account.Reference}; nothing was posted again"
                    : $"{Show.Money(done.Item.Amount)} from item {item} posted to account {done.Account.Reference}";
                return Redirect("/payments/suspense");
            case Outcome<AllocateSuspenseItem.Allocated>.NotFound { What: var what } when what.StartsWith("suspense item", StringComparison.Ordinal):
                return NotFound();
            case Outcome<AllocateSuspenseItem.Allocated>.NotFound { What: var what }:
                ModelState.AddModelError(FieldFor(item), $"There is no {what} in this council");
                break;
            case Outcome<AllocateSuspenseItem.Allocated>.Invalid { Message: var message }:
                ModelState.AddModelError(FieldFor(item), message);
                break;
            case Outcome<AllocateSuspenseItem.Allocated>.Conflict { Message: var message }:
                ModelState.AddModelError(FieldFor(item), message);
                break;
        }

        Failed = (item, account);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Closes a bank debit the officer has dealt with, with what they did; audited with the change.</summary>
    public async Task<IActionResult> OnPostCloseDebitAsync(long import, string line, string? note, CancellationToken ct)
    {
        if (!User.CanChange())
        {
            return Forbid();
        }

        if (import <= 0 || FieldRules.Reference(line, "The entry") is not null)
        {
            return NotFound();
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        switch (await ResolveBankDebit.ResolveAsync(connection, tx, User.CouncilId(), import, line, note, User.OfficerUsername(),
                    OfficerAudit.RemoteAddress(HttpContext), clock.GetCurrentInstant()))
        {
            case Outcome<ResolveBankDebit.Resolved>.Done { Value: var done }:
                await tx.CommitAsync(ct);
                Notice = $"Bank debit of {Show.Money(done.Amount.Abs())} at import {import} entry {line} closed: {done.Note}";
                return Redirect("/payments/suspense");
            case Outcome<ResolveBankDebit.Resolved>.NotFound:
                return NotFound();
            case Outcome<ResolveBankDebit.Resolved>.Invalid { Message: var message }:
                ModelState.AddModelError(DebitFieldFor(import, line), message);
                break;
            case Outcome<ResolveBankDebit.Resolved>.Conflict { Message: var message }:
                ModelState.AddModelError(DebitFieldFor(import, line), message);
                break;
        }

        await tx.RollbackAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    public static string FieldFor(long itemId) => $"account-{itemId}";

    public static string DebitFieldFor(long importId, string line) => $"debit-note-{importId}-{string.Concat(line.Where(char.IsLetterOrDigit))}";

    private async Task LoadAsync(CancellationToken ct)
    {
        var council = User.CouncilId();
        await using var connection = await db.OpenAsync(ct);
        var items = await SuspenseQueue.ListAsync(connection, council, SuspenseStatus.Open, limit: 10_000);
        BankDebits = await BankEntries.ForOfficerAsync(connection, council);
        Waiting = items.Count;
        WaitingTotal = Money.Sum(items.Select(i => i.Amount));
        var rows = new List<Row>();
        foreach (var item in items.Take(MostShown))
        {
            rows.Add(new Row(item, await SuggestMatches.SuggestAsync(connection, council, item, most: 3)));
        }

        Rows = rows;
        await audit.RecordAsync(HttpContext, connection, null, AuditTrail.Actions.View, "suspense-queue", "open",
            $"Viewed the suspense queue: {rows.Count} of {Waiting} items shown");
    }
}
