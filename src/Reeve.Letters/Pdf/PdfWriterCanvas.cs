namespace Reeve.Letters.Pdf;

/// <summary>
/// The letter layout's canvas on Reeve's own <see cref="PdfWriter"/>, tagging as it draws: each part the layout
/// opens becomes a structure element under the writer's document, and what is drawn inside it is marked content
/// of that element, or an artifact (docs/decisions/0035). Untagged, it ignores the structure and draws only.
/// </summary>
internal sealed class PdfWriterCanvas(PdfWriter writer, bool tagged = true) : ILetterCanvas
{
    // The open parts, innermost on top; null stands for an artifact.
    private readonly Stack<StructElement?> _open = new();
    private PdfPage? _page;

    public int PageCount => writer.Pages.Count;

    public void AddPage()
    {
        _page?.CloseMark();
        _page = writer.AddPage();
    }

    public void GoToPage(int index)
    {
        _page?.CloseMark();
        _page = writer.Pages[index];
    }

    public double Measure(FontWeight weight, double sizePt, string text) => PdfWriter.Measure(weight, sizePt, text);

    public void Text(double xMm, double baselineMm, FontWeight weight, double sizePt, string text, Rgb colour)
    {
        if (text.Length > 0)
        {
            Page().Text(xMm, baselineMm, weight, sizePt, text, colour);
        }
    }

    public void FillRect(double xMm, double yMm, double widthMm, double heightMm, Rgb colour) =>
        Page().FillRect(xMm, yMm, widthMm, heightMm, colour);

    public void Line(double x1Mm, double y1Mm, double x2Mm, double y2Mm, double widthPt, Rgb colour, bool dashed = false) =>
        Page().Line(x1Mm, y1Mm, x2Mm, y2Mm, widthPt, colour, dashed);

    public void Begin(LetterPart part)
    {
        if (!tagged)
        {
            return;
        }

        if (part == LetterPart.Artifact)
        {
            _open.Push(null);
            return;
        }

        var parent = _open.FirstOrDefault(e => e is not null) ?? writer.Structure;
        var element = new StructElement(part.StandardType(), parent);
        parent.Kids.Add(element);
        _open.Push(element);
    }

    public void End()
    {
        if (tagged)
        {
            _open.Pop();
        }
    }

    /// <summary>The current page, with what is about to be drawn marked as the innermost open part's.</summary>
    private PdfPage Page()
    {
        var page = _page ?? throw new InvalidOperationException("Add a page before drawing");
        if (_open.Count > 0)
        {
            page.MarkAs(_open.Peek());
        }

        return page;
    }
}
