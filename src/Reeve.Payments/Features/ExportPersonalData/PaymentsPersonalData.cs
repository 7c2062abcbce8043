using System.Data.Common;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>
/// What Payments holds on a person, for the subject access pack: Direct Debit mandates with the bank details given,
/// refunds asked for and decided (with where they were to be paid), reversals asked for, card payments begun and
/// Direct Debits the bank returned unpaid, on the accounts the person is party to.
/// </summary>
public sealed class PaymentsPersonalData : IPersonalDataSource
{
    public string Module => "Payments";

    public async Task<IReadOnlyList<PersonalDataFile>> ReadAsync(DbConnection connection, DbTransaction tx, PersonalDataSubject subject) =>
    [
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "payments/direct-debit-mandates.csv",
            "select reference, payer_name, sort_code, account_number, status, status_reason, signed_on, lodged_on, cancelled_on, " +
            "bank_details_changed_on, created_at, created_by from dd_mandate where council_id = @council and account_id {accounts} order by mandate_id",
            new("mandate reference", "reference"), new("account holder", "payer_name"), new("sort code", "sort_code"),
            new("account number", "account_number"), new("status", "status"), new("why", "status_reason"), new("signed", "signed_on", Shown.Date),
            new("lodged", "lodged_on", Shown.Date), new("cancelled", "cancelled_on", Shown.Date),
            new("bank details changed", "bank_details_changed_on", Shown.Date), new("recorded", "created_at", Shown.Instant), new("by", "created_by")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "payments/refunds.csv",
            "select r.refund_id, r.amount_pence, r.method, d.account_name, d.sort_code, d.account_number, r.reason, r.status, r.requested_on, " +
            "r.requested_by, r.decided_at, r.decided_by, r.decision_note from refund_request r " +
            "left join refund_bank_details d on d.council_id = r.council_id and d.details_id = r.details_id " +
            "where r.council_id = @council and r.account_id {accounts} order by r.refund_id",
            new("refund", "refund_id"), new("amount", "amount_pence", Shown.Money), new("paid by", "method"), new("account name", "account_name"),
            new("sort code", "sort_code"), new("account number", "account_number"), new("reason", "reason"), new("status", "status"),
            new("asked for", "requested_on", Shown.Date), new("asked by", "requested_by"), new("decided", "decided_at", Shown.Instant),
            new("decided by", "decided_by"), new("decision note", "decision_note")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "payments/reversals-asked-for.csv",
            "select request_id, amount_pence, reason, status, requested_at, requested_by, decided_at, decided_by, decision_note " +
            "from reversal_request where council_id = @council and account_id {accounts} order by request_id",
            new("request", "request_id"), new("amount", "amount_pence", Shown.Money), new("reason", "reason"), new("status", "status"),
            new("asked for", "requested_at", Shown.Instant), new("asked by", "requested_by"), new("decided", "decided_at", Shown.Instant),
            new("decided by", "decided_by"), new("decision note", "decision_note")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "payments/card-payments.csv",
            "select reference, amount_pence, status, created_at, created_by from card_payment where council_id = @council and account_id {accounts} order by card_payment_id",
            new("reference", "reference"), new("amount", "amount_pence", Shown.Money), new("status", "status"),
            new("started", "created_at", Shown.Instant), new("by", "created_by")),
        await PersonalDataQuery.ReadAsync(connection, tx, subject, "payments/returned-direct-debits.csv",
            "select bacs_reference, return_code, amount_pence, original_processing_date, outcome from returned_debit " +
            "where council_id = @council and account_id {accounts} order by import_id, item_no",
            new("reference", "bacs_reference"), new("bank's reason code", "return_code"), new("amount", "amount_pence", Shown.Money),
            new("due on", "original_processing_date", Shown.Date), new("what happened", "outcome")),
    ];
}
