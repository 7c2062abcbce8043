namespace Reeve.Letters;

/// <summary>
/// Turns filled-in letters into PDF with the one letter layout (<see cref="LetterPdf"/>): Reeve's own writer
/// tagged (<see cref="LetterPdf.Own"/>, what single letters use) or untagged (<see cref="LetterPdf.OwnUntagged"/>,
/// what print files use) or, for the bills benchmark, PDFsharp (src/Reeve.Letters.PdfSharpRendering).
/// </summary>
public interface ILetterPdfRenderer
{
    /// <summary>"own", "own-untagged" or "pdfsharp", as `reeve bench bills --renderer` takes it.</summary>
    string Name { get; }

    byte[] Render(LetterDocument document, ILetterModel model, PrintSize size = PrintSize.Standard, string? mark = null);

    /// <summary>Many letters in one PDF, each from a new page numbering its own pages; returns the file and each letter's page count.</summary>
    (byte[] Pdf, IReadOnlyList<int> Pages) RenderBatch(
        IReadOnlyList<(LetterDocument Document, ILetterModel Model)> letters, string title, PrintSize size = PrintSize.Standard);
}
