using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// Queues the Direct Debit letters (dd-cancelled, dd-unpaid, dd-re-presentation) through the letters module's
/// queue, in the caller's transaction, so an import that ends a mandate or takes back a payment asks for its letter
/// in the same commit or not at all. Each request's source key names the mandate or the collection it is about,
/// so importing or running again queues nothing twice. The letter is dated the day it is asked for (UK time).
/// </summary>
public static class DirectDebitLetters
{
    /// <summary>A Direct Debit has ended: what is owed now and the instalments still to pay, from the latest bills.</summary>
    internal static async Task CancelledAsync(DbConnection connection, DbTransaction tx, CouncilId council, Mandate mandate, string whatHappened, Instant now)
    {
        var on = now.InZone(UkTime.Zone).Date;
        var owed = await OwedAsync(connection, tx, council, mandate.AccountId);
        var instalments = await InstalmentsFromAsync(connection, tx, council, mandate.AccountId, on);
        var payBy = instalments.Count > 0 ? instalments[0].DueOn : on.PlusDays(14);
        await QueueAsync(connection, tx, new LetterRequest(council, mandate.AccountId, on, $"dd-cancelled:{mandate.MandateId}",
            new DirectDebitCancelledFields(mandate.Reference, whatHappened, owed, payBy, instalments)), now);
    }

    /// <summary>A returned Direct Debit that will not be collected again: pay it within 7 days beginning with the day of issue.</summary>
    internal static async Task UnpaidAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long accountId, string sourceKey, string mandateReference, Money amount, string reason,
        LocalDate returnedOn, Instant now)
    {
        var on = now.InZone(UkTime.Zone).Date;
        var owed = await OwedAsync(connection, tx, council, accountId);
        await QueueAsync(connection, tx, new LetterRequest(council, accountId, on, sourceKey,
            new DirectDebitUnpaidFields(mandateReference, amount, reason, returnedOn, owed, on.PlusDays(6))), now);
    }

    /// <summary>A returned Direct Debit that will be presented once more, on the day the payer is told.</summary>
    internal static async Task RePresentationAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long accountId, long collectionId, Mandate mandate, Money amount, string reason,
        LocalDate returnedOn, LocalDate rePresentOn, Instant now) =>
        await QueueAsync(connection, tx, new LetterRequest(council, accountId, now.InZone(UkTime.Zone).Date, $"dd-re-presentation:{collectionId}",
            new DirectDebitRePresentationFields(mandate.Reference, amount, reason, returnedOn, rePresentOn, mandate.AccountNumber.Digits[^4..])), now);

    /// <summary>The Direct Debit letters queued for an account, newest first, for the mandate page.</summary>
    public static async Task<IReadOnlyList<QueuedLetter>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId) =>
        (await LetterRequests.ForAccountAsync(connection, council, accountId))
        .Where(l => l.Type is LetterType.DirectDebitCancelled or LetterType.DirectDebitUnpaid or LetterType.DirectDebitRePresentation
            or LetterType.DirectDebitAdvanceNotice)
        .OrderByDescending(l => l.RequestId).ToList();

    private static async Task QueueAsync(DbConnection connection, DbTransaction tx, LetterRequest request, Instant now)
    {
        var queued = await LetterRequests.RequestAsync(connection, tx, request, now);

        // In a Breathing Space the unpaid letter (a demand for the missed amount) is refused and the refusal is logged
        // on the account (SI 2020/1311 reg 11(1)); the import goes on. Any other refusal would lose the letter
        // silently, so it rolls the whole import back instead.
        var refused = queued is Outcome<QueuedLetter>.Conflict conflict && Moratoriums.IsRefusal(conflict.Message);
        if (queued is not Outcome<QueuedLetter>.Done && !refused)
        {
            throw new InvalidOperationException($"The {request.Type.Code()} letter ({request.SourceKey}) could not be queued");
        }
    }

    private static async Task<Money> OwedAsync(DbConnection connection, DbTransaction tx, CouncilId council, long accountId)
    {
        var balance = await ReadBalance.BalanceAsync(connection, council, accountId, tx);
        return balance.IsPositive ? balance : Money.Zero;
    }

    // The instalments in force on the letter's date and due on or after it (from each debt stream's schedule, through
    // the seam): what the payer now pays by other means.
    private static async Task<List<InstalmentLine>> InstalmentsFromAsync(DbConnection connection, DbTransaction tx, CouncilId council, long accountId, LocalDate on)
    {
        var rows = await connection.QueryAsync<(LocalDate DueOn, Money Amount)>(
            "select s.due_on, s.amount_pence from (" + DebtStreamSchedules.Union(d => d.DueScheduleSql) + ") s " +
            "where s.due_on >= @on and s.amount_pence > 0 order by s.due_on, s.financial_year",
            new { council = council.Value, lo = accountId - 1, hi = accountId, asAt = on, on }, tx);
        return rows.Select(r => new InstalmentLine(r.DueOn, r.Amount)).ToList();
    }
}
