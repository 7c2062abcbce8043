#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.Payments;

/// <summary>
/// A Bacs report item Reeve did not apply, waiting for an officer: the payer's details in the report differ from
/// the mandate's, or nothing in Reeve has that reference, or there was nothing to reverse. The difference says what
/// the report has and what Reeve holds. Nothing on the mandate or the ledger was changed for it.
/// </summary>
public sealed record BacsWorkItem(
    long WorkItemId,
    BacsReportKind Kind,
    long ImportId,
    int ItemNo,
    string Reference,
    string Reason,
    long? MandateId,
    long? AccountId,
    string Difference,
    bool Open,
    Instant RaisedAt,
    string RaisedBy,
    Instant? ResolvedAt,
    string? ResolvedBy,
    string? Resolution);

/// <summary>The officers' list of Bacs report items to look at (issue 21): raised by the report imports, resolved by an officer.</summary>
public static class BacsWorkItems
{
    /// <summary>What an import knows about the item it could not apply.</summary>
    internal sealed record Raise(BacsReportKind Kind, long ImportId, int ItemNo, string Reference, string Reason, long? MandateId, long? AccountId, string Difference);

    internal static async Task<long> RaiseAsync(DbConnection connection, DbTransaction tx, CouncilId council, Raise item, string officer, Instant now)
    {
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "bacs_work_item", 1);
        await connection.ExecuteAsync(
            "insert into bacs_work_item (council_id, work_item_id, kind, import_id, item_no, reference, reason, mandate_id, account_id, difference, status, raised_at, raised_by) " +
            "values (@council, @id, @kind, @importId, @itemNo, @reference, @reason, @mandateId, @accountId, @difference, 'open', @now, @officer)",
            new
            {
                council = council.Value, id, kind = Code(item.Kind), importId = item.ImportId, itemNo = item.ItemNo, reference = item.Reference.Trim(), reason = item.Reason,
                mandateId = item.MandateId, accountId = item.AccountId, difference = item.Difference, now, officer,
            },
            tx);
        await WorkQueue.RaiseAsync(connection, tx, council, ToWork(id, item.Kind, item.Reference.Trim(), item.Reason, item.AccountId, now), now);
        return id;
    }

    public const string WorkSource = "payments.bacs-report";
    public const int WorkingDaysToResolve = 5;

    /// <summary>The queue's item for a Bacs report item: for the Payments team, five working days to resolve.</summary>
    internal static WorkToRaise ToWork(long id, BacsReportKind kind, string reference, string reason, long? accountId, Instant raisedAt) => new(
        WorkSource, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Direct Debit report item",
        $"{kind.ToString().ToUpperInvariant()} item for reference {reference}: {reason}", WorkTeams.Payments,
        WorkClocks.WorkingDaysAfter(raisedAt, WorkingDaysToResolve), WorkClock.WorkingDays, AccountId: accountId);

    /// <summary>Bacs report items still open when the queue arrived.</summary>
    public sealed class Backfill : IWorkBackfill
    {
        public string Source => WorkSource;

        public async Task<IReadOnlyList<WorkToRaise>> WaitingAsync(DbConnection connection, DbTransaction tx, CouncilId council, LocalDate today) =>
            (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and status = 'open' order by work_item_id", new { council = council.Value }, tx))
            .Select(r => r.ToItem())
            .Select(i => ToWork(i.WorkItemId, i.Kind, i.Reference, i.Reason, i.AccountId, i.RaisedAt)).ToList();
    }

    /// <summary>The items still open, oldest first.</summary>
    public static async Task<IReadOnlyList<BacsWorkItem>> OpenAsync(DbConnection connection, CouncilId council, int limit = 500) =>
        (await connection.QueryAsync<Row>(Row.Select + " where council_id = @council and status = 'open' order by work_item_id limit @limit",
            new { council = council.Value, limit })).Select(r => r.ToItem()).ToList();

    public static async Task<BacsWorkItem?> GetAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long workItemId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(Row.Select + " where council_id = @council and work_item_id = @workItemId",
            new { council = council.Value, workItemId }, tx))?.ToItem();

    /// <summary>
    /// An officer closes an item, saying what they did (for example set the mandate up again with the right details,
    /// or found it was another council's). Resolving changes nothing else: the officer acts through the usual screens.
    /// </summary>
    public static async Task<Outcome<BacsWorkItem>> ResolveAsync(ReeveDatabase db, CouncilId council, long workItemId, string? note, string officer, Instant now, CancellationToken ct = default)
    {
        var resolution = (note ?? "").Trim();
        if (resolution.Length == 0)
        {
            return new Outcome<BacsWorkItem>.Invalid("note", "Say what was done about the item");
        }

        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var item = await GetAsync(connection, tx, council, workItemId);
        if (item is null)
        {
            return new Outcome<BacsWorkItem>.NotFound($"Bacs work item {workItemId}");
        }

        if (!item.Open)
        {
            return new Outcome<BacsWorkItem>.Conflict($"Bacs work item {workItemId} was already resolved by {item.ResolvedBy}: {item.Resolution}");
        }

        await connection.ExecuteAsync(
            "update bacs_work_item set status = 'resolved', resolved_at = @now, resolved_by = @officer, resolution = @resolution where council_id = @council and work_item_id = @workItemId",
            new { council = council.Value, workItemId, now, officer, resolution }, tx);
        await WorkQueue.CloseAsync(connection, tx, council, WorkSource, workItemId.ToString(System.Globalization.CultureInfo.InvariantCulture), now);
        await tx.CommitAsync(ct);
        return item with { Open = false, ResolvedAt = now, ResolvedBy = officer, Resolution = resolution };
    }

    internal static string Code(BacsReportKind kind) => kind.ToString().ToLowerInvariant();

    private sealed class Row
    {
        public const string Select =
            "select work_item_id, kind, import_id, item_no, reference, reason, mandate_id, account_id, difference, status, raised_at, raised_by, resolved_at, resolved_by, resolution from bacs_work_item";

        public long work_item_id { get; set; }
        public string kind { get; set; } = "";
        public long import_id { get; set; }
        public long item_no { get; set; }
        public string reference { get; set; } = "";
        public string reason { get; set; } = "";
        public long? mandate_id { get; set; }
        public long? account_id { get; set; }
        public string difference { get; set; } = "";
        public string status { get; set; } = "";
        public Instant raised_at { get; set; }
        public string raised_by { get; set; } = "";
        public Instant? resolved_at { get; set; }
        public string? resolved_by { get; set; }
        public string? resolution { get; set; }

        public BacsWorkItem ToItem() => new(
            work_item_id, Enum.Parse<BacsReportKind>(kind, ignoreCase: true), import_id, (int)item_no, reference, reason, mandate_id, account_id, difference,
            status == "open", raised_at, raised_by, resolved_at, resolved_by, resolution);
    }
}
