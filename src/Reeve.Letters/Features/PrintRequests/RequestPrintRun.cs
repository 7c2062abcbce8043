#pragma warning disable IDE1006 // column names as the database spells them
using System.Globalization;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Letters;

/// <summary>A queued letter not printed because post to its address has come back "gone away".</summary>
public sealed record HeldLetter(long RequestId, long AccountId, string AccountReference, string Name, string Address, LocalDate ReturnedOn);

public sealed record RequestPrintResult(
    long PrintId,
    LetterType Type,
    LocalDate On,
    IReadOnlyList<string> Files,
    string Manifest,
    IReadOnlyList<ManifestRow> Letters,
    IReadOnlyList<HeldLetter> Held,
    int NoticesStored,
    int AlreadyStored,
    IReadOnlyList<PrintProblem> Problems)
{
    public int Pages => Letters.Sum(l => l.Pages);
}

/// <summary>
/// The print files for every queued request of a letter type issued on a date (a recovery run's reminders, a
/// day's refund letters): each notice rendered as at its date, stored once on its account and linked to its
/// request, then PDFs of up to <see cref="PrintRun.LettersPerFile"/> letters in postcode order with a manifest
/// CSV. A letter to an address marked gone-away is held: not printed, not stored, listed in the result and in a
/// held CSV so an officer can trace the person. Printing the same type and date again stores nothing new.
/// </summary>
public static class RequestPrintRun
{
    public sealed record Options(CouncilId Council, LetterType Type, LocalDate On, string Folder, string Officer = PrintRun.Officer);

    public static async Task<Outcome<RequestPrintResult>> PrintAsync(
        ReeveDatabase db, Options options, IClock clock, IProgress<PrintProgress>? progress = null, CancellationToken ct = default)
    {
        var council = options.Council;
        await using var connection = await db.OpenAsync(ct);
        var requests = await LetterRequests.ForDateAsync(connection, council, options.Type, options.On);
        if (requests.Count == 0)
        {
            return new Outcome<RequestPrintResult>.NotFound($"queued {options.Type.Code()} letters for {DateText.FormatLong(options.On)}");
        }

        // A request already answered by email or text message is not printed as well.
        var sentElectronically = (await connection.QueryAsync<long>(
                "select rn.request_id from letter_request_notice rn join letter_notice n on n.council_id = rn.council_id and n.notice_id = rn.notice_id " +
                "join letter_request r on r.council_id = rn.council_id and r.request_id = rn.request_id " +
                "where rn.council_id = @council and r.letter_type = @type and r.request_date = @on and n.channel <> 'letter'",
                new { council = council.Value, type = options.Type.Code(), on = options.On }))
            .ToHashSet();
        var reissued = await TracedAddressLetters.SupersededAsync(connection, council);
        requests = requests.Where(r => !sentElectronically.Contains(r.RequestId) && !reissued.Contains(r.RequestId)).ToList();
        var problems = new List<PrintProblem>();
        var held = new List<HeldLetter>();
        var letters = new List<(QueuedLetter Request, ILetterModel Model)>(requests.Count);
        foreach (var request in requests)
        {
            ct.ThrowIfCancellationRequested();
            switch (await ComposeLetter.ComposeAsync(connection, council, request.AccountId, request.Fields, request.On))
            {
                case Outcome<ComposedLetter>.Done { Value.GoneAway: { } mark } composed:
                    var m = composed.Value.Model;
                    held.Add(new HeldLetter(request.RequestId, request.AccountId, m.AccountReference.Value, m.Recipient.Name, m.Recipient.Address.OneLine, mark.ReturnedOn));
                    break;
                case Outcome<ComposedLetter>.Done composed:
                    letters.Add((request, composed.Value.Model));
                    break;
                case Outcome<ComposedLetter>.Invalid invalid:
                    problems.Add(new PrintProblem(request.AccountId, invalid.Field, invalid.Message));
                    break;
                case var other:
                    problems.Add(new PrintProblem(request.AccountId, "account", other.ToString()));
                    break;
            }

            progress?.Report(new PrintProgress("Reading requests", letters.Count + held.Count + problems.Count, requests.Count));
        }

        letters.Sort((a, b) => PrintRun.PostOrder.Compare(a.Model, b.Model));
        Directory.CreateDirectory(options.Folder);
        var renderer = await CouncilTemplates.RendererAsync(connection, council);
        var now = clock.GetCurrentInstant();
        var files = new List<(string Name, byte[] Pdf)>();
        var manifest = new List<ManifestRow>();
        int newlyStored = 0, alreadyStored = 0;
        var prefix = $"{options.Type.Code()}-{options.On:yyyy-MM-dd}";
        var fileCount = (letters.Count + PrintRun.LettersPerFile - 1) / PrintRun.LettersPerFile;
        for (var f = 0; f < fileCount; f++)
        {
            var chunk = letters.Skip(f * PrintRun.LettersPerFile).Take(PrintRun.LettersPerFile).ToList();
            var rendered = chunk.Select(l => renderer.Render(options.Type, Channel.Letter, l.Model)).ToList();
            await using (var tx = await connection.BeginTransactionAsync(ct))
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    var request = chunk[i].Request;
                    if (request.NoticeId is not null)
                    {
                        alreadyStored++;
                        continue;
                    }

                    var notice = await NoticeStore.RecordAsync(connection, tx, council, request.AccountId, rendered[i], request.On, null, options.Officer, now);
                    await LetterRequests.AnswerAsync(connection, tx, council, request.RequestId, notice.NoticeId);
                    newlyStored++;
                }

                await tx.CommitAsync(ct);
            }

            var name = $"{prefix}-{f + 1:000}.pdf";
            var (pdf, pages) = LetterPdf.RenderBatch(
                rendered.Select((r, i) => (r.Document, chunk[i].Model)).ToList(),
                $"{Describe(options.Type)} issued {options.On:yyyy-MM-dd}, file {f + 1} of {fileCount}");
            await File.WriteAllBytesAsync(Path.Combine(options.Folder, name), pdf, ct);
            files.Add((name, pdf));
            var firstPage = 1;
            for (var i = 0; i < chunk.Count; i++)
            {
                var model = chunk[i].Model;
                var inserts = model is DemandNoticeModel d ? PrintRun.Inserts(d) : [];
                manifest.Add(new ManifestRow(manifest.Count + 1, name, firstPage, model.AccountReference.Value, model.Recipient.Name,
                    string.Join(", ", model.Recipient.Address.Lines), model.Recipient.Address.Postcode, pages[i], PrintRun.WeightClass(pages[i], inserts.Count),
                    string.Join(';', inserts)));
                firstPage += pages[i];
            }

            progress?.Report(new PrintProgress("Rendering and storing notices", manifest.Count, letters.Count));
        }

        var manifestName = $"{prefix}-manifest.csv";
        var csv = PrintRun.ManifestCsv(manifest);
        await File.WriteAllBytesAsync(Path.Combine(options.Folder, manifestName), csv, ct);
        if (held.Count > 0)
        {
            await File.WriteAllBytesAsync(Path.Combine(options.Folder, $"{prefix}-held.csv"), HeldCsv(held), ct);
        }

        var printId = await RecordAsync(connection, council, options, files, csv, manifest, held.Count, now);
        return new RequestPrintResult(printId, options.Type, options.On, files.Select(f => f.Name).ToList(), manifestName, manifest, held,
            newlyStored, alreadyStored, problems);
    }

    /// <summary>The print run's record and its files (kept in the document store, for download); once per identical manifest.</summary>
    private static async Task<long> RecordAsync(
        System.Data.Common.DbConnection connection, CouncilId council, Options options, List<(string Name, byte[] Pdf)> files, byte[] csv,
        List<ManifestRow> manifest, int held, Instant now)
    {
        var hash = NoticeStore.Hash(csv);
        await using var tx = await connection.BeginTransactionAsync();
        var existing = await connection.QueryFirstOrDefaultAsync<long?>(
            "select print_id from letter_print_run where council_id = @council and letter_type = @type and request_date = @on and manifest_sha256 = @hash",
            new { council = council.Value, type = options.Type.Code(), on = options.On, hash }, tx);
        if (existing is { } id)
        {
            return id;
        }

        var printId = await IdAllocator.ReserveAsync(connection, tx, council, "letter_print_run", 1);
        await connection.ExecuteAsync(
            "insert into letter_print_run (council_id, print_id, letter_type, request_date, letters, pages, held, manifest_sha256, printed_at, printed_by) " +
            "values (@council, @printId, @type, @on, @letters, @pages, @held, @hash, @now, @officer)",
            new
            {
                council = council.Value, printId, type = options.Type.Code(), on = options.On, letters = manifest.Count,
                pages = manifest.Sum(m => m.Pages), held, hash, now, officer = options.Officer,
            }, tx);
        foreach (var (name, content) in files.Append(($"{options.Type.Code()}-{options.On:yyyy-MM-dd}-manifest.csv", csv)))
        {
            var contentHash = await NoticeStore.StoreContentAsync(connection, tx, council, content, name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/pdf", now);
            await connection.ExecuteAsync(
                "insert into letter_print_file (council_id, print_id, file_name, content_hash) values (@council, @printId, @name, @contentHash)",
                new { council = council.Value, printId, name, contentHash }, tx);
        }

        await tx.CommitAsync();
        return printId;
    }

    private static byte[] HeldCsv(IReadOnlyList<HeldLetter> held)
    {
        var csv = new StringBuilder("request_id,account_reference,name,address,returned_on\r\n");
        foreach (var h in held)
        {
            csv.Append(h.RequestId.ToString(CultureInfo.InvariantCulture)).Append(',').Append(h.AccountReference).Append(',')
                .Append(Csv(h.Name)).Append(',').Append(Csv(h.Address)).Append(',').Append(h.ReturnedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return new UTF8Encoding(false).GetBytes(csv.ToString());
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Describe(LetterType type) => NoticeStore.Describe(type);
}

/// <summary>A print run of queued letters as the batch list shows it, and its stored files.</summary>
public sealed record PrintRunSummary(long PrintId, LetterType Type, LocalDate On, int Letters, int Pages, int Held, Instant PrintedAt, string PrintedBy,
    IReadOnlyList<string> Files);

public static class PrintFiles
{
    public static async Task<IReadOnlyList<PrintRunSummary>> ListAsync(System.Data.Common.DbConnection connection, CouncilId council)
    {
        var runs = await connection.QueryAsync<RunRow>(
            "select print_id, letter_type, request_date, letters, pages, held, printed_at, printed_by from letter_print_run where council_id = @council order by print_id desc",
            new { council = council.Value });
        var files = (await connection.QueryAsync<(long PrintId, string Name)>(
                "select print_id, file_name from letter_print_file where council_id = @council order by file_name", new { council = council.Value }))
            .ToLookup(f => f.PrintId, f => f.Name);
        return runs.Select(r => new PrintRunSummary(r.print_id, LetterTypes.FromCode(r.letter_type), r.request_date, r.letters, r.pages,
            r.held, r.printed_at, r.printed_by, files[r.print_id].ToList())).ToList();
    }

    /// <summary>A print run's file, or null.</summary>
    public static async Task<(byte[] Content, string MediaType)?> FileAsync(System.Data.Common.DbConnection connection, CouncilId council, long printId, string name)
    {
        var hash = await connection.QuerySingleOrDefaultAsync<string?>(
            "select content_hash from letter_print_file where council_id = @council and print_id = @printId and file_name = @name",
            new { council = council.Value, printId, name });
        if (hash is null)
        {
            return null;
        }

        var content = await NoticeStore.ContentAsync(connection, council, hash);
        return content is null ? null : (content, name.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/pdf");
    }

    private sealed class RunRow
    {
        public long print_id { get; set; }
        public string letter_type { get; set; } = "";
        public LocalDate request_date { get; set; }
        public int letters { get; set; }
        public int pages { get; set; }
        public int held { get; set; }
        public Instant printed_at { get; set; }
        public string printed_by { get; set; } = "";
    }
}
