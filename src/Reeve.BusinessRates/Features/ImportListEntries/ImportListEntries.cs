#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.BusinessRates.Domain;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.BusinessRates;

/// <summary>
/// Imports a VOA list entries file (shared/formats.md 6.1) into the council's rating list, all or nothing: every
/// record is checked (its fields, the council's billing authority code, then against the list as it stands) and only
/// a file with no problems is applied, in one transaction: new hereditaments with their rateable value, and new
/// rateable values from their effective dates. A file is known by the SHA-256 of its bytes, and an entry the list
/// already shows changes nothing, so importing the same file again changes nothing.
/// </summary>
public static class ImportListEntries
{
    public sealed record Request(CouncilId Council, string FileName, byte[] Content, string Officer);

    public sealed record Report(long ImportId, int Records, IReadOnlyList<ListEntry> NewHereditaments, IReadOnlyList<ValueChange> ValueChanges, int Unchanged, int DeletionRecords)
    {
        /// <summary>New values on hereditaments already listed (a new hereditament's first value is not counted here).</summary>
        public IReadOnlyList<ValueChange> Alterations => [.. ValueChanges.Where(c => c.HereditamentId is not null)];
    }

    public abstract record Result
    {
        private Result()
        {
        }

        /// <summary>Nothing was changed: every problem found, in record order.</summary>
        public sealed record Refused(IReadOnlyList<RecordProblem> Problems) : Result;

        /// <summary>The same file (by SHA-256) was imported before; nothing was changed this time.</summary>
        public sealed record AlreadyImported(long ImportId, string FileName, Instant ImportedAt, string ImportedBy) : Result;

        public sealed record Imported(Report Report) : Result;
    }

    public static async Task<Result> ImportAsync(ReeveDatabase db, Request request, Instant now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var sha = Convert.ToHexStringLower(SHA256.HashData(request.Content));
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var previous = await connection.QuerySingleOrDefaultAsync<ImportRow>(
            "select import_id, file_name, imported_at, imported_by from rates_list_import where council_id = @council and sha256 = @sha",
            new { council = request.Council.Value, sha }, tx);
        if (previous is not null)
        {
            return new Result.AlreadyImported(previous.import_id, previous.file_name, previous.imported_at, previous.imported_by);
        }

        var parsed = ListEntriesFile.Parse(Encoding.ASCII.GetString(request.Content));
        var problems = parsed.Problems.ToList();
        var code = await BillingAuthorityCode.GetAsync(connection, request.Council, tx);
        foreach (var entry in parsed.Entries)
        {
            if (code is null)
            {
                problems.Add(new RecordProblem(entry.Record, ListEntriesFile.BillingAuthorityCode, "This council has no billing authority code set, so no list entry can be accepted: set it first (reeve rates set-authority-code)"));
                break;
            }

            if (!BillingAuthorityCode.Same(entry.BillingAuthorityCode, code))
            {
                problems.Add(new RecordProblem(entry.Record, ListEntriesFile.BillingAuthorityCode, $"'{entry.BillingAuthorityCode}' is not this council's billing authority code ({code})"));
            }
        }

        var listed = await ListedAsync(connection, request.Council, parsed.Entries.Select(e => e.BaReference).ToList(), tx);
        var plan = RatingListChanges.Plan(parsed.Entries, listed);
        problems.AddRange(plan.Problems);
        if (problems.Count > 0)
        {
            return new Result.Refused([.. problems.OrderBy(p => p.Record)]);
        }

        var importId = await IdAllocator.ReserveAsync(connection, tx, request.Council, "rates_list_import", 1);
        await connection.ExecuteAsync(
            "insert into rates_list_import (council_id, import_id, file_name, sha256, records, new_hereditaments, rv_changes, imported_at, imported_by) " +
            "values (@council, @importId, @fileName, @sha, @records, @added, @changes, @now, @officer)",
            new
            {
                council = request.Council.Value, importId, fileName = request.FileName, sha, records = parsed.Entries.Count + parsed.DeletionRecords,
                added = plan.NewHereditaments.Count, changes = plan.Changes.Count(c => c.HereditamentId is not null), now, officer = request.Officer,
            },
            tx);
        var ids = await AddHereditamentsAsync(connection, tx, request.Council, plan.NewHereditaments, now, ct);
        await AddValuesAsync(connection, tx, request.Council, importId, plan.Changes, ids, listed, ct);
        await tx.CommitAsync(ct);
        return new Result.Imported(new Report(importId, parsed.Entries.Count + parsed.DeletionRecords, plan.NewHereditaments, plan.Changes, plan.Unchanged, parsed.DeletionRecords));
    }

    private static async Task<Dictionary<string, long>> AddHereditamentsAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, IReadOnlyList<ListEntry> added, Instant now, CancellationToken ct)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        if (added.Count == 0)
        {
            return ids;
        }

        var first = await IdAllocator.ReserveAsync(connection, tx, council, "hereditament", added.Count);
        for (var i = 0; i < added.Count; i++)
        {
            ids[added[i].BaReference] = first + i;
        }

        var shape = new BulkTable<ListEntry>()
            .Int4("council_id", _ => council.Value)
            .Int8("hereditament_id", e => ids[e.BaReference])
            .Text("ba_reference", e => e.BaReference)
            .Int8("uarn", e => e.Uarn)
            .Text("description_code", e => e.DescriptionCode)
            .Text("description_text", e => e.DescriptionText)
            .Text("address", e => e.Address)
            .Text("firm_name", e => e.FirmName)
            .Text("street", e => e.Street)
            .Text("town", e => e.Town)
            .Text("postcode", e => e.Postcode)
            .Instant("created_at", _ => now);
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "hereditament", shape, added, ct);
        return ids;
    }

    private static async Task AddValuesAsync(
        DbConnection connection, DbTransaction tx, CouncilId council, long importId, IReadOnlyList<ValueChange> changes,
        Dictionary<string, long> newIds, IReadOnlyDictionary<string, ListedHereditament> listed, CancellationToken ct)
    {
        // The value a change replaces ends the day before the new one begins.
        foreach (var change in changes.Where(c => c.Previous is not null))
        {
            var current = listed[change.BaReference].Values.Where(v => v.ListYear == change.ListYear).MaxBy(v => v.From)!;
            await connection.ExecuteAsync(
                "update rateable_value set effective_to = @to where council_id = @council and hereditament_id = @id and list_year = @listYear and effective_from = @from",
                new { council = council.Value, id = change.HereditamentId, listYear = change.ListYear, from = current.From, to = change.From.PlusDays(-1) }, tx);
        }

        var shape = new BulkTable<ValueChange>()
            .Int4("council_id", _ => council.Value)
            .Int8("hereditament_id", c => c.HereditamentId ?? newIds[c.BaReference])
            .Int4("list_year", c => c.ListYear)
            .Date("effective_from", c => c.From)
            .Date("effective_to", _ => (LocalDate?)null)
            .Int8("rv_pounds", c => c.RateableValuePounds)
            .Int8("import_id", _ => importId);
        await SqlDialect.Of(connection).WriteAllAsync(connection, tx, "rateable_value", shape, changes, ct);
    }

    private static async Task<Dictionary<string, ListedHereditament>> ListedAsync(DbConnection connection, CouncilId council, IReadOnlyList<string> references, DbTransaction tx)
    {
        var heads = await SqlLists.QueryByIdsAsync<HereditamentRow, string>(connection,
            "select hereditament_id, ba_reference from hereditament where council_id = @council and ba_reference {ids}", council, references, tx);
        var values = await HereditamentValues.OfManyAsync(connection, council, [.. heads.Select(h => h.hereditament_id)], tx);
        return heads.ToDictionary(
            h => h.ba_reference,
            h => new ListedHereditament(h.hereditament_id, h.ba_reference, [.. values[h.hereditament_id]]),
            StringComparer.Ordinal);
    }

    private sealed class ImportRow
    {
        public long import_id { get; set; }
        public string file_name { get; set; } = "";
        public Instant imported_at { get; set; }
        public string imported_by { get; set; } = "";
    }

    private sealed class HereditamentRow
    {
        public long hereditament_id { get; set; }
        public string ba_reference { get; set; } = "";
    }
}
