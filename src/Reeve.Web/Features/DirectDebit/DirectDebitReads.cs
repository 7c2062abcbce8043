#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Modulus;
using Reeve.Payments.Features.CheckBankDetails;
using Reeve.Persistence;

namespace Reeve.Web.Features.DirectDebit;

/// <summary>One collection as the account's Direct Debit page lists it.</summary>
public sealed record CollectionLine(long RunId, string Serial, LocalDate ProcessingDate, LocalDate DueOn, string Code, Money Amount, string Status, string? ReturnCode);

/// <summary>The reads behind the Direct Debit pages, and the modulus tables the mandate form checks against.</summary>
public static class DirectDebitReads
{
    private static readonly Lazy<ModulusWeightTable> Table = new(() => ModulusTableFiles.Load(ModulusTableFiles.ShippedFolder));

    /// <summary>Vocalink's tables as shipped beside the app (formats.md 4), read once.</summary>
    public static ModulusWeightTable ModulusTable => Table.Value;

    public static async Task<IReadOnlyList<CollectionLine>> CollectionsAsync(DbConnection connection, CouncilId council, long accountId) =>
        (await connection.QueryAsync<Row>(
            "select c.run_id, r.serial, c.processing_date, c.due_on, c.code, c.amount_pence, c.status, c.return_code from dd_collection c " +
            "join dd_collection_run r on r.council_id = c.council_id and r.run_id = c.run_id " +
            "where c.council_id = @council and c.account_id = @accountId order by c.processing_date desc, c.collection_id desc",
            new { council = council.Value, accountId }))
        .Select(r => new CollectionLine(r.run_id, r.serial, r.processing_date, r.due_on, r.code,
            Money.FromPence(r.amount_pence), r.status, r.return_code))
        .ToList();

    private sealed class Row
    {
        public long run_id { get; set; }
        public string serial { get; set; } = "";
        public LocalDate processing_date { get; set; }
        public LocalDate due_on { get; set; }
        public string code { get; set; } = "";
        public long amount_pence { get; set; }
        public string status { get; set; } = "";
        public string? return_code { get; set; }
    }
}

/// <summary>A Bacs file Reeve wrote: a collection run or an AUDDIS lodgement.</summary>
public sealed record BacsFileLine(string Kind, long Id, string Serial, LocalDate ProcessingDate, int Items, Money Total, Instant CreatedAt, string CreatedBy);

public static class BacsFiles
{
    public static async Task<IReadOnlyList<BacsFileLine>> RecentAsync(DbConnection connection, CouncilId council, string kind, int limit = 100)
    {
        var sql = kind == "run"
            ? "select run_id as id, serial, processing_date, collections as items, total_pence, created_at, created_by from dd_collection_run where council_id = @council order by run_id desc limit @limit"
            : "select lodgement_id as id, serial, processing_date, instructions as items, 0 as total_pence, created_at, created_by from dd_lodgement where council_id = @council order by lodgement_id desc limit @limit";
        return (await connection.QueryAsync<FileRow>(sql, new { council = council.Value, limit }))
            .Select(r => new BacsFileLine(kind, r.id, r.serial, r.processing_date, (int)r.items, Money.FromPence(r.total_pence),
                r.created_at, r.created_by))
            .ToList();
    }

    public static async Task<(string Serial, string Content)?> ContentAsync(DbConnection connection, CouncilId council, string kind, long id)
    {
        var sql = kind == "run"
            ? "select serial, content from dd_collection_run where council_id = @council and run_id = @id"
            : "select serial, content from dd_lodgement where council_id = @council and lodgement_id = @id";
        var row = await connection.QuerySingleOrDefaultAsync<(string Serial, string Content)>(sql, new { council = council.Value, id });
        return row.Content is null ? null : row;
    }

    private sealed class FileRow
    {
        public long id { get; set; }
        public string serial { get; set; } = "";
        public LocalDate processing_date { get; set; }
        public long items { get; set; }
        public long total_pence { get; set; }
        public Instant created_at { get; set; }
        public string created_by { get; set; } = "";
    }
}
