using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Payments;

public enum BacsReportKind
{
    Arudd,
    Addacs,
    Auddis,
}

/// <summary>What one advice in an ADDACS or AUDDIS report did, as the import reports and keeps it.</summary>
public sealed record AdviceOutcome(int ItemNo, string Reference, string ReasonCode, string Reason, long? MandateId, string Outcome);

/// <summary>The result of importing an ADDACS or AUDDIS report.</summary>
public abstract record BacsReportResult
{
    private BacsReportResult()
    {
    }

    public sealed record Refused(string Field, string Message) : BacsReportResult;

    public sealed record AlreadyImported(long ImportId) : BacsReportResult;

    public sealed record Imported(long ImportId, IReadOnlyList<AdviceOutcome> Outcomes) : BacsReportResult;
}

/// <summary>Telling Bacs reports apart, and the record of each ADDACS or AUDDIS import (by SHA-256, so a report is acted on once).</summary>
public static partial class BacsReportImports
{
    /// <summary>ARUDD has its own root; ADDACS and AUDDIS share MessagingAdvices and differ by advice-type (formats.md 2.2 and 2.3).</summary>
    public static BacsReportKind? Detect(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 4096));
        if (text.Contains("<ARUDD", StringComparison.Ordinal))
        {
            return BacsReportKind.Arudd;
        }

        return AdviceType().Match(text) is { Success: true } m
            ? m.Groups[1].Value switch
            {
                "ADDACS" => BacsReportKind.Addacs,
                "AUDDIS" or "AUDACC" or "AUDREJ" => BacsReportKind.Auddis,
                _ => null,
            }
            : null;
    }

    /// <summary>
    /// The frame ADDACS and AUDDIS imports share: <see cref="RunAsync"/> with the file and its advices recorded in
    /// bacs_report_import and bacs_report_item.
    /// </summary>
    internal static Task<BacsReportResult> ImportAsync<TReport>(
        ReeveDatabase db, CouncilId council, BacsReportKind kind, string fileName, byte[] content, Func<string, Outcome<TReport>> parse,
        Func<DbConnection, DbTransaction, TReport, List<AdviceOutcome>, Task> apply, string officer, Instant now, CancellationToken ct) =>
        RunAsync<TReport, BacsReportResult>(db, content, parse,
            (field, message) => new BacsReportResult.Refused(field, message),
            (connection, tx, sha) => PreviousAsync(connection, tx, council, sha),
            previous => new BacsReportResult.AlreadyImported(previous),
            async (connection, tx, report, sha) =>
            {
                var outcomes = new List<AdviceOutcome>();
                await apply(connection, tx, report, outcomes);
                var id = await RecordAsync(connection, tx, council, kind, sha, fileName, outcomes, officer, now);
                return new BacsReportResult.Imported(id, outcomes);
            },
            ct);

    /// <summary>
    /// The frame every Bacs report import (ARUDD, ADDACS, AUDDIS) shares: parse (a refusal names the line and field,
    /// nothing written), then in one transaction skip a file seen before (by SHA-256, looked up by
    /// <paramref name="previous"/>), apply the report and record it (<paramref name="apply"/>), and commit. A file
    /// seen before, or an exception while applying, rolls everything back.
    /// </summary>
    internal static async Task<TResult> RunAsync<TReport, TResult>(
        ReeveDatabase db, byte[] content, Func<string, Outcome<TReport>> parse, Func<string, string, TResult> refused,
        Func<DbConnection, DbTransaction, string, Task<long?>> previous, Func<long, TResult> alreadyImported,
        Func<DbConnection, DbTransaction, TReport, string, Task<TResult>> apply, CancellationToken ct)
    {
        var parsed = parse(Text(content));
        if (parsed is Outcome<TReport>.Invalid invalid)
        {
            return refused(invalid.Field, invalid.Message);
        }

        var report = ((Outcome<TReport>.Done)parsed).Value;
        var sha = ImportPayments.Sha256Of(content);
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await previous(connection, tx, sha) is { } seen)
        {
            return alreadyImported(seen);
        }

        var result = await apply(connection, tx, report, sha);
        await tx.CommitAsync(ct);
        return result;
    }

    internal static string Text(byte[] content) => Encoding.UTF8.GetString(content).TrimStart('\uFEFF');

    internal static async Task<long?> PreviousAsync(DbConnection connection, DbTransaction tx, CouncilId council, string sha) =>
        await connection.ExecuteScalarAsync<long?>("select import_id from bacs_report_import where council_id = @council and sha256 = @sha",
            new { council = council.Value, sha }, tx);

    internal static async Task<long> RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, BacsReportKind kind, string sha, string fileName,
        IReadOnlyList<AdviceOutcome> outcomes, string officer, Instant now)
    {
        var pg = connection is Npgsql.NpgsqlConnection;
        var id = await IdAllocator.ReserveAsync(connection, tx, council, "bacs_report_import", 1);
        await connection.ExecuteAsync(
            "insert into bacs_report_import (council_id, import_id, kind, sha256, file_name, items, imported_at, imported_by) values (@council, @id, @kind, @sha, @fileName, @items, @now, @officer)",
            new { council = council.Value, id, kind = kind.ToString().ToLowerInvariant(), sha, fileName, items = outcomes.Count, now = DapperSetup.ToDb(now, pg), officer }, tx);
        foreach (var o in outcomes)
        {
            await connection.ExecuteAsync(
                "insert into bacs_report_item (council_id, import_id, item_no, reference, reason_code, mandate_id, outcome) values (@council, @id, @itemNo, @reference, @code, @mandateId, @outcome)",
                new { council = council.Value, id, itemNo = o.ItemNo, reference = o.Reference, code = o.ReasonCode, mandateId = o.MandateId, outcome = o.Outcome }, tx);
        }

        return id;
    }

    [GeneratedRegex("advice-type=\"([A-Z]+)\"")]
    private static partial Regex AdviceType();
}
