#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Refunds;
using Reeve.Persistence;

namespace Reeve.Payments;

/// <summary>A refund as asked for and as it stands now.</summary>
public sealed record Refund(
    long RefundId,
    long AccountId,
    AccountReference Account,
    Money Amount,
    RefundMethod Method,
    string? SortCode,
    string? AccountNumber,
    string? AccountName,
    LocalDate? BankDetailsRecordedOn,
    string? CardPaymentId,
    string Reason,
    RefundStatus Status,
    bool NeedsApproval,
    bool HeldForReview,
    LocalDate RequestedOn,
    Instant RequestedAt,
    string RequestedBy,
    Instant? DecidedAt,
    string? DecidedBy,
    string? DecisionNote,
    long? RunId);

/// <summary>The council's refund settings: the approval limit, and the account refund credits are paid from.</summary>
public sealed record RefundSettings(Money ApprovalLimit, Domain.Bacs.ServiceUser? PaidFrom);

/// <summary>Reads of refunds and the council's refund settings.</summary>
public static class RefundStore
{
    public static async Task<RefundSettings> SettingsAsync(DbConnection connection, DbTransaction? tx, CouncilId council)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SettingRow>(
            "select approval_limit_pence, service_user_number, sort_code, account_number, account_name from refund_setting where council_id = @council",
            new { council = council.Value }, tx);
        if (row is null)
        {
            return new RefundSettings(RefundRules.DefaultApprovalLimit, null);
        }

        var paidFrom = row.service_user_number is { } sun && row.account_name is { } name
            && Domain.BankDetails.SortCode.TryParse(row.sort_code, out var sortCode, out _)
            && Domain.BankDetails.AccountNumber.TryParse(row.account_number, out var accountNumber, out _)
                ? new Domain.Bacs.ServiceUser(sun, sortCode, accountNumber, name)
                : null;
        return new RefundSettings(Money.FromPence(row.approval_limit_pence), paidFrom);
    }

    /// <summary>Sets the council's approval limit and, if given, the service user refunds are paid from.</summary>
    public static async Task SetSettingsAsync(DbConnection connection, DbTransaction tx, CouncilId council, RefundSettings settings)
    {
        var p = settings.PaidFrom;
        await connection.ExecuteAsync("delete from refund_setting where council_id = @council", new { council = council.Value }, tx);
        await connection.ExecuteAsync(
            "insert into refund_setting (council_id, approval_limit_pence, service_user_number, sort_code, account_number, account_name) " +
            "values (@council, @limit, @sun, @sortCode, @accountNumber, @name)",
            new
            {
                council = council.Value, limit = settings.ApprovalLimit.Pence, sun = p?.ServiceUserNumber, sortCode = p?.SortCode.Digits,
                accountNumber = p?.AccountNumber.Digits, name = p?.Name,
            },
            tx);
    }

    public static async Task<Refund?> GetAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long refundId) =>
        (await WithReferencesAsync(connection, tx, council, await connection.QueryAsync<Row>(Row.Select + " where r.council_id = @council and r.refund_id = @refundId",
            new { council = council.Value, refundId }, tx))).SingleOrDefault();

    public static async Task<IReadOnlyList<Refund>> ListAsync(DbConnection connection, DbTransaction? tx, CouncilId council, IReadOnlyList<RefundStatus> statuses) =>
        await WithReferencesAsync(connection, tx, council, await connection.QueryAsync<Row>(
            Row.Select + $" where r.council_id = @council and r.status {PaymentAccounts.AnyOf(connection)} order by r.refund_id",
            new { council = council.Value, chunk = statuses.Select(s => s.Code()).ToArray() }, tx));

    public static async Task<IReadOnlyList<Refund>> ForAccountAsync(DbConnection connection, CouncilId council, long accountId) =>
        await WithReferencesAsync(connection, null, council, await connection.QueryAsync<Row>(
            Row.Select + " where r.council_id = @council and r.account_id = @accountId order by r.refund_id", new { council = council.Value, accountId }));

    // The account references come from the Ledger's accounts, read once for all the rows.
    private static async Task<IReadOnlyList<Refund>> WithReferencesAsync(DbConnection connection, DbTransaction? tx, CouncilId council, IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        var accounts = await AccountStore.GetManyAsync(connection, council, list.Select(r => r.account_id).ToHashSet(), tx);
        return list.Select(r => r.ToRefund(accounts[r.account_id].Reference)).ToList();
    }

    /// <summary>Refunds asked for and not yet posted (waiting for approval or review): they hold credit back from new requests.</summary>
    public static async Task<Money> PendingAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long accountId) =>
        Money.FromPence(await connection.ExecuteScalarAsync<long>(
            "select coalesce(sum(amount_pence), 0) from refund_request where council_id = @council and account_id = @accountId " +
            "and status in ('awaiting-approval', 'held-for-review')",
            new { council = council.Value, accountId }, tx));

    private sealed class SettingRow
    {
        public long approval_limit_pence { get; set; }
        public string? service_user_number { get; set; }
        public string? sort_code { get; set; }
        public string? account_number { get; set; }
        public string? account_name { get; set; }
    }

    private sealed class Row
    {
        public const string Select =
            "select r.refund_id, r.account_id, r.amount_pence, r.method, d.sort_code, d.account_number, d.account_name, d.recorded_on, " +
            "r.card_payment_id, r.reason, r.status, case when r.needs_approval then 1 else 0 end as needs_approval, " +
            "case when r.held_for_review then 1 else 0 end as held_for_review, r.requested_on, r.requested_at, r.requested_by, " +
            "r.decided_at, r.decided_by, r.decision_note, r.run_id from refund_request r " +
            "left join refund_bank_details d on d.council_id = r.council_id and d.details_id = r.details_id";

        public long refund_id { get; set; }
        public long account_id { get; set; }
        public long amount_pence { get; set; }
        public string method { get; set; } = "";
        public string? sort_code { get; set; }
        public string? account_number { get; set; }
        public string? account_name { get; set; }
        public LocalDate? recorded_on { get; set; }
        public string? card_payment_id { get; set; }
        public string reason { get; set; } = "";
        public string status { get; set; } = "";
        public long needs_approval { get; set; }
        public long held_for_review { get; set; }
        public LocalDate requested_on { get; set; }
        public Instant requested_at { get; set; }
        public string requested_by { get; set; } = "";
        public Instant? decided_at { get; set; }
        public string? decided_by { get; set; }
        public string? decision_note { get; set; }
        public long? run_id { get; set; }

        public Refund ToRefund(AccountReference reference) => new(
            refund_id, account_id, reference, Money.FromPence(amount_pence), RefundCodes.MethodFrom(method),
            sort_code, account_number, account_name, recorded_on, card_payment_id, reason,
            RefundCodes.StatusFrom(status), needs_approval != 0, held_for_review != 0, requested_on,
            requested_at, requested_by, decided_at, decided_by,
            decision_note, run_id);
    }
}
