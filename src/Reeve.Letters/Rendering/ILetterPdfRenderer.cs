namespace Reeve.Letters;

/// <summary>
/// Turns filled-in letters into PDF with the one letter layout (<see cref="LetterPdf"/>): Reeve's own writer
/// (<see cref="LetterPdf.Own"/>, the <see cref="LetterPdf.Default"/> that letters and print runs use) or, for the
/// bills benchmark, PDFsharp (src/Reeve.Letters.PdfSharpRendering).
/// </summary>
public interface ILetterPdfRenderer
{
    /// <summary>"own" or "pdfsharp", as `reeve bench bills --renderer` takes it.</summary>
    string Name { get; }

    byte[] Render(LetterDocument document, ILetterModel model, PrintSize size = PrintSize.Standard, string? mark = null);

    /// <summary>Many letters in one PDF, each from a new page numbering its own pages; returns the file and each letter's page count.</summary>
    (byte[] Pdf, IReadOnlyList<int> Pages) RenderBatch(
        IReadOnlyList<(LetterDocument Document, ILetterModel Model)> letters, string title, PrintSize size = PrintSize.Standard);
}
