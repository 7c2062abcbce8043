namespace Reeve.Letters.Pdf;

/// <summary>
/// The letter layout's canvas on Reeve's own <see cref="PdfWriter"/>. The writer does not tag content, so the
/// structure calls are ignored: its PDFs carry /Lang and a title but no structure tree (docs/decisions/0035).
/// </summary>
internal sealed class PdfWriterCanvas(PdfWriter writer) : ILetterCanvas
{
    private PdfPage _page = null!;

    public int PageCount => writer.Pages.Count;

    public void AddPage() => _page = writer.AddPage();

    public void GoToPage(int index) => _page = writer.Pages[index];

    public double Measure(FontWeight weight, double sizePt, string text) => PdfWriter.Measure(weight, sizePt, text);

    public void Text(double xMm, double baselineMm, FontWeight weight, double sizePt, string text, Rgb colour) =>
        _page.Text(xMm, baselineMm, weight, sizePt, text, colour);

    public void FillRect(double xMm, double yMm, double widthMm, double heightMm, Rgb colour) =>
        _page.FillRect(xMm, yMm, widthMm, heightMm, colour);

    public void Line(double x1Mm, double y1Mm, double x2Mm, double y2Mm, double widthPt, Rgb colour, bool dashed = false) =>
        _page.Line(x1Mm, y1Mm, x2Mm, y2Mm, widthPt, colour, dashed);

    public void Begin(LetterPart part)
    {
    }

    public void End()
    {
    }
}
