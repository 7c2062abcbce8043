using System.Data.Common;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.DirectDebit;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Reports;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// Imports an ARUDD report (Direct Debits returned unpaid, formats.md 2.3) on the frame every Bacs report shares
/// (<see cref="BacsReportImports.RunAsync"/>: parsed first, refused unless it is for the council's own service user
/// number, then once by SHA-256 and all or nothing), keeping its own record of reversals. Each returned debit is acted
/// on once whatever report brings it (<see cref="ReportEntryKeys"/>), and under a mandate only where the payer's bank
/// details agree with it (<see cref="PayerDetailsCheck"/>); anything else goes on the officers' list, nothing reversed. Each returned debit reverses the Direct Debit payment it took back (same account, amount and
/// processing date, not yet reversed), once; the ledger lets an entry be reversed only once. A returned debit with no
/// matching payment is recorded with the reason, for an officer. A debit Reeve collected (a dd_collection row)
/// returned with a reason that allows it (ARUDD 0, refer to payer) is re-presented once, with code 18, by a later
/// collection run after the payer's notice, and the dd-re-presentation letter names the day; it is not re-presented
/// under a mandate that has ended, while recovery is held on the account, or once the month for it would pass. Any
/// other return, and a re-presentation that comes back again, is recorded on the account as direct-debit-unpaid,
/// which is where recovery picks it up, and the dd-unpaid letter asks the payer to pay it another way. A reason that
/// says the instruction is gone (1, 2, B) ends the mandate, and the dd-cancelled letter says what is owed now.
/// </summary>
public static class ImportAruddReport
{
    /// <summary>
    /// What became of one returned debit. <paramref name="Duplicate"/>: the same returned debit had already come in (in
    /// this file or another) and nothing was reversed again; <paramref name="WorkItemId"/>: it went to an officer.
    /// </summary>
    public sealed record ItemOutcome(
        int ItemNo, string BacsReference, string ReturnCode, Money Amount, long? ReversedEntryId, string Outcome, bool Duplicate = false, long? WorkItemId = null);

    public sealed record Report(long ImportId, int Items, int ReversedCount, Money ReversedTotal, IReadOnlyList<ItemOutcome> Outcomes);

    public abstract record Result
    {
        private Result()
        {
        }

        public sealed record Refused(string Field, string Message) : Result;

        public sealed record AlreadyImported(long ImportId) : Result;

        public sealed record Imported(Report Report) : Result;
    }

    public static Task<Result> ImportAsync(ReeveDatabase db, CouncilId council, string fileName, byte[] content, string officer, Instant now, CancellationToken ct = default) =>
        ImportAsync(db, council, fileName, content, officer, now, ImportFinish.Commit, ct);

    /// <summary>The same, committed or (<paramref name="finish"/>) a preview: every reversal worked out and rolled back.</summary>
    public static Task<Result> ImportAsync(
        ReeveDatabase db, CouncilId council, string fileName, byte[] content, string officer, Instant now, ImportFinish finish, CancellationToken ct = default) =>
        BacsReportImports.RunAsync<AruddReport, Result>(db, council, content, AruddReport.Parse,
            report => (report.ServiceUserNumber, AruddReport.Root + "/ServiceLicenseInformation/@userNumber"),
            (field, message) => new Result.Refused(field, message),
            (connection, tx, sha) => connection.ExecuteScalarAsync<long?>("select import_id from arudd_import where council_id = @council and sha256 = @sha",
                new { council = council.Value, sha }, tx),
            previous => new Result.AlreadyImported(previous),
            (connection, tx, report, sha) => ApplyAsync(connection, tx, council, fileName, sha, report, officer, now),
            finish,
            ct);

    // ARUDD keeps its own record (arudd_import, returned_debit): the reversed count and total, and each item's reversal.
    private static async Task<Result> ApplyAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, string fileName, string sha, AruddReport report, string officer, Instant now)
    {
        var importId = await IdAllocator.ReserveAsync(connection, tx, council, "arudd_import", 1);
        await connection.ExecuteAsync(
            "insert into arudd_import (council_id, import_id, sha256, file_name, advice_number, processing_date, items, reversed_count, reversed_pence, imported_at, imported_by) " +
            "values (@council, @importId, @sha, @fileName, @advice, @date, @items, 0, 0, @now, @officer)",
            new
            {
                council = council.Value, importId, sha, fileName, advice = report.AdviceNumber, date = report.CurrentProcessingDate,
                items = report.Items.Count, now, officer,
            },
            tx);

        var outcomes = new List<ItemOutcome>();
        var items = new ReportItems(connection, tx, council, BacsReportKind.Arudd, importId, report.ServiceUserNumber, officer, now);
        for (var i = 0; i < report.Items.Count; i++)
        {
            var item = report.Items[i];
            var (accountId, entryId, outcome, duplicate, workItemId) = await ReturnAsync(items, i + 1, item, report.CurrentProcessingDate);
            outcomes.Add(new ItemOutcome(i + 1, item.Reference, item.ReturnCode, item.Amount, entryId, outcome, duplicate, workItemId));
            await connection.ExecuteAsync(
                "insert into returned_debit (council_id, import_id, item_no, bacs_reference, return_code, amount_pence, original_processing_date, account_id, reversed_entry_id, outcome) " +
                "values (@council, @importId, @itemNo, @reference, @code, @amount, @date, @accountId, @entryId, @outcome)",
                new
                {
                    council = council.Value, importId, itemNo = i + 1, reference = item.Reference, code = item.ReturnCode, amount = item.Amount.Pence,
                    date = item.OriginalProcessingDate, accountId, entryId, outcome,
                },
                tx);
        }

        var reversed = outcomes.Where(o => o.ReversedEntryId is not null).ToList();
        var total = Money.Sum(reversed.Select(o => o.Amount));
        await connection.ExecuteAsync(
            "update arudd_import set reversed_count = @count, reversed_pence = @pence where council_id = @council and import_id = @importId",
            new { council = council.Value, importId, count = reversed.Count, pence = total.Pence }, tx);
        return new Result.Imported(new Report(importId, report.Items.Count, reversed.Count, total, outcomes));
    }

    private sealed record Returned(long? AccountId, long? EntryId, string Outcome, bool Duplicate = false, long? WorkItemId = null);

    /// <summary>
    /// One returned debit: once only (<see cref="ReportEntryKeys"/>); under a mandate Reeve holds with that reference
    /// only if the payer's sort code, account number and name agree with it (<see cref="PayerDetailsCheck"/>); anything
    /// that does not agree or cannot be found goes on the officers' list and nothing is reversed.
    /// </summary>
    private static async Task<Returned> ReturnAsync(ReportItems items, int itemNo, ReturnedDebit item, LocalDate processingDate)
    {
        var (connection, tx, council, officer, now) = (items.Connection, items.Tx, items.Council, items.Officer, items.Now);
        if (await items.EarlierAsync(ReportEntryKeys.For(items.ServiceUserNumber, item), itemNo) is { } earlier)
        {
            return new Returned(null, null, earlier, Duplicate: true);
        }

        var collection = await CollectionAsync(connection, tx, council, item);
        var mandate = collection is null
            ? await Mandates.ByReferenceAsync(connection, tx, council, item.Reference.Trim().ToUpperInvariant())
            : await Mandates.GetAsync(connection, tx, council, collection.MandateId);
        if (mandate is not null)
        {
            var differences = PayerDetailsCheck.Differences(
                new PayerDetails(mandate.SortCode, mandate.AccountNumber, mandate.PayerName),
                new PayerDetails(item.PayerSortCode, item.PayerAccountNumber, item.PayerName));
            if (differences.Count > 0)
            {
                return await ToOfficerAsync(items, itemNo, item, mandate.MandateId, mandate.AccountId, string.Join("; ", differences));
            }
        }

        if (collection is not null)
        {
            return await ReturnCollectionAsync(connection, tx, council, collection, mandate!, item, processingDate, officer, now);
        }

        // A Direct Debit Reeve did not collect itself (no dd_collection row): the payment it posted is found by the
        // account reference in the Bacs reference, the amount and the original processing day.
        if (PayerReference.Read(item.Reference) is not ReferenceReading.Found found)
        {
            return await ToOfficerAsync(items, itemNo, item, null, null, $"no account reference in the Bacs reference {item.Reference}");
        }

        var accounts = await PaymentAccounts.FindAsync(connection, tx, council, [found.Reference]);
        if (!accounts.TryGetValue(found.Reference.Value, out var accountId))
        {
            return await ToOfficerAsync(items, itemNo, item, mandate?.MandateId, null, $"no such account {found.Reference}");
        }

        // The payment the collection posted: same account, amount and processing date, not already reversed;
        // one described as a Direct Debit first.
        var entryId = await PaymentEntries.StandingAsync(connection, council, accountId, item.Amount, item.OriginalProcessingDate, "Direct Debit", tx);
        if (entryId is null)
        {
            return await ToOfficerAsync(items, itemNo, item, mandate?.MandateId, accountId,
                $"no unreversed Direct Debit payment of {item.Amount.ToDisplayString()} on {item.OriginalProcessingDate:uuuu-MM-dd}");
        }

        var reversal = await ReverseEntry.ReverseAsync(connection, tx, council, entryId.Value, processingDate, officer, ReversalReason(item), now);
        if (reversal is not Outcome<PostedEntry>.Done)
        {
            return new Returned(accountId, null, $"not reversed: {reversal}");
        }

        await RecordUnpaidAsync(connection, tx, council, accountId, item, processingDate, officer, now);
        await DirectDebitLetters.UnpaidAsync(connection, tx, council, accountId, $"dd-unpaid:arudd:{items.ImportId}:{itemNo}", item.Reference.Trim(), item.Amount,
            item.Reason.Meaning, processingDate, now);
        return new Returned(accountId, entryId, $"reversed ({item.Reason.Meaning}: {item.Reason.Action})");
    }

    private static async Task<Returned> ToOfficerAsync(ReportItems items, int itemNo, ReturnedDebit item, long? mandateId, long? accountId, string difference)
    {
        var id = await items.RaiseAsync(itemNo, item.Reference, $"ARUDD {item.ReturnCode} {item.ReturnDescription}".TrimEnd(), mandateId, accountId, difference);
        return new Returned(accountId, null, $"not reversed, for an officer (work item {id}): {difference}", WorkItemId: id);
    }

    private sealed record CollectionRow(long CollectionId, long MandateId, long EntryId, long Attempt);

    // The collection a returned debit names: its mandate reference, original processing day and amount.
    private static async Task<CollectionRow?> CollectionAsync(DbConnection connection, DbTransaction tx, CouncilId council, ReturnedDebit item) =>
        await connection.QueryFirstOrDefaultAsync<CollectionRow>(
            "select c.collection_id as CollectionId, c.mandate_id as MandateId, c.entry_id as EntryId, cast(c.attempt as bigint) as Attempt from dd_collection c " +
            "join dd_mandate m on m.council_id = c.council_id and m.mandate_id = c.mandate_id " +
            "where c.council_id = @council and m.reference = @reference and c.processing_date = @date and c.amount_pence = @amount and c.status = 'collected' " +
            "order by c.collection_id",
            new
            {
                council = council.Value, reference = item.Reference.Trim().ToUpperInvariant(),
                date = item.OriginalProcessingDate, amount = item.Amount.Pence,
            },
            tx);

    private static async Task<Returned> ReturnCollectionAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, CollectionRow collection, Mandate mandate, ReturnedDebit item,
        LocalDate processingDate, string officer, Instant now)
    {
        var accountId = mandate.AccountId;
        var reversal = await ReverseEntry.ReverseAsync(connection, tx, council, collection.EntryId, processingDate, officer, ReversalReason(item), now);
        if (reversal is not Outcome<PostedEntry>.Done)
        {
            return new Returned(accountId, null, $"not reversed: {reversal}");
        }

        var today = now.InZone(UkTime.Zone).Date;

        // The payer's notice runs from the day Reeve learns of the return (the report's day, or a later import).
        var noticeFrom = today > processingDate ? today : processingDate;
        var again = CollectionPlanner.RePresentationDays(noticeFrom, WorkingDays.EnglandAndWales);
        var held = (await AccountHolds.ForAccountAsync(connection, council, accountId, tx)).FirstOrDefault(h => h.InForceOn(noticeFrom));
        var notAgain = RePresentationRefusal(item, collection, mandate, held, again, out var cancels);
        await connection.ExecuteAsync(
            "update dd_collection set status = @status, return_code = @code, returned_on = @returnedOn where council_id = @council and collection_id = @id",
            new { council = council.Value, id = collection.CollectionId, status = notAgain is null ? "represent-due" : "unpaid", code = item.ReturnCode, returnedOn = noticeFrom },
            tx);
        if (notAgain is not null)
        {
            await RecordUnpaidAsync(connection, tx, council, accountId, item, processingDate, officer, now);
            if (cancels && mandate.IsLive)
            {
                // ARUDD 1, 2 and B say the instruction itself is gone: end the mandate (no 0C, the bank has ended it),
                // which moves the account to paying by other means and queues the dd-cancelled letter.
                await Mandates.EndAsync(connection, tx, council, mandate.MandateId, MandateStatus.Cancelled,
                    $"the Direct Debit of {item.Amount.ToDisplayString()} was returned unpaid: {item.Reason.Meaning}, ARUDD {item.ReturnCode}",
                    processingDate, tellTheBank: false, officer, "Bacs ARUDD", now);
            }
            else if (held is null)
            {
                await DirectDebitLetters.UnpaidAsync(connection, tx, council, accountId, $"dd-unpaid:{collection.CollectionId}", mandate.Reference, item.Amount,
                    item.Reason.Meaning, processingDate, now);
            }

            return new Returned(accountId, collection.EntryId, $"reversed and recorded unpaid ({item.Reason.Meaning}; {notAgain})");
        }

        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, processingDate, DirectDebitEvents.Returned,
            $"Direct Debit of {item.Amount.ToDisplayString()} ({item.Reference}) returned: {item.Reason.Meaning}; it will be presented once more, on {again.EntryDay:d MMMM yyyy}",
            officer, "Bacs ARUDD reason 0: re-present once within a month");
        await DirectDebitLetters.RePresentationAsync(connection, tx, council, accountId, collection.CollectionId, mandate, item.Amount, item.Reason.Meaning,
            processingDate, again.EntryDay, now);
        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, processingDate, DirectDebitEvents.LetterDue,
            $"{DirectDebitEvents.Letters.RePresentation}: tell the payer the Direct Debit of {item.Amount.ToDisplayString()} was returned and will be collected again on {again.EntryDay:d MMMM yyyy}",
            officer, "Bacs ARUDD reason 0: notice before re-presentation");
        return new Returned(accountId, collection.EntryId, $"reversed; to be re-presented on {again.EntryDay:uuuu-MM-dd} ({item.Reason.Meaning})");
    }

    /// <summary>
    /// Why a returned collection will not be presented again, or null when it will (formats.md 3): only a reason
    /// that allows it (ARUDD 0), only once, only under a mandate still live, never while recovery is held on the
    /// account, and only if the payer's notice still lets it go within a month of the original processing day.
    /// </summary>
    private static string? RePresentationRefusal(
        ReturnedDebit item, CollectionRow collection, Mandate mandate, AccountHold? held, CollectionDays again, out bool cancelsMandate)
    {
        cancelsMandate = item.Reason.Action == DirectDebitAction.CancelMandate;
        return item.Reason.Action != DirectDebitAction.RePresent ? "the reason does not allow a re-presentation"
            : collection.Attempt != 1 ? "it was already presented again once"
            : !mandate.IsLive ? $"the Direct Debit is {mandate.Status}"
            : held is not null ? $"the account is held ({held.Reason.Describe()})"
            : again.ProcessingDay > item.OriginalProcessingDate.PlusMonths(1) ? "the month to present it again has passed"
            : null;
    }

    private static string ReversalReason(ReturnedDebit item) =>
        $"Direct Debit returned unpaid (ARUDD {item.ReturnCode} {item.ReturnDescription})".TrimEnd();

    /// <summary>The account event recovery reads: a Direct Debit that will not be collected again.</summary>
    private static async Task RecordUnpaidAsync(DbConnection connection, DbTransaction tx, CouncilId council, long accountId, ReturnedDebit item, LocalDate processingDate, string officer, Instant now)
    {
        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, processingDate, DirectDebitEvents.Unpaid,
            $"Direct Debit of {item.Amount.ToDisplayString()} ({item.Reference}) returned unpaid: {item.Reason.Meaning} (ARUDD {item.ReturnCode})",
            officer, "Bacs ARUDD");
        await AccountEvents.RecordAsync(connection, tx, council, accountId, now, processingDate, DirectDebitEvents.LetterDue,
            $"{DirectDebitEvents.Letters.Unpaid}: tell the payer the Direct Debit of {item.Amount.ToDisplayString()} was not paid and how to pay it",
            officer, "Bacs ARUDD");
    }
}
