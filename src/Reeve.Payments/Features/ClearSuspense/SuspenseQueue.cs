#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Receipts;
using Reeve.Persistence;
using Reeve.Work;

namespace Reeve.Payments;

public enum SuspenseStatus
{
    Open = 1,
    Allocated = 2,
}

/// <summary>A credit waiting in suspense, or one an officer has allocated.</summary>
public sealed record SuspenseItem(
    long ItemId,
    long? ImportId,
    string Line,
    string Channel,
    Money Amount,
    LocalDate PaidOn,
    string? PayerName,
    string ReferenceText,
    string BankReference,
    SuspenseReason Reason,
    SuspenseStatus Status,
    long? AllocatedAccountId,
    Instant? AllocatedAt,
    string? AllocatedBy,
    Instant CreatedAt);

/// <summary>The suspense queue: credits Reeve could not put on an account, kept until an officer allocates them.</summary>
public static class SuspenseQueue
{
    public sealed record NewItem(Receipt Receipt, SuspenseReason Reason);

    private sealed record NewRow(CouncilId Council, long ItemId, long? ImportId, string Channel, NewItem Item, Instant Now)
    {
        public static readonly BulkTable<NewRow> Shape = new BulkTable<NewRow>()
            .Int4("council_id", r => r.Council.Value).Int8("item_id", r => r.ItemId).Int8("import_id", r => r.ImportId)
            .Text("line", r => r.Item.Receipt.Line).Text("channel", r => r.Channel).Money("amount_pence", r => r.Item.Receipt.Amount)
            .Date("paid_on", r => r.Item.Receipt.PaidOn).Text("payer_name", r => r.Item.Receipt.PayerName)
            .Text("reference_text", r => r.Item.Receipt.ReferenceText).Text("bank_reference", r => r.Item.Receipt.BankReference)
            .Text("reason", r => r.Item.Reason.Code()).Text("status", _ => Code(SuspenseStatus.Open)).Instant("created_at", r => r.Now);
    }

    public static async Task AddAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long? importId, string channel, IReadOnlyList<NewItem> items, Instant now, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return;
        }

        var first = await IdAllocator.ReserveAsync(connection, tx, council, "suspense_item", items.Count);
        var rows = items.Select((item, i) => new NewRow(council, first + i, importId, channel, item, now)).ToList();
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "suspense_item", NewRow.Shape, rows, ct);
        await WorkQueue.RaiseManyAsync(connection, tx, council, rows.Select(r => SuspenseWork.For(
            r.ItemId, r.Item.Receipt.Amount, r.Item.Receipt.PaidOn, r.Item.Receipt.PayerName, r.Item.Receipt.ReferenceText, now)).ToList(), now, ct);
    }

    public static async Task<IReadOnlyList<SuspenseItem>> ListAsync(DbConnection connection, CouncilId council, SuspenseStatus? status, int limit = 500) =>
        (await connection.QueryAsync<Row>(
            Row.Select + " where council_id = @council and (@status is null or status = @status) order by item_id limit @limit",
            new { council = council.Value, status = status is { } s ? Code(s) : null, limit }))
        .Select(r => r.ToItem()).ToList();

    public static async Task<SuspenseItem?> GetAsync(DbConnection connection, DbTransaction? tx, CouncilId council, long itemId) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(
            Row.Select + " where council_id = @council and item_id = @itemId", new { council = council.Value, itemId }, tx))?.ToItem();

    public static string Code(SuspenseStatus status) => status switch
    {
        SuspenseStatus.Open => "open",
        SuspenseStatus.Allocated => "allocated",
    };

    private sealed class Row
    {
        public const string Select =
            "select item_id, import_id, line, channel, amount_pence, paid_on, payer_name, reference_text, bank_reference, reason, status, " +
            "allocated_account_id, allocated_at, allocated_by, created_at from suspense_item";

        public long item_id { get; set; }
        public long? import_id { get; set; }
        public string line { get; set; } = "";
        public string channel { get; set; } = "";
        public long amount_pence { get; set; }
        public LocalDate paid_on { get; set; }
        public string? payer_name { get; set; }
        public string reference_text { get; set; } = "";
        public string bank_reference { get; set; } = "";
        public string reason { get; set; } = "";
        public string status { get; set; } = "";
        public long? allocated_account_id { get; set; }
        public Instant? allocated_at { get; set; }
        public string? allocated_by { get; set; }
        public Instant created_at { get; set; }

        public SuspenseItem ToItem() => new(
            item_id, import_id, line, channel, Money.FromPence(amount_pence), paid_on, payer_name, reference_text,
            bank_reference, SuspenseReasons.FromCode(reason), status == "allocated" ? SuspenseStatus.Allocated : SuspenseStatus.Open,
            allocated_account_id, allocated_at, allocated_by,
            created_at);
    }
}
