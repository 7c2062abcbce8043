using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Reports;
using Reeve.Persistence;

namespace Reeve.Payments;

public enum BacsReportKind
{
    Arudd,
    Addacs,
    Auddis,
}

/// <summary>
/// What one advice in an ADDACS or AUDDIS report did, as the import reports and keeps it. <paramref name="Duplicate"/>
/// is set when the same advice had already come in (this file or an earlier one) and nothing was applied again;
/// <paramref name="WorkItemId"/> when it went to an officer instead of being applied.
/// </summary>
public sealed record AdviceOutcome(
    int ItemNo, string Reference, string ReasonCode, string Reason, long? MandateId, string Outcome, bool Duplicate = false, long? WorkItemId = null);

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

/// <summary>
/// One report's import as its items are applied: which council and service user it is for, and the two things every
/// item goes through, the once-only check (<see cref="EarlierAsync"/>) and the officers' list (<see cref="RaiseAsync"/>).
/// </summary>
internal sealed record ReportItems(
    DbConnection Connection, DbTransaction Tx, CouncilId Council, BacsReportKind Kind, long ImportId, string ServiceUserNumber, string Officer, Instant Now)
{
    /// <summary>
    /// Where the item was first seen if any of its keys (<see cref="ReportEntryKeys"/>) is known; otherwise records the
    /// keys against this item and returns null, so the item is applied now and never again.
    /// </summary>
    public async Task<string?> EarlierAsync(IReadOnlyList<string> keys, int itemNo)
    {
        foreach (var key in keys)
        {
            var seen = await Connection.QueryFirstOrDefaultAsync<EntryRow>(
                "select kind, import_id, cast(item_no as bigint) as item_no from bacs_report_entry where council_id = @council and entry_key = @key",
                new { council = Council.Value, key }, Tx);
            if (seen is not null)
            {
                return $"already received in {seen.kind.ToUpperInvariant()} import {seen.import_id}, item {seen.item_no}: nothing applied again";
            }
        }

        foreach (var key in keys)
        {
            await Connection.ExecuteAsync(
                "insert into bacs_report_entry (council_id, entry_key, kind, import_id, item_no) values (@council, @key, @kind, @importId, @itemNo)",
                new { council = Council.Value, key, kind = BacsWorkItems.Code(Kind), importId = ImportId, itemNo }, Tx);
        }

        return null;
    }

    /// <summary>Puts the item on the officers' list with what differs; the caller changes nothing else for it.</summary>
    public Task<long> RaiseAsync(int itemNo, string reference, string reason, long? mandateId, long? accountId, string difference) =>
        BacsWorkItems.RaiseAsync(Connection, Tx, Council, new BacsWorkItems.Raise(Kind, ImportId, itemNo, reference, reason, mandateId, accountId, difference), Officer, Now);

    /// <summary>An advice that goes to an officer: raised on the list, and reported with the difference.</summary>
    public async Task<AdviceOutcome> ToOfficerAsync(int itemNo, string reference, ReasonCode reason, long? mandateId, long? accountId, string difference)
    {
        var id = await RaiseAsync(itemNo, reference, $"{reason.Code} {reason.Meaning}", mandateId, accountId, difference);
        return new AdviceOutcome(itemNo, reference, reason.Code, reason.Meaning, mandateId, $"not applied, for an officer (work item {id}): {difference}", WorkItemId: id);
    }

    private sealed record EntryRow(string kind, long import_id, long item_no);
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
    /// The frame ADDACS and AUDDIS imports share: <see cref="RunAsync"/> with the report's service user number from its
    /// header, and the file and its advices recorded in bacs_report_import and bacs_report_item.
    /// </summary>
    internal static Task<BacsReportResult> ImportAsync<TReport>(
        ReeveDatabase db, CouncilId council, BacsReportKind kind, string fileName, byte[] content, Func<string, Outcome<TReport>> parse,
        Func<TReport, MessagingHeader> header, Func<ReportItems, TReport, List<AdviceOutcome>, Task> apply, string officer, Instant now, ImportFinish finish, CancellationToken ct) =>
        RunAsync<TReport, BacsReportResult>(db, council, content, parse,
            report => (header(report).ServiceUserNumber, MessagingAdvices.Root + "/MessagingHeader/@user-number"),
            (field, message) => new BacsReportResult.Refused(field, message),
            (connection, tx, sha) => PreviousAsync(connection, tx, council, sha),
            previous => new BacsReportResult.AlreadyImported(previous),
            async (connection, tx, report, sha) =>
            {
                var id = await IdAllocator.ReserveAsync(connection, tx, council, "bacs_report_import", 1);
                var outcomes = new List<AdviceOutcome>();
                await apply(new ReportItems(connection, tx, council, kind, id, header(report).ServiceUserNumber, officer, now), report, outcomes);
                await RecordAsync(connection, tx, council, id, kind, sha, fileName, outcomes, officer, now);
                return new BacsReportResult.Imported(id, outcomes);
            },
            finish,
            ct);

    /// <summary>
    /// The frame every Bacs report import (ARUDD, ADDACS, AUDDIS) shares: parse (a refusal names the line and field,
    /// nothing written), then in one transaction refuse a report for another service user than the council's (the
    /// number named, nothing written), skip a file seen before (by SHA-256, looked up by <paramref name="previous"/>),
    /// apply the report and record it (<paramref name="apply"/>), and commit (or, for a preview, roll back what was
    /// applied: <paramref name="finish"/>). A refusal, a file seen before, or an exception while applying, rolls
    /// everything back.
    /// </summary>
    internal static async Task<TResult> RunAsync<TReport, TResult>(
        ReeveDatabase db, CouncilId council, byte[] content, Func<string, Outcome<TReport>> parse, Func<TReport, (string Number, string Field)> serviceUser,
        Func<string, string, TResult> refused, Func<DbConnection, DbTransaction, string, Task<long?>> previous, Func<long, TResult> alreadyImported,
        Func<DbConnection, DbTransaction, TReport, string, Task<TResult>> apply, ImportFinish finish, CancellationToken ct)
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
        var (number, field) = serviceUser(report);
        if (await WrongServiceUserAsync(connection, tx, council, number) is { } wrong)
        {
            return refused(field, wrong);
        }

        if (await previous(connection, tx, sha) is { } seen)
        {
            return alreadyImported(seen);
        }

        var result = await apply(connection, tx, report, sha);
        await finish.EndAsync(connection, tx, ct);
        return result;
    }

    /// <summary>
    /// Why a report for service user <paramref name="reported"/> is not the council's, or null when it is: a Bacs report
    /// is accepted only under the council's own service user number (set with reeve dd originator).
    /// </summary>
    internal static async Task<string?> WrongServiceUserAsync(DbConnection connection, DbTransaction tx, CouncilId council, string reported)
    {
        var originator = await Mandates.OriginatorAsync(connection, tx, council);
        if (originator is null)
        {
            return $"The report is for service user number {reported}, but council {council.Value} has no Bacs service user number set " +
                "(reeve dd originator --sun ...), so it cannot be checked; nothing was changed";
        }

        var own = originator.ServiceUser.ServiceUserNumber;
        return own == reported.Trim()
            ? null
            : $"The report is for service user number {reported}, not council {council.Value}'s ({own}); nothing was changed";
    }

    internal static string Text(byte[] content) => Encoding.UTF8.GetString(content).TrimStart('\uFEFF');

    internal static async Task<long?> PreviousAsync(DbConnection connection, DbTransaction tx, CouncilId council, string sha) =>
        await connection.ExecuteScalarAsync<long?>("select import_id from bacs_report_import where council_id = @council and sha256 = @sha",
            new { council = council.Value, sha }, tx);

    internal static async Task RecordAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long id, BacsReportKind kind, string sha, string fileName,
        IReadOnlyList<AdviceOutcome> outcomes, string officer, Instant now)
    {
        await connection.ExecuteAsync(
            "insert into bacs_report_import (council_id, import_id, kind, sha256, file_name, items, imported_at, imported_by) values (@council, @id, @kind, @sha, @fileName, @items, @now, @officer)",
            new { council = council.Value, id, kind = kind.ToString().ToLowerInvariant(), sha, fileName, items = outcomes.Count, now, officer }, tx);
        foreach (var o in outcomes)
        {
            await connection.ExecuteAsync(
                "insert into bacs_report_item (council_id, import_id, item_no, reference, reason_code, mandate_id, outcome) values (@council, @id, @itemNo, @reference, @code, @mandateId, @outcome)",
                new { council = council.Value, id, itemNo = o.ItemNo, reference = o.Reference, code = o.ReasonCode, mandateId = o.MandateId, outcome = o.Outcome }, tx);
        }
    }

    [GeneratedRegex("advice-type=\"([A-Z]+)\"")]
    private static partial Regex AdviceType();
}
