using PdfSharp;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Reeve.Letters.PdfSharpRendering;

/// <summary>
/// The letter layout drawn with PDFsharp 6.2.4 (MIT) as tagged PDF: a structure tree (PDF/UA, through
/// PDFsharp's UAManager) with each letter an article of headings, paragraphs, lists and tables in reading
/// order, decoration marked as artifacts, document language en-GB and the title shown as the window title.
/// Fonts are the DejaVu faces the own writer uses, embedded by PDFsharp as Unicode (Identity-H) subsets. Not
/// the default: it renders about a quarter as fast as the own writer (docs/decisions/0035).
/// </summary>
public sealed class PdfSharpLetterRenderer : ILetterPdfRenderer
{
    public static PdfSharpLetterRenderer Instance { get; } = new();

    private PdfSharpLetterRenderer()
    {
    }

    public const string Language = "en-GB";

    public string Name => "pdfsharp";

    public byte[] Render(LetterDocument document, ILetterModel model, PrintSize size = PrintSize.Standard, string? mark = null)
    {
        var (pdf, canvas) = Start(document.Title);
        LetterPdf.Draw(canvas, document, model, size, mark);
        canvas.Flush();
        return Save(pdf);
    }

    public (byte[] Pdf, IReadOnlyList<int> Pages) RenderBatch(
        IReadOnlyList<(LetterDocument Document, ILetterModel Model)> letters, string title, PrintSize size = PrintSize.Standard)
    {
        var (pdf, canvas) = Start(title);
        var pages = new List<int>(letters.Count);
        foreach (var (document, model) in letters)
        {
            pages.Add(LetterPdf.Draw(canvas, document, model, size, null));
            canvas.Flush();
        }

        return (Save(pdf), pages);
    }

    private static (PdfDocument Pdf, PdfSharpCanvas Canvas) Start(string title)
    {
        LetterFontResolver.Install();
        var pdf = new PdfDocument();
        pdf.Info.Title = title;
        pdf.Options.CompressContentStreams = true;
        pdf.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var ua = UAManager.ForDocument(pdf);
        ua.SetDocumentLanguage(Language);
        return (pdf, new PdfSharpCanvas(pdf, ua.StructureBuilder));
    }

    private static byte[] Save(PdfDocument pdf)
    {
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }
}
