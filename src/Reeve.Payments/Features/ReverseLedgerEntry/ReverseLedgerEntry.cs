#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Globalization;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.Payments;

/// <summary>
/// The one handler every officer's reversal of a ledger line goes through (the account page's Reverse, and anything
/// added later). A reversal that lowers what the account owes (of a charge, costs, an increase, a refund or a transfer
/// in) is a write-off by another name, so it takes the refunds' controls: above the asking officer's approval limit (their own, else the council's) it waits
/// for a Team Leader or Manager who did not ask for it, and posts only when they approve. A reversal that raises what is
/// owed (a payment posted in error or returned by the bank) posts at once with its reason, as before: it takes no money
/// from the council and a debt it raises is one the resident is shown and can dispute. A System Administrator may do
/// neither. Every step writes its audit line in the caller's transaction, which the caller commits when the outcome is done.
/// </summary>
public static class ReverseLedgerEntry
{
    public sealed record Request(CouncilId Council, AccountReference Account, long EntryId, string? Reason, string Officer, Role Role, string? RemoteAddress);

    /// <summary>What happened: the reversal when it was posted, or the request when it waits for a second officer.</summary>
    public sealed record Result(PostedEntry? Posted, long? WaitingRequestId, string Message);

    /// <summary>A reversal waiting for a second officer.</summary>
    public sealed record Waiting(
        long RequestId, AccountReference Account, long EntryId, EntryKind Kind, Money Amount, LocalDate EffectiveDate, string Reason,
        string RequestedBy, Instant RequestedAt);

    private const string AwaitingApproval = "awaiting-approval";

    public static async Task<Outcome<Result>> RequestAsync(DbConnection connection, DbTransaction tx, Request request, LocalDate today, Instant now)
    {
        if (!request.Role.MayHandleMoney())
        {
            return new Outcome<Result>.Conflict(request.Role == Role.SystemAdministrator
                ? request.Role.WhyNotApprover()
                : $"{request.Role.WithArticle()} may not reverse ledger entries");
        }

        var council = request.Council;
        var entry = await ReadAccountLedger.EntryAsync(connection, tx, council, request.EntryId);
        var account = entry is null ? null : await AccountStore.GetAsync(connection, council, entry.AccountId, tx);
        var lowersDebt = entry is not null && entry.Kind != EntryKind.Reversal && entry.EffectOnAccount.IsPositive;
        var councilLimit = (await RefundStore.SettingsAsync(connection, tx, council)).ApprovalLimit;
        var ownLimit = await ApprovalLimits.OwnAsync(connection, request.Officer, tx);
        var limitText = ApprovalRules.Describe(ownLimit, councilLimit);
        if (entry is null || account is null || account.Reference != request.Account || !lowersDebt || !ApprovalRules.NeedsSecondOfficer(entry.Amount, ownLimit, councilLimit))
        {
            // Not this account's, a reversal, raising what is owed, or within the limit: the ledger's own checks decide.
            return await PostAsync(connection, tx, council, request.Account, request.EntryId, request.Reason, request.Officer, request.RemoteAddress,
                lowersDebt ? $"within {limitText}" : null, today, now);
        }

        var why = request.Reason?.Trim() ?? "";
        if (why.Length == 0 || why.Length > ReverseEntry.LongestReason)
        {
            return new Outcome<Result>.Invalid("reason", why.Length == 0
                ? "Say why the entry is being reversed"
                : $"The reason must be {ReverseEntry.LongestReason} characters or fewer");
        }

        if (await ReverseEntry.ReversedByAsync(connection, tx, council, entry.EntryId) is { } already)
        {
            return new Outcome<Result>.Conflict($"Entry {entry.EntryId} has already been reversed by entry {already}");
        }

        if (await WaitingForAsync(connection, tx, council, entry.EntryId) is { } waiting)
        {
            return new Outcome<Result>.Conflict($"Reversing entry {entry.EntryId} already waits for a second officer (request {waiting.RequestId} by {waiting.RequestedBy})");
        }

        var id = await IdAllocator.ReserveAsync(connection, tx, council, "reversal_request", 1);
        await connection.ExecuteAsync(
            "insert into reversal_request (council_id, request_id, account_id, entry_id, amount_pence, reason, status, requested_at, requested_by) " +
            "values (@council, @id, @accountId, @entryId, @amount, @why, @status, @now, @officer)",
            new { council = council.Value, id, accountId = account.AccountId, entryId = entry.EntryId, amount = entry.Amount.Pence, why, status = AwaitingApproval, now, officer = request.Officer },
            tx);
        var what = $"{entry.Kind.Title()} of {entry.Amount.ToDisplayString()} on {DateText.LongForm.Format(entry.EffectiveDate)}";
        var message = $"Reversing the {what.ToLowerInvariant()} waits for a Team Leader or Manager: it lowers what is owed by more than {limitText}";
        await WorkQueue.RaiseAsync(connection, tx, council, ApprovalWork.Reversal(id, what, account.AccountId, now), now);
        await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, today, "reversal-requested", $"{message} (request {id}): {why}", request.Officer, null);
        await AuditTrail.RecordAsync(connection, tx, council, request.Officer, AuditTrail.Actions.Change, "account", account.Reference.Value,
            $"Asked to reverse ledger entry {entry.EntryId} ({what}), waiting for approval as request {id}: {why}", request.RemoteAddress, now);
        return new Result(null, id, message);
    }

    /// <summary>A Team Leader or Manager who did not ask for it approves (and the reversal posts) or rejects (with a reason) a waiting reversal.</summary>
    public static async Task<Outcome<Result>> DecideAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long requestId, bool approve, string? note, string officer, Role role, string? remoteAddress,
        LocalDate today, Instant now)
    {
        if (!role.MayApproveMoney())
        {
            return new Outcome<Result>.Conflict(role.WhyNotApprover());
        }

        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            Row.Select + " where council_id = @council and request_id = @requestId", new { council = council.Value, requestId }, tx);
        if (row is null)
        {
            return new Outcome<Result>.NotFound($"reversal request {requestId}");
        }

        if (row.status != AwaitingApproval)
        {
            return new Outcome<Result>.Conflict($"Reversal request {requestId} is already {row.status}");
        }

        if (string.Equals(row.requested_by, officer, StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome<Result>.Conflict("A reversal must be approved or rejected by an officer other than the one who asked for it");
        }

        var trimmed = note?.Trim() ?? "";
        if (!approve && trimmed.Length == 0)
        {
            return new Outcome<Result>.Invalid("note", "Say why the reversal is rejected");
        }

        if (trimmed.Length > 500)
        {
            return new Outcome<Result>.Invalid("note", "The note must be 500 characters or fewer");
        }

        if (approve && ApprovalRules.ApproverProblem(role, await ApprovalLimits.OwnAsync(connection, officer, tx), Money.FromPence(row.amount_pence)) is { } overLimit)
        {
            return new Outcome<Result>.Conflict(overLimit);
        }

        var account = await AccountStore.GetAsync(connection, council, row.account_id, tx)
            ?? throw new InvalidOperationException($"Reversal request {requestId} names an account that is not there");
        long? reversalId = null;
        Result result;
        if (approve)
        {
            var posted = await PostAsync(connection, tx, council, account.Reference, row.entry_id, row.reason, officer, remoteAddress,
                $"approved by {officer}, asked for by {row.requested_by}", today, now);
            if (posted is not Outcome<Result>.Done { Value: var done })
            {
                return posted;
            }

            reversalId = done.Posted!.EntryId;
            result = done;
        }
        else
        {
            await AccountEvents.RecordAsync(connection, tx, council, account.AccountId, now, today, "reversal-rejected",
                $"Reversal request {requestId} of entry {row.entry_id} rejected: {trimmed}", officer, null);
            result = new Result(null, null, $"Reversal request {requestId} rejected");
        }

        var changed = await connection.ExecuteAsync(
            "update reversal_request set status = @status, decided_at = @now, decided_by = @officer, decision_note = @note, reversal_entry_id = @reversalId " +
            "where council_id = @council and request_id = @requestId and status = @was",
            new { status = approve ? "approved" : "rejected", now, officer, note = trimmed.Length == 0 ? null : trimmed, reversalId, council = council.Value, requestId, was = AwaitingApproval },
            tx);
        if (changed == 0)
        {
            throw new InvalidOperationException($"Reversal request {requestId} was decided by someone else just now");
        }

        await WorkQueue.CloseAsync(connection, tx, council, ApprovalWork.ReversalSource, ApprovalWork.Key(requestId), now);

        await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "account", account.Reference.Value,
            $"{(approve ? "Approved" : "Rejected")} the reversal of ledger entry {row.entry_id} ({Money.FromPence(row.amount_pence).ToDisplayString()}) asked for by {row.requested_by}" +
            (trimmed.Length == 0 ? "" : ": " + trimmed), remoteAddress, now);
        return result;
    }

    /// <summary>The reversals waiting for a second officer, oldest first.</summary>
    public static async Task<IReadOnlyList<Waiting>> WaitingAsync(DbConnection connection, CouncilId council)
    {
        var rows = await connection.QueryAsync<Row>(
            Row.Select + " where council_id = @council and status = @status order by request_id", new { council = council.Value, status = AwaitingApproval });
        var waiting = new List<Waiting>();
        foreach (var row in rows)
        {
            waiting.Add(await ToWaitingAsync(connection, null, council, row));
        }

        return waiting;
    }

    private static async Task<Waiting?> WaitingForAsync(DbConnection connection, DbTransaction tx, CouncilId council, long entryId) =>
        await connection.QuerySingleOrDefaultAsync<Row>(
            Row.Select + " where council_id = @council and entry_id = @entryId and status = @status", new { council = council.Value, entryId, status = AwaitingApproval }, tx)
        is { } row ? await ToWaitingAsync(connection, tx, council, row) : null;

    private static async Task<Waiting> ToWaitingAsync(DbConnection connection, DbTransaction? tx, CouncilId council, Row row)
    {
        var account = await AccountStore.GetAsync(connection, council, row.account_id, tx);
        var entry = await ReadAccountLedger.EntryAsync(connection, tx, council, row.entry_id);
        return new Waiting(row.request_id, account!.Reference, row.entry_id, entry!.Kind, Money.FromPence(row.amount_pence), entry.EffectiveDate, row.reason,
            row.requested_by, row.requested_at);
    }

    private static async Task<Outcome<Result>> PostAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, AccountReference account, long entryId, string? reason, string officer, string? remoteAddress,
        string? control, LocalDate today, Instant now)
    {
        var outcome = await ReverseEntry.ReverseOnAccountAsync(connection, tx, council, account, entryId, today, officer, reason, now);
        switch (outcome)
        {
            case Outcome<PostedEntry>.Done { Value: var reversal }:
                await AuditTrail.RecordAsync(connection, tx, council, officer, AuditTrail.Actions.Change, "account", account.Value,
                    $"Reversed ledger entry {entryId}{(control is null ? "" : $" ({control})")}: {reason!.Trim()}", remoteAddress, now);
                return new Result(reversal, null, $"Entry {entryId} reversed");
            case Outcome<PostedEntry>.Invalid invalid:
                return new Outcome<Result>.Invalid(invalid.Field, invalid.Message);
            case Outcome<PostedEntry>.NotFound notFound:
                return new Outcome<Result>.NotFound(notFound.What);
            case Outcome<PostedEntry>.Conflict conflict:
                return new Outcome<Result>.Conflict(conflict.Message);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }

    private sealed class Row
    {
        public const string Select =
            "select request_id, account_id, entry_id, amount_pence, reason, status, requested_at, requested_by from reversal_request";

        public long request_id { get; set; }
        public long account_id { get; set; }
        public long entry_id { get; set; }
        public long amount_pence { get; set; }
        public string reason { get; set; } = "";
        public string status { get; set; } = "";
        public Instant requested_at { get; set; }
        public string requested_by { get; set; } = "";
    }
}
