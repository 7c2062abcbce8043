#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Receipts;
using Reeve.Persistence;

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

    private static readonly string[] Columns =
    [
        "council_id", "item_id", "import_id", "line", "channel", "amount_pence", "paid_on", "payer_name", "reference_text",
        "bank_reference", "reason", "status", "created_at",
    ];

    public static async Task AddAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long? importId, string channel, IReadOnlyList<NewItem> items, Instant now, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return;
        }

        var pg = connection is Npgsql.NpgsqlConnection;
        var first = await IdAllocator.ReserveAsync(connection, tx, council, "suspense_item", items.Count);
        var rows = items.Select((item, i) => new object?[]
        {
            council.Value, first + i, importId, item.Receipt.Line, channel, item.Receipt.Amount.Pence,
            DapperSetup.ToDb(item.Receipt.PaidOn, pg), item.Receipt.PayerName, item.Receipt.ReferenceText, item.Receipt.BankReference,
            item.Reason.Code(), Code(SuspenseStatus.Open), DapperSetup.ToDb(now, pg),
        }).ToList();
        await BulkWriter.WriteAsync(connection, tx, "suspense_item", Columns, rows, ct);
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
        public object paid_on { get; set; } = "";
        public string? payer_name { get; set; }
        public string reference_text { get; set; } = "";
        public string bank_reference { get; set; } = "";
        public string reason { get; set; } = "";
        public string status { get; set; } = "";
        public long? allocated_account_id { get; set; }
        public object? allocated_at { get; set; }
        public string? allocated_by { get; set; }
        public object created_at { get; set; } = "";

        public SuspenseItem ToItem() => new(
            item_id, import_id, line, channel, Money.FromPence(amount_pence), DapperSetup.ReadDate(paid_on), payer_name, reference_text,
            bank_reference, SuspenseReasons.FromCode(reason), status == "allocated" ? SuspenseStatus.Allocated : SuspenseStatus.Open,
            allocated_account_id, allocated_at is null ? null : DapperSetup.ReadInstant(allocated_at), allocated_by,
            DapperSetup.ReadInstant(created_at));
    }
}
