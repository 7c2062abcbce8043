using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Payments.Domain.Receipts;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// An officer puts a suspense item on the account it belongs to: the payment is posted (split over financial
/// years as an imported payment is), the item is marked allocated, and the audit trail records who did it,
/// all in one transaction. The entries carry a key made from the item, so allocating the same item to the same
/// account again posts nothing; allocating it to another account is refused.
/// </summary>
public static class AllocateSuspenseItem
{
    public sealed record Allocated(SuspenseItem Item, Account Account, IReadOnlyList<PostedEntry> Entries, bool AlreadyAllocated);

    public static async Task<Outcome<Allocated>> AllocateAsync(
        ReeveDatabase db, CouncilId council, long itemId, string accountReference, string officer, Instant now, CancellationToken ct = default)
    {
        if (!AccountReference.TryParse(accountReference, out var reference, out var error))
        {
            return new Outcome<Allocated>.Invalid("account", error);
        }

        if (string.IsNullOrWhiteSpace(officer))
        {
            return new Outcome<Allocated>.Invalid("officer", "Say who is allocating the payment");
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var item = await SuspenseQueue.GetAsync(connection, tx, council, itemId);
        if (item is null)
        {
            return new Outcome<Allocated>.NotFound($"suspense item {itemId}");
        }

        var found = await PaymentAccounts.FindAsync(connection, tx, council, [reference]);
        if (!found.TryGetValue(reference.Value, out var accountId))
        {
            return new Outcome<Allocated>.NotFound($"account {reference}");
        }

        var account = (await AccountStore.GetAsync(connection, council, accountId, tx))!;
        if (item.Status == SuspenseStatus.Allocated)
        {
            return item.AllocatedAccountId == accountId
                ? new Allocated(item, account, [], AlreadyAllocated: true)
                : new Outcome<Allocated>.Conflict($"Suspense item {itemId} was allocated to another account by {item.AllocatedBy}; reverse that payment first");
        }

        var outstanding = await PaymentAccounts.OutstandingByYearAsync(connection, tx, council, [accountId]);
        var entries = PaymentAccounts.EntriesFor(council, accountId, item.Amount, item.PaidOn, item.ReferenceText, outstanding, officer,
            $"{item.Channel}, bank reference {item.BankReference}, allocated from suspense item {itemId}",
            $"Payment allocated from suspense: item {itemId} ({item.Reason.Code()})", $"suspense:{itemId}");
        if (await PostEntries.PostAsync(connection, tx, entries, now, ct) is not Outcome<PostResult>.Done posted)
        {
            throw new InvalidOperationException($"The payment from suspense item {itemId} could not be posted");
        }

        var marked = await connection.ExecuteAsync(
            "update suspense_item set status = 'allocated', allocated_account_id = @accountId, allocated_at = @now, allocated_by = @officer " +
            "where council_id = @council and item_id = @itemId and status = 'open'",
            new { council = council.Value, itemId, accountId, now, officer }, tx);
        if (marked == 0)
        {
            await tx.RollbackAsync(ct);
            return new Outcome<Allocated>.Conflict($"Suspense item {itemId} was allocated by someone else just now");
        }

        await SuspenseWork.CloseAsync(connection, tx, council, itemId, now);
        var detail = $"Allocated {item.Amount.ToDisplayString()} paid on {item.PaidOn:uuuu-MM-dd} ({item.Reason.Code()}: '{item.ReferenceText}') to account {reference}";
        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "suspense-item",
            itemId.ToString(System.Globalization.CultureInfo.InvariantCulture), detail, null, now);
        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, item.PaidOn, "payment",
            $"Payment of {item.Amount.ToDisplayString()} allocated from suspense", officer, "Payment allocated from suspense");
        await tx.CommitAsync(ct);
        var allocated = item with { Status = SuspenseStatus.Allocated, AllocatedAccountId = accountId, AllocatedAt = now, AllocatedBy = officer };
        return new Allocated(allocated, account, posted.Value.Posted, AlreadyAllocated: false);
    }
}
