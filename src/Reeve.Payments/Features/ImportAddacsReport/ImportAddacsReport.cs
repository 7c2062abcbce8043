using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Reports;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// Imports an ADDACS report (formats.md 2.2), all or nothing and once (by SHA-256), and only for the council's own
/// service user number. Each advice is applied at most once whatever file brings it (<see cref="ReportEntryKeys"/>),
/// and only to the mandate with its reference whose sort code, account number and name agree with the advice
/// (<see cref="PayerDetailsCheck"/>); otherwise it goes on the officers' list with the difference and nothing changes.
/// A cancellation (reasons 0, 1, 2, B) ends the mandate without a 0C (the bank has already cancelled it), moves the
/// account to paying by other means and asks for a letter; a transfer to new bank details (3, C) updates the mandate
/// and dates the change, which the refund check reads; a disputed advance notice (D) suspends collection; the rest
/// are kept for review.
/// </summary>
public static class ImportAddacsReport
{
    public static Task<BacsReportResult> ImportAsync(ReeveDatabase db, CouncilId council, string fileName, byte[] content, string officer, Instant now, CancellationToken ct = default) =>
        ImportAsync(db, council, fileName, content, officer, now, ImportFinish.Commit, ct);

    /// <summary>The same, committed or (<paramref name="finish"/>) a preview: applied and rolled back.</summary>
    public static Task<BacsReportResult> ImportAsync(
        ReeveDatabase db, CouncilId council, string fileName, byte[] content, string officer, Instant now, ImportFinish finish, CancellationToken ct = default) =>
        BacsReportImports.ImportAsync<AddacsReport>(db, council, BacsReportKind.Addacs, fileName, content, AddacsReport.Parse, report => report.Header,
            async (items, report, outcomes) =>
            {
                for (var i = 0; i < report.Advices.Count; i++)
                {
                    outcomes.Add(await ApplyAsync(items, i + 1, report.Advices[i]));
                }
            },
            officer, now, finish, ct);

    private static async Task<AdviceOutcome> ApplyAsync(ReportItems items, int itemNo, AddacsAdvice advice)
    {
        if (await items.EarlierAsync(ReportEntryKeys.For(items.ServiceUserNumber, advice), itemNo) is { } earlier)
        {
            return new AdviceOutcome(itemNo, advice.Reference, advice.Reason.Code, advice.Reason.Meaning, null, earlier, Duplicate: true);
        }

        var (connection, tx, council, officer, now) = (items.Connection, items.Tx, items.Council, items.Officer, items.Now);
        var mandate = await Mandates.ByReferenceAsync(connection, tx, council, advice.Reference);
        if (mandate is null)
        {
            return await items.ToOfficerAsync(itemNo, advice.Reference, advice.Reason, null, null, $"no mandate has the reference {advice.Reference}");
        }

        var differences = PayerDetailsCheck.Differences(
            new PayerDetails(mandate.SortCode, mandate.AccountNumber, mandate.PayerName),
            new PayerDetails(advice.PayerSortCode, advice.PayerAccountNumber, advice.PayerName));
        if (differences.Count > 0)
        {
            return await items.ToOfficerAsync(itemNo, advice.Reference, advice.Reason, mandate.MandateId, mandate.AccountId, string.Join("; ", differences));
        }

        var (mandateId, outcome) = await ChangeAsync(connection, tx, council, mandate, advice, officer, now);
        return new AdviceOutcome(itemNo, advice.Reference, advice.Reason.Code, advice.Reason.Meaning, mandateId, outcome);
    }

    private static async Task<(long? MandateId, string Outcome)> ChangeAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, Mandate mandate, AddacsAdvice advice, string officer, Instant now)
    {
        if (!mandate.IsLive)
        {
            return (mandate.MandateId, $"the mandate is already {mandate.Status}: nothing changed");
        }

        var why = $"{advice.Reason.Meaning} (ADDACS {advice.Reason.Code})";
        const string Source = "Bacs ADDACS";
        switch (advice.Reason.Action)
        {
            case DirectDebitAction.CancelMandate:
                await Mandates.EndAsync(connection, tx, council, mandate.MandateId, MandateStatus.Cancelled, why, advice.EffectiveDate, tellTheBank: false, officer, Source, now);
                return (mandate.MandateId, "cancelled; the account pays by other means now; letter asked for");
            case DirectDebitAction.UpdateBankDetails when advice is { NewSortCode: { } sort, NewAccountNumber: { } number }:
                await connection.ExecuteAsync(
                    "update dd_mandate set sort_code = @sort, account_number = @number, bank_details_changed_on = @effective, version = version + 1 " +
                    "where council_id = @council and mandate_id = @id",
                    new { council = council.Value, id = mandate.MandateId, sort = sort.Digits, number = number.Digits, effective = advice.EffectiveDate }, tx);
                await AccountEvents.RecordAsync(connection, tx, council, mandate.AccountId, now, advice.EffectiveDate, DirectDebitEvents.BankDetailsChanged,
                    $"Direct Debit {mandate.Reference} moved to sort code {Mandates.Show(sort)}, account ending {number.Digits[^4..]}: {why}", officer, Source);
                return (mandate.MandateId, $"bank details changed from {advice.EffectiveDate:uuuu-MM-dd}");
            case DirectDebitAction.SuspendMandate:
                await connection.ExecuteAsync(
                    "update dd_mandate set status = 'suspended', status_reason = @why, version = version + 1 where council_id = @council and mandate_id = @id",
                    new { council = council.Value, id = mandate.MandateId, why }, tx);
                await AccountEvents.RecordAsync(connection, tx, council, mandate.AccountId, now, advice.EffectiveDate, DirectDebitEvents.Review,
                    $"Direct Debit {mandate.Reference} suspended: {why}. No collection until an officer has looked at it", officer, Source);
                return (mandate.MandateId, "suspended for an officer to look at");
            default:
                await AccountEvents.RecordAsync(connection, tx, council, mandate.AccountId, now, advice.EffectiveDate, DirectDebitEvents.Review,
                    $"Direct Debit {mandate.Reference}: {why}, for an officer to look at", officer, Source);
                return (mandate.MandateId, "recorded for an officer to look at");
        }
    }
}
