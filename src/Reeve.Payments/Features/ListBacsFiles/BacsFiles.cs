#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Payments;

/// <summary>The Bacs files Reeve writes: a collection run (Standard 18 collections) or an AUDDIS lodgement (mandates).</summary>
public enum BacsFileKind
{
    Run = 1,
    Lodgement = 2,
}

/// <summary>A Bacs file Reeve wrote, as listed: how many items it carries and for how much (a lodgement moves no money).</summary>
public sealed record BacsFileLine(BacsFileKind Kind, long Id, string Serial, LocalDate ProcessingDate, int Items, Money Total, Instant CreatedAt, string CreatedBy);

/// <summary>The Bacs files of one kind that Reeve wrote, newest first, and any one of them exactly as written.</summary>
public static class BacsFiles
{
    public static async Task<IReadOnlyList<BacsFileLine>> RecentAsync(DbConnection connection, CouncilId council, BacsFileKind kind, int limit = 100, DbTransaction? tx = null)
    {
        var sql = kind == BacsFileKind.Run
            ? "select run_id as id, serial, processing_date, collections as items, total_pence, created_at, created_by from dd_collection_run where council_id = @council order by run_id desc limit @limit"
            : "select lodgement_id as id, serial, processing_date, instructions as items, 0 as total_pence, created_at, created_by from dd_lodgement where council_id = @council order by lodgement_id desc limit @limit";
        return (await connection.QueryAsync<FileRow>(sql, new { council = council.Value, limit }, tx))
            .Select(r => new BacsFileLine(kind, r.id, r.serial, r.processing_date, (int)r.items, r.total_pence, r.created_at, r.created_by))
            .ToList();
    }

    /// <summary>The file's serial and its text exactly as recorded when it was written, or null when the council has no such file.</summary>
    public static async Task<(string Serial, string Content)?> ContentAsync(DbConnection connection, CouncilId council, BacsFileKind kind, long id, DbTransaction? tx = null)
    {
        var sql = kind == BacsFileKind.Run
            ? "select serial, content from dd_collection_run where council_id = @council and run_id = @id"
            : "select serial, content from dd_lodgement where council_id = @council and lodgement_id = @id";
        var row = await connection.QuerySingleOrDefaultAsync<(string Serial, string Content)>(sql, new { council = council.Value, id }, tx);
        return row.Content is null ? null : row;
    }

    private sealed class FileRow
    {
        public long id { get; set; }
        public string serial { get; set; } = "";
        public LocalDate processing_date { get; set; }
        public long items { get; set; }
        public Money total_pence { get; set; }
        public Instant created_at { get; set; }
        public string created_by { get; set; } = "";
    }
}
