using System.Globalization;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>How far a print run has got: which stage, how many of how many.</summary>
public sealed record PrintProgress(string Stage, int Done, int Total);

/// <summary>One envelope in a print file, as the print and post supplier's manifest lists it.</summary>
public sealed record ManifestRow(
    int Sequence, string File, int FirstPage, string AccountReference, string Name, string Address, string Postcode, int Pages,
    string WeightClass, string Inserts);

/// <summary>A bill in the run whose notice could not be made, and why; the rest of the run still prints.</summary>
public sealed record PrintProblem(long AccountId, string Field, string Message);

public sealed record PrintResult(
    long RunId,
    FinancialYear Year,
    LocalDate IssuedOn,
    IReadOnlyList<string> Files,
    string Manifest,
    IReadOnlyList<ManifestRow> Letters,
    int NoticesStored,
    int AlreadyStored,
    int ChangedSinceStored,
    IReadOnlyList<PrintProblem> Problems)
{
    public int Pages => Letters.Sum(l => l.Pages);
}

/// <summary>One bill a billing run issued: the account, the bill's version and the day it was issued.</summary>
public sealed record BillToPrint(long AccountId, int Version, LocalDate IssuedOn);

/// <summary>
/// A billing run to print, as the debt stream that ran it describes it (Council Tax's billing runs are its own; Letters
/// prints what it is given and does not read bills).
/// </summary>
public sealed record BillingRunToPrint(long RunId, FinancialYear Year, LocalDate IssuedOn, string Status, IReadOnlyList<BillToPrint> Bills);

/// <summary>
/// The print files of an annual billing run: every bill in the run gets its demand notice as at the run's
/// issue date, stored once in the document store (linked to the account and its demand-notice event), and the
/// notices go to the supplier as PDFs of up to <see cref="LettersPerFile"/> letters each, in postcode order
/// (the order the post sorts in), with a manifest CSV. Printing the same run again makes the same bytes, so it
/// writes the same files and stores nothing new.
/// </summary>
public static class PrintRun
{
    public const int LettersPerFile = 500;

    /// <summary>Who the store and the account timeline name for notices printed by a run.</summary>
    public const string Officer = "print run";

    /// <summary>The timeline event annual billing records with each bill, which the stored notice is linked to.</summary>
    public const string DemandNoticeEventKind = "demand-notice";

    public sealed record Options(CouncilId Council, BillingRunToPrint Run, string Folder, string Officer = Officer)
    {
        public long RunId => Run.RunId;
    }

    public static async Task<Outcome<PrintResult>> PrintAsync(
        ReeveDatabase db, Options options, IClock clock, IProgress<PrintProgress>? progress = null, CancellationToken ct = default)
    {
        var council = options.Council;
        await using var connection = await db.OpenAsync(ct);
        var run = options.Run;
        if (run.Status != "finished")
        {
            return new Outcome<PrintResult>.Invalid("run", $"billing run {options.RunId} is {run.Status}: print it when it has finished");
        }

        var year = run.Year;
        var issuedOn = run.IssuedOn;
        var bills = run.Bills.OrderBy(b => b.AccountId).ToList();
        var accountIds = bills.Select(b => b.AccountId).Distinct().ToList();

        // Read and build every notice first (reads only), so the letters can be put in postcode order.
        var problems = new List<PrintProblem>();
        var notices = new List<(long AccountId, DemandNoticeModel Model)>(bills.Count);
        foreach (var (accountId, version, _) in bills)
        {
            ct.ThrowIfCancellationRequested();
            switch (await BillNotices.ComposeAsync(connection, council, accountId, year, issuedOn, version))
            {
                case Outcome<DemandNoticeModel>.Done notice:
                    notices.Add((accountId, notice.Value));
                    break;
                case Outcome<DemandNoticeModel>.Invalid invalid:
                    problems.Add(new PrintProblem(accountId, invalid.Field, invalid.Message));
                    break;
                case var other:
                    problems.Add(new PrintProblem(accountId, "account", other.ToString()));
                    break;
            }

            progress?.Report(new PrintProgress("Reading bills", notices.Count + problems.Count, bills.Count));
        }

        notices.Sort((a, b) => PostOrder.Compare(a.Model, b.Model));

        // The demand-notice event each bill's annual billing recorded, and the notices already stored for the run.
        var billIssued = bills.GroupBy(b => b.AccountId).ToDictionary(g => g.Key, g => g.Select(b => b.IssuedOn).ToHashSet());
        var events = (await AccountEvents.ForAccountsAsync(connection, council, accountIds, kinds: [DemandNoticeEventKind]))
            .Where(e => billIssued[e.AccountId].Contains(e.EffectiveDate))
            .GroupBy(e => e.AccountId)
            .ToDictionary(g => g.Key, g => g.Min(e => e.EventId));
        var inRun = accountIds.ToHashSet();
        var stored = (await connection.QueryAsync<(long Account, string Hash)>(
                "select n.account_id, n.content_hash from letter_notice n where n.council_id = @council and n.letter_type = @type and n.channel = 'letter' " +
                "and n.issued_on = @issuedOn",
                new { council = council.Value, type = LetterType.DemandNotice.Code(), issuedOn }))
            .Where(r => inRun.Contains(r.Account))
            .GroupBy(r => r.Account)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Hash).ToHashSet(StringComparer.Ordinal));

        Directory.CreateDirectory(options.Folder);
        var renderer = await CouncilTemplates.RendererAsync(connection, council);
        var now = clock.GetCurrentInstant();
        var files = new List<string>();
        var manifest = new List<ManifestRow>();
        int newlyStored = 0, alreadyStored = 0, changed = 0;
        var fileCount = (notices.Count + LettersPerFile - 1) / LettersPerFile;
        for (var f = 0; f < fileCount; f++)
        {
            var chunk = notices.Skip(f * LettersPerFile).Take(LettersPerFile).ToList();
            var rendered = chunk.Select(n => renderer.Render(LetterType.DemandNotice, Channel.Letter, n.Model)).ToList();
            await using (var tx = await connection.BeginTransactionAsync(ct))
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    var (accountId, _) = chunk[i];
                    var hash = NoticeStore.Hash(rendered[i].Pdf!);
                    if (stored.TryGetValue(accountId, out var hashes))
                    {
                        alreadyStored++;
                        changed += hashes.Contains(hash) ? 0 : 1;
                        continue;
                    }

                    await NoticeStore.RecordAsync(connection, tx, council, accountId, rendered[i], issuedOn,
                        events.TryGetValue(accountId, out var e) ? e : null, options.Officer, now);
                    newlyStored++;
                }

                await tx.CommitAsync(ct);
            }

            var name = $"run-{options.RunId}-demand-notices-{f + 1:000}.pdf";
            var (pdf, pages) = LetterPdf.RenderBatch(
                rendered.Select((r, i) => (r.Document, (ILetterModel)chunk[i].Model)).ToList(),
                $"Council tax demand notices {year}, billing run {options.RunId}, file {f + 1} of {fileCount}");
            await File.WriteAllBytesAsync(Path.Combine(options.Folder, name), pdf, ct);
            files.Add(name);
            var firstPage = 1;
            for (var i = 0; i < chunk.Count; i++)
            {
                var model = chunk[i].Model;
                var inserts = Inserts(model);
                manifest.Add(new ManifestRow(manifest.Count + 1, name, firstPage, model.AccountReference.Value, model.Recipient.Name,
                    string.Join(", ", model.Recipient.Address.Lines), model.Recipient.Address.Postcode, pages[i], WeightClass(pages[i], inserts.Count),
                    string.Join(';', inserts)));
                firstPage += pages[i];
            }

            progress?.Report(new PrintProgress("Rendering and storing notices", manifest.Count, notices.Count));
        }

        var manifestName = $"run-{options.RunId}-manifest.csv";
        var csv = ManifestCsv(manifest);
        await File.WriteAllBytesAsync(Path.Combine(options.Folder, manifestName), csv, ct);
        await connection.ExecuteAsync(
            "insert into print_batch (council_id, run_id, letter_type, letters, pages, files, manifest_sha256, printed_at, printed_by) " +
            "values (@council, @runId, @type, @letters, @pages, @files, @hash, @now, @officer) on conflict (council_id, run_id, letter_type) do nothing",
            new
            {
                council = council.Value, runId = options.RunId, type = LetterType.DemandNotice.Code(), letters = manifest.Count, pages = manifest.Sum(m => m.Pages),
                files = files.Count, hash = NoticeStore.Hash(csv), now, officer = options.Officer,
            });
        return new PrintResult(options.RunId, year, issuedOn, files, manifestName, manifest, newlyStored, alreadyStored, changed, problems);
    }

    /// <summary>
    /// Council practice rather than law: an annual bill to someone not paying by Direct Debit carries a Direct
    /// Debit form, since most councils find it the cheapest way to raise collection.
    /// </summary>
    public static IReadOnlyList<string> Inserts(DemandNoticeModel notice) =>
        notice.PaymentMethod == "Direct Debit" ? [] : ["direct-debit-form"];

    /// <summary>
    /// The postage class from the weight: pages printed both sides on 80 gsm A4 (about 5 g a sheet), each insert
    /// a sheet, and a C5 window envelope of about 5 g; Royal Mail's letter format takes up to 100 g.
    /// </summary>
    public static string WeightClass(int pages, int inserts)
    {
        var grams = (((pages + 1) / 2) + inserts + 1) * 5;
        return grams switch
        {
            <= 100 => "letter-100g",
            <= 250 => "large-letter-250g",
            <= 750 => "large-letter-750g",
            _ => "parcel",
        };
    }

    /// <summary>RFC 4180 CSV, UTF-8 without a byte order mark, CRLF line ends.</summary>
    public static byte[] ManifestCsv(IReadOnlyList<ManifestRow> rows)
    {
        var csv = new StringBuilder("sequence,file,first_page,account_reference,name,address,postcode,pages,weight_class,inserts\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', new[]
            {
                r.Sequence.ToString(CultureInfo.InvariantCulture), r.File, r.FirstPage.ToString(CultureInfo.InvariantCulture), r.AccountReference,
                Field(r.Name), Field(r.Address), Field(r.Postcode), r.Pages.ToString(CultureInfo.InvariantCulture), r.WeightClass, Field(r.Inserts),
            }).Append("\r\n");
        }

        return new UTF8Encoding(false).GetBytes(csv.ToString());
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>Postcode order (outward then inward code, as the post sorts), then address, then reference.</summary>
    internal static class PostOrder
    {
        public static int Compare(ILetterModel a, ILetterModel b)
        {
            var byPostcode = string.CompareOrdinal(Key(a.Recipient.Address.Postcode), Key(b.Recipient.Address.Postcode));
            if (byPostcode != 0)
            {
                return byPostcode;
            }

            var byAddress = string.CompareOrdinal(a.Recipient.Address.OneLine, b.Recipient.Address.OneLine);
            return byAddress != 0 ? byAddress : string.CompareOrdinal(a.AccountReference.Value, b.AccountReference.Value);
        }

        // "WD1 9ZZ" before "WD3 1AA" before "WD10 1AB": the area, the district as a number, then the inward code.
        private static string Key(string postcode)
        {
            var p = postcode.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
            if (p.Length < 5)
            {
                return p;
            }

            var outward = p[..^3];
            var area = new string(outward.TakeWhile(char.IsAsciiLetter).ToArray());
            var district = outward[area.Length..];
            var digits = new string(district.TakeWhile(char.IsAsciiDigit).ToArray());
            return area.PadRight(2) + digits.PadLeft(2, '0') + district[digits.Length..].PadRight(1) + p[^3..];
        }
    }

}
