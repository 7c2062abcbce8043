#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using NodaTime;
using Reeve.CouncilTax.Domain;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.Properties;

namespace Reeve.CouncilTax;

/// <summary>
/// Imports a band schedule file into the valuation list, all or nothing: every line is checked first (its
/// fields, then against the list as it stands), and only a file with no problems is applied, in one
/// transaction: new entries add the dwelling, band changes are recorded and each affected dwelling is
/// re-billed once from the earliest year a change reaches back to. A file is known by the SHA-256 of its
/// bytes, so importing it again posts nothing. A preview does the same work in a transaction it rolls back.
/// </summary>
public static class ImportBandSchedule
{
    /// <param name="AlsoInTransaction">What the caller writes with the import when it commits (an officer's audit row).</param>
    public sealed record Request(
        CouncilId Council, string FileName, byte[] Content, LocalDate AsAt, bool Preview, string Officer, Func<DbConnection, DbTransaction, Task>? AlsoInTransaction = null);

    /// <param name="Lines">Lines by reason code and band (a deletion may have no band).</param>
    public sealed record Summary(
        IReadOnlyList<(ScheduleReason Reason, Band? Band, int Lines)> Lines, int DwellingsRebilled, int BillVersions, long? ImportId)
    {
        public int LinesOf(ScheduleReason reason) => Lines.Where(l => l.Reason == reason).Sum(l => l.Lines);
    }

    public abstract record Result
    {
        private Result()
        {
        }

        /// <summary>Nothing was changed: every problem found, in line order.</summary>
        public sealed record Refused(IReadOnlyList<LineProblem> Problems) : Result;

        /// <summary>The same file (by SHA-256) was imported before; nothing was posted this time.</summary>
        public sealed record AlreadyImported(long ImportId, string FileName, Instant ImportedAt, string ImportedBy) : Result;

        /// <summary>Applied and committed, or for a preview worked out and rolled back.</summary>
        public sealed record Applied(Summary Summary, bool Preview) : Result;
    }

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static async Task<Result> ImportAsync(ReeveDatabase db, Request request, Instant now, CancellationToken ct = default)
    {
        var sha = Sha256Of(request.Content);
        await using var connection = await db.OpenAsync(ct);
        if (await PreviousImportAsync(connection, request.Council, sha) is { } previous)
        {
            return previous;
        }

        var parsed = BandScheduleFile.Parse(request.Content);
        var problems = parsed.Problems.ToList();
        problems.AddRange(await ListProblemsAsync(connection, request.Council, parsed.Lines));
        if (problems.Count > 0)
        {
            return new Result.Refused(problems.OrderBy(p => p.Line).ToList());
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        var outcome = await ApplyAsync(connection, tx, request, parsed.Lines, sha, now);
        if (outcome is Result.Applied)
        {
            await new ImportFinish(request.Preview, request.AlsoInTransaction).EndAsync(connection, tx, ct);
        }
        else
        {
            await tx.RollbackAsync(ct);
        }

        return outcome;
    }

    private static async Task<Result.AlreadyImported?> PreviousImportAsync(DbConnection connection, CouncilId council, string sha)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ImportRow>(
            "select import_id, file_name, imported_at, imported_by from band_schedule_import where council_id = @council and sha256 = @sha",
            new { council = council.Value, sha });
        return row is null ? null : new Result.AlreadyImported(row.import_id, row.file_name, row.imported_at, row.imported_by);
    }

    // Each UPRN must be on the list for a band change or deletion, and must not be for a new entry; a new entry
    // earlier in the same file puts it on the list for the lines after it.
    private static async Task<IReadOnlyList<LineProblem>> ListProblemsAsync(DbConnection connection, CouncilId council, IReadOnlyList<ScheduleLine> lines)
    {
        var listed = (await PropertyListings.ForAsync(connection, council, lines.Select(l => l.Uprn).ToList()))
            .ToDictionary(p => p.Key, p => (PropertyKind?)p.Value.Kind);

        var areas = (await connection.QueryAsync<string>("select area_code from charge_area where council_id = @council", new { council = council.Value }))
            .ToHashSet(StringComparer.Ordinal);
        var problems = new List<LineProblem>();
        foreach (var line in lines)
        {
            var kind = listed.GetValueOrDefault(line.Uprn);
            switch (line.Reason)
            {
                case ScheduleReason.NewEntry when kind is not null:
                    problems.Add(new LineProblem(line.Line, BandScheduleFile.Uprn, $"UPRN {line.Uprn} is already on the list; a new entry must be a new UPRN"));
                    break;
                case ScheduleReason.NewEntry:
                    listed[line.Uprn] = PropertyKind.Domestic;
                    if (line.AreaCode is { } area && !areas.Contains(area))
                    {
                        problems.Add(new LineProblem(line.Line, BandScheduleFile.AreaCode, $"'{area}' is not a charging area of this council"));
                    }

                    break;
                case ScheduleReason.BandChange or ScheduleReason.Deletion when kind is null:
                    problems.Add(new LineProblem(line.Line, BandScheduleFile.Uprn, $"UPRN {line.Uprn} is not on the list, so it cannot be {(line.Reason == ScheduleReason.Deletion ? "deleted" : "amended")}"));
                    break;
                case ScheduleReason.BandChange or ScheduleReason.Deletion when kind != PropertyKind.Domestic:
                    problems.Add(new LineProblem(line.Line, BandScheduleFile.Uprn, $"UPRN {line.Uprn} is a non-domestic property, not a dwelling on the council tax list"));
                    break;
                case ScheduleReason.BandChange or ScheduleReason.Deletion:
                    break;
            }
        }

        return problems;
    }

    private static async Task<Result> ApplyAsync(
        DbConnection c, DbTransaction tx, Request request, IReadOnlyList<ScheduleLine> lines, string sha, Instant now)
    {
        var council = request.Council;
        var importId = await IdAllocator.ReserveAsync(c, tx, council, "band_schedule_import", 1);
        await c.ExecuteAsync(
            "insert into band_schedule_import (council_id, import_id, sha256, file_name, as_at, lines, dwellings_rebilled, bill_versions, imported_at, imported_by) " +
            "values (@council, @importId, @sha, @fileName, @asAt, @lines, 0, 0, @now, @officer)",
            new { council = council.Value, importId, sha, fileName = request.FileName, asAt = request.AsAt, lines = lines.Count, now, officer = request.Officer },
            tx);

        foreach (var line in lines)
        {
            var applied = await ApplyLineAsync(c, tx, council, line, request.Officer, now);
            if (applied is not Outcome<string>.Done { Value: var outcome })
            {
                return new Result.Refused([Problem(line, applied)]);
            }

            await c.ExecuteAsync(
                "insert into band_schedule_line (council_id, import_id, line_no, schedule_reference, uprn, reason_code, band, effective_from, comment, outcome) " +
                "values (@council, @importId, @line, @reference, @uprn, @reason, @band, @from, @comment, @outcome)",
                new
                {
                    council = council.Value, importId, line = line.Line, reference = line.ScheduleReference, uprn = line.Uprn, reason = line.Reason.Code(),
                    band = line.Band?.ToString(), from = line.EffectiveFrom, comment = line.Comment, outcome,
                },
                tx);
        }

        var rebilled = 0;
        var versions = 0;
        foreach (var changes in lines.Where(l => l.Reason == ScheduleReason.BandChange).GroupBy(l => l.Uprn))
        {
            var first = changes.MinBy(l => l.EffectiveFrom)!;
            var last = changes.Max(l => l.EffectiveFrom);
            // As for a single band change: the bill is issued on the day it is recorded, or on the effective date when that is later.
            var issuedOn = request.AsAt > last ? request.AsAt : last;
            var reason = string.Join("; ", changes.Select(l => $"Band {l.Band} from {DateText.LongForm.Format(l.EffectiveFrom)}: VOA schedule {l.ScheduleReference}"));
            var outcome = await RebillDwelling.RebillAsync(c, tx, council, changes.Key, issuedOn, reason, request.Officer, now, FinancialYear.Containing(first.EffectiveFrom));
            if (outcome is not Outcome<RebillDwelling.Result>.Done { Value.NewVersions: var issued })
            {
                return new Result.Refused([Problem(first, outcome, $"UPRN {changes.Key} cannot be re-billed: ")]);
            }

            rebilled++;
            versions += issued.Count;
        }

        await c.ExecuteAsync(
            "update band_schedule_import set dwellings_rebilled = @rebilled, bill_versions = @versions where council_id = @council and import_id = @importId",
            new { council = council.Value, importId, rebilled, versions }, tx);
        var counts = lines.GroupBy(l => (l.Reason, l.Band)).OrderBy(g => g.Key.Reason).ThenBy(g => g.Key.Band)
            .Select(g => (g.Key.Reason, g.Key.Band, g.Count())).ToList();
        return new Result.Applied(new Summary(counts, rebilled, versions, request.Preview ? null : importId), request.Preview);
    }

    // A line that passed every check but is refused when applied (the rules of a store or of billing) names
    // the line, and the field the store named.
    private static LineProblem Problem<T>(ScheduleLine line, Outcome<T> refused, string prefix = "") => refused switch
    {
        Outcome<T>.Invalid invalid => new LineProblem(line.Line, invalid.Field, prefix + invalid.Message),
        Outcome<T>.NotFound notFound => new LineProblem(line.Line, BandScheduleFile.Uprn, $"{prefix}no {notFound.What}"),
        Outcome<T>.Conflict conflict => new LineProblem(line.Line, BandScheduleFile.Uprn, prefix + conflict.Message),
        var other => throw new ArgumentException($"The outcome {other} is not a refusal", nameof(refused)),
    };

    /// <returns>What became of the line, as band_schedule_line.outcome records it.</returns>
    private static async Task<Outcome<string>> ApplyLineAsync(DbConnection c, DbTransaction tx, CouncilId council, ScheduleLine line, string officer, Instant now)
    {
        switch (line.Reason)
        {
            case ScheduleReason.NewEntry:
                var added = await PropertyStore.AddAsync(c, tx,
                    new NewProperty(council, line.Uprn, line.AddressLine1, line.AddressLine2, line.AddressLine3, line.Town, line.Postcode, PropertyKind.Domestic,
                        line.Band?.ToString()[0]), now);
                switch (added)
                {
                    case Outcome<Property>.Invalid invalid:
                        return new Outcome<string>.Invalid(invalid.Field, invalid.Message);
                    case Outcome<Property>.Conflict conflict:
                        return new Outcome<string>.Conflict(conflict.Message);
                }

                if (line.AreaCode is { } area)
                {
                    await PropertyListings.SetAreaAsync(c, tx, council, line.Uprn, area);
                }

                return "added";
            case ScheduleReason.BandChange:
                await RecordBandChange.WriteAsync(c, tx, council, line.Uprn, line.EffectiveFrom, line.Band!.Value.ToString(),
                    line.Comment ?? "Valuation list alteration", line.ScheduleReference, officer, now);
                return "band-changed";
            case ScheduleReason.Deletion:
                // Reeve cannot yet take a dwelling off the list from a date (DwellingFacts has no list-end date), so a
                // deletion is checked and kept with the import as not applied; see docs/domain/band-schedule-import.md.
                return "not-applied";
            default:
                throw new ArgumentOutOfRangeException(nameof(line), line.Reason, "Unknown schedule reason");
        }
    }

    private sealed class ImportRow
    {
        public long import_id { get; set; }
        public string file_name { get; set; } = "";
        public Instant imported_at { get; set; }
        public string imported_by { get; set; } = "";
    }
}
