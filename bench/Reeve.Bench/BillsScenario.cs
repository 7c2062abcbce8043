using System.Diagnostics;
using System.Text;
using NodaTime;
using Reeve.Kernel;
using Reeve.Letters;
using Reeve.Letters.PdfSharpRendering;

namespace Reeve.Bench;

public sealed record BillsBenchOptions(int Count, int LettersPerFile, int Parallelism, IReadOnlyList<string> Renderers)
{
    public const int DefaultCount = 100_000;

    public BillsBenchOptions(int count, int lettersPerFile, int parallelism)
        : this(count, lettersPerFile, parallelism, [LetterPdf.PrintFiles.Name])
    {
    }
}

/// <summary>One PDF renderer's run over the bench's bills: time, size and memory.</summary>
public sealed record RendererFigures(
    string Renderer,
    int Pages,
    long PdfBytes,
    TimeSpan Elapsed,
    long PeakWorkingSetBytes,
    long PeakManagedBytes)
{
    public double PagesPerSecond => Pages / Elapsed.TotalSeconds;

    /// <summary>PDF written, in MiB a second.</summary>
    public double MibPerSecond => PdfBytes / 1024.0 / 1024.0 / Elapsed.TotalSeconds;

    public bool SpeedPasses => PagesPerSecond >= BillsFigures.PagesPerSecondTarget;

    public bool MemoryPasses => PeakWorkingSetBytes < BillsFigures.MemoryTargetBytes;
}

public sealed record BillsFigures(
    BillsBenchOptions Options,
    int Letters,
    int Files,
    IReadOnlyList<RendererFigures> Renderers,
    TimeSpan Baseline,
    long BaselineBytes,
    string PeakWorkingSetMeasure)
{
    public const double PagesPerSecondTarget = 500;
    public const long MemoryTargetBytes = 1L << 30;

    public int Pages => Renderers[0].Pages;

    public double BaselinePagesPerSecond => Pages / Baseline.TotalSeconds;

    public double Ratio(RendererFigures renderer) => renderer.Elapsed.TotalSeconds / Baseline.TotalSeconds;
}

/// <summary>
/// `reeve bench bills`: renders N two-page council tax demand notices into print files (PDFs of
/// <see cref="BillsBenchOptions.LettersPerFile"/> letters, as a print run writes them), batches in parallel, with
/// each renderer asked for (Reeve's own PDF writer, PDFsharp, or both one after the other on the same bills), and
/// times it against a baseline that does everything but the layout: the same template filled for the same
/// letters and their text written to files of the same batches. The ratio is what layout and PDF cost on top of
/// producing the words. The notices vary by name, address and amounts, so no two letters are the same; the
/// database is not involved (reading bills is the annual billing benchmark's business).
/// </summary>
public static class BillsScenario
{
    /// <summary>The PDF renderers the benchmark measures, the one print runs use first.</summary>
    public static IReadOnlyList<ILetterPdfRenderer> Renderers { get; } = [LetterPdf.OwnUntagged, LetterPdf.Own, PdfSharpLetterRenderer.Instance];

    public static ILetterPdfRenderer Renderer(string name) =>
        Renderers.SingleOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"There is no PDF renderer called '{name}'; there are {string.Join(" and ", Renderers.Select(r => r.Name))}", nameof(name));

    public static async Task<BillsFigures> RunAsync(string folder, BillsBenchOptions options, IProgress<BenchProgress>? progress = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(folder);
        var template = DefaultTemplates.For(LetterType.DemandNotice, Channel.Letter).Source;
        var engine = new TemplateEngine();
        var files = (options.Count + options.LettersPerFile - 1) / options.LettersPerFile;
        var renderers = options.Renderers.Select(Renderer).ToList();
        if (renderers.Count == 0)
        {
            throw new ArgumentException("Name at least one PDF renderer", nameof(options));
        }

        var peakMeasure = "";
        var results = new List<RendererFigures>();
        foreach (var renderer in renderers)
        {
            // Warm up once (JIT, fonts parsed, template compiled) so no side pays for it, and start each renderer
            // from a collected heap so that one's garbage is not counted against the next.
            renderer.RenderBatch([(LetterMarkup.Parse(engine.Render(template, Notice(0))), Notice(0))], "warm-up");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            peakMeasure = AnnualBillingScenario.PeakWorkingSet.Reset()
                ? "peak working set of the process during each renderer's run (VmHWM, reset before it)"
                : "peak working set of the process since it started";
            using var managed = new AnnualBillingScenario.ManagedMemorySampler();
            var pages = 0;
            long pdfBytes = 0;
            var done = 0;
            var started = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(Enumerable.Range(0, files), new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
                async (file, token) =>
                {
                    var letters = Batch(file, options).Select(m => (LetterMarkup.Parse(engine.Render(template, m)), (ILetterModel)m)).ToList();
                    var (pdf, counts) = renderer.RenderBatch(letters, $"Bench demand notices, file {file + 1}");
                    if (counts.Any(c => c != 2))
                    {
                        throw new InvalidOperationException($"A bench notice in file {file + 1} took {counts.First(c => c != 2)} pages, not 2, with the {renderer.Name} renderer");
                    }

                    await File.WriteAllBytesAsync(Path.Combine(folder, $"bills-{renderer.Name}-{file + 1:00000}.pdf"), pdf, token);
                    Interlocked.Add(ref pages, counts.Sum());
                    Interlocked.Add(ref pdfBytes, pdf.Length);
                    progress?.Report(new BenchProgress($"Rendering print files ({renderer.Name})", Interlocked.Add(ref done, letters.Count), options.Count));
                });
            var elapsed = Stopwatch.GetElapsedTime(started);
            results.Add(new RendererFigures(renderer.Name, pages, pdfBytes, elapsed, AnnualBillingScenario.PeakWorkingSet.Read(), managed.Stop()));
        }

        long baselineBytes = 0;
        var baselineDone = 0;
        var baselineStarted = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, files), new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
            async (file, token) =>
            {
                var text = new StringBuilder();
                var count = 0;
                foreach (var model in Batch(file, options))
                {
                    text.Append(LetterMarkup.Parse(engine.Render(template, model)).ToPlainText()).Append('\f');
                    count++;
                }

                var bytes = Encoding.UTF8.GetBytes(text.ToString());
                await File.WriteAllBytesAsync(Path.Combine(folder, $"bills-{file + 1:00000}.txt"), bytes, token);
                Interlocked.Add(ref baselineBytes, bytes.Length);
                progress?.Report(new BenchProgress("Baseline: the same text without layout", Interlocked.Add(ref baselineDone, count), options.Count));
            });
        var baseline = Stopwatch.GetElapsedTime(baselineStarted);
        return new BillsFigures(options, options.Count, files, results, baseline, baselineBytes, peakMeasure);
    }

    private static IEnumerable<DemandNoticeModel> Batch(int file, BillsBenchOptions options)
    {
        var first = file * options.LettersPerFile;
        var last = Math.Min(options.Count, first + options.LettersPerFile);
        for (var i = first; i < last; i++)
        {
            yield return Notice(i);
        }
    }

    private static readonly string[] Surnames = ["Ash", "Birch", "Cedar", "Elm", "Hazel", "Larch", "Maple", "Oak", "Rowan", "Willow"];
    private static readonly string[] Streets = ["Station Road", "Church Lane", "Mill Street", "High Street", "Tanners Row", "Orchard Way"];

    /// <summary>The demo notice made different for each number: name, address, postcode and the amounts.</summary>
    private static DemandNoticeModel Notice(int i)
    {
        var demo = DemoLetters.DemandNotice;
        var adjust = Money.FromPence(i % 997);
        var postcode = $"DT{1 + (i % 9)} {i % 10}{(char)('A' + (i % 26))}{(char)('A' + (i / 26 % 26))}";
        var line = $"{1 + (i % 240)} {Streets[i % Streets.Length]}";
        return demo with
        {
            Recipient = new Addressee($"{(i % 2 == 0 ? "Ms" : "Mr")} {(char)('A' + (i % 26))}. {Surnames[i % Surnames.Length]}", new PostalAddress([line, "Demotown"], postcode)),
            AccountReference = AccountReference.Create(AccountKind.CouncilTax, 10_000 + i),
            PropertyAddress = $"{line}, Demotown {postcode}",
            AmountDue = demo.AmountDue + adjust,
            Instalments = [.. demo.Instalments.Select((l, n) => n == 0 ? l with { Amount = l.Amount + adjust } : l)],
            IssuedOn = demo.IssuedOn.PlusDays(i % 3),
        };
    }
}
