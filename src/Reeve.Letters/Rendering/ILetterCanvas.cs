using Reeve.Letters.Pdf;

namespace Reeve.Letters;

/// <summary>
/// What a letter's text and shapes are in its logical structure, so that a PDF library that can tag content
/// (PDF/UA) tells a screen reader what each piece is. <see cref="Artifact"/> is decoration a reader skips: the
/// brand bars, table rules, barcode bars, running headers and page numbers.
/// </summary>
internal enum LetterPart
{
    Letter,
    Title,
    Heading,
    Paragraph,
    List,
    ListItem,
    ListLabel,
    ListBody,
    Table,
    TableRow,
    TableHeaderCell,
    TableCell,
    Artifact,
}

/// <summary>
/// The drawing surface a letter's layout draws on, in millimetres from a page's top-left corner. One layout
/// (<see cref="LetterPdf"/>) draws through it onto Reeve's own PDF writer or onto PDFsharp, so both put the same
/// blocks in the same places and a benchmark compares the PDF libraries, not two layouts.
/// </summary>
internal interface ILetterCanvas
{
    int PageCount { get; }

    void AddPage();

    /// <summary>Draw on an earlier page again (the layout numbers a letter's pages when it knows how many it took).</summary>
    void GoToPage(int index);

    /// <summary>The width in millimetres of text as this canvas's font code measures it.</summary>
    double Measure(FontWeight weight, double sizePt, string text);

    void Text(double xMm, double baselineMm, FontWeight weight, double sizePt, string text, Rgb colour);

    void FillRect(double xMm, double yMm, double widthMm, double heightMm, Rgb colour);

    void Line(double x1Mm, double y1Mm, double x2Mm, double y2Mm, double widthPt, Rgb colour, bool dashed = false);

    /// <summary>Opens a structure element (or an artifact); everything drawn until the matching <see cref="End"/> belongs to it.</summary>
    void Begin(LetterPart part);

    void End();
}

internal static class LetterCanvasExtensions
{
    /// <summary>The standard structure type (PDF 32000-1 14.8.4) a part is tagged as; an artifact has none.</summary>
    public static string StandardType(this LetterPart part) => part switch
    {
        LetterPart.Letter => "Art",
        LetterPart.Title => "H1",
        LetterPart.Heading => "H2",
        LetterPart.Paragraph => "P",
        LetterPart.List => "L",
        LetterPart.ListItem => "LI",
        LetterPart.ListLabel => "Lbl",
        LetterPart.ListBody => "LBody",
        LetterPart.Table => "Table",
        LetterPart.TableRow => "TR",
        LetterPart.TableHeaderCell => "TH",
        LetterPart.TableCell => "TD",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "An artifact is not a structure element"),
    };

    public static void TextRight(this ILetterCanvas canvas, double rightMm, double baselineMm, FontWeight weight, double sizePt, string text, Rgb colour) =>
        canvas.Text(rightMm - canvas.Measure(weight, sizePt, text), baselineMm, weight, sizePt, text, colour);

    /// <summary>Draws inside one structure element: Begin, the drawing, End.</summary>
    public static void Tagged(this ILetterCanvas canvas, LetterPart part, Action draw)
    {
        canvas.Begin(part);
        draw();
        canvas.End();
    }
}
