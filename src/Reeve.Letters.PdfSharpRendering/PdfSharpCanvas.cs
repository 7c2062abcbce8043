using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Events;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;
using Reeve.Letters.Pdf;

namespace Reeve.Letters.PdfSharpRendering;

/// <summary>
/// The letter layout's canvas on PDFsharp. PDFsharp's UAManager tags only the page being drawn, in order, and
/// the layout goes back to number a letter's pages once it knows how many there are; so this canvas records a
/// letter's drawing page by page and <see cref="Flush"/> plays it into the document, each page once, start to
/// end. Text is measured by PDFsharp's own font code.
/// </summary>
internal sealed class PdfSharpCanvas(PdfDocument pdf, StructureBuilder structure) : ILetterCanvas
{
    private const double PointsPerMm = 72 / 25.4;

    private readonly List<List<Op>> _pages = [];
    private readonly Dictionary<(FontWeight, double), XFont> _fonts = [];
    private readonly Dictionary<Rgb, XSolidBrush> _brushes = [];
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(595.276, 841.89), XGraphicsUnit.Point, XPageDirection.Downwards, new RenderEvents());
    private readonly XPdfFontOptions _fontOptions = new(PdfFontEncoding.Unicode);
    private int _flushed;
    private List<Op> _page = null!;

    private enum Kind
    {
        Text,
        Rect,
        Line,
        DashedLine,
        Begin,
        End,
    }

    private readonly record struct Op(Kind Kind, double X1, double Y1, double X2 = 0, double Y2 = 0, double Size = 0,
        FontWeight Weight = FontWeight.Regular, string? Text = null, Rgb Colour = default, LetterPart Part = LetterPart.Artifact);

    public int PageCount => _flushed + _pages.Count;

    public void AddPage()
    {
        _page = [];
        _pages.Add(_page);
    }

    public void GoToPage(int index) =>
        _page = index >= _flushed ? _pages[index - _flushed] : throw new InvalidOperationException($"Page {index + 1} is already written");

    public double Measure(FontWeight weight, double sizePt, string text) =>
        _measure.MeasureString(text, Font(weight, sizePt)).Width / PointsPerMm;

    public void Text(double xMm, double baselineMm, FontWeight weight, double sizePt, string text, Rgb colour)
    {
        if (text.Length > 0)
        {
            _page.Add(new Op(Kind.Text, xMm, baselineMm, Size: sizePt, Weight: weight, Text: text, Colour: colour));
        }
    }

    public void FillRect(double xMm, double yMm, double widthMm, double heightMm, Rgb colour) =>
        _page.Add(new Op(Kind.Rect, xMm, yMm, widthMm, heightMm, Colour: colour));

    public void Line(double x1Mm, double y1Mm, double x2Mm, double y2Mm, double widthPt, Rgb colour, bool dashed = false) =>
        _page.Add(new Op(dashed ? Kind.DashedLine : Kind.Line, x1Mm, y1Mm, x2Mm, y2Mm, widthPt, Colour: colour));

    public void Begin(LetterPart part) => _page.Add(new Op(Kind.Begin, 0, 0, Part: part));

    public void End() => _page.Add(new Op(Kind.End, 0, 0));

    /// <summary>Writes the pages recorded so far into the document, in order, tagging as it goes.</summary>
    public void Flush()
    {
        foreach (var ops in _pages)
        {
            var page = pdf.AddPage();
            page.Size = PageSize.A4;
            using var graphics = XGraphics.FromPdfPage(page);
            foreach (var op in ops)
            {
                Play(graphics, op);
            }
        }

        _flushed += _pages.Count;
        _pages.Clear();
    }

    private void Play(XGraphics graphics, Op op)
    {
        switch (op.Kind)
        {
            case Kind.Text:
                graphics.DrawString(op.Text!, Font(op.Weight, op.Size), Brush(op.Colour), op.X1 * PointsPerMm, op.Y1 * PointsPerMm);
                break;
            case Kind.Rect:
                graphics.DrawRectangle(Brush(op.Colour), op.X1 * PointsPerMm, op.Y1 * PointsPerMm, op.X2 * PointsPerMm, op.Y2 * PointsPerMm);
                break;
            case Kind.Line or Kind.DashedLine:
                var pen = new XPen(Colour(op.Colour), op.Size);
                if (op.Kind == Kind.DashedLine)
                {
                    pen.DashPattern = [3 / op.Size, 2 / op.Size];
                }

                graphics.DrawLine(pen, op.X1 * PointsPerMm, op.Y1 * PointsPerMm, op.X2 * PointsPerMm, op.Y2 * PointsPerMm);
                break;
            case Kind.Begin:
                Open(op.Part);
                break;
            case Kind.End:
                structure.End();
                break;
        }
    }

    private void Open(LetterPart part)
    {
        switch (part)
        {
            case LetterPart.Artifact:
                structure.BeginArtifact();
                break;
            case LetterPart.Letter:
                structure.BeginGroupingElement(part.StandardType());
                break;
            default:
                structure.BeginBlockLevelElement(part.StandardType());
                break;
        }
    }

    private XFont Font(FontWeight weight, double size)
    {
        if (!_fonts.TryGetValue((weight, size), out var font))
        {
            font = new XFont(LetterFontResolver.Family, size, weight == FontWeight.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, _fontOptions);
            _fonts[(weight, size)] = font;
        }

        return font;
    }

    private XSolidBrush Brush(Rgb colour)
    {
        if (!_brushes.TryGetValue(colour, out var brush))
        {
            brush = new XSolidBrush(Colour(colour));
            _brushes[colour] = brush;
        }

        return brush;
    }

    private static XColor Colour(Rgb c) =>
        XColor.FromArgb((int)Math.Round(c.R * 255), (int)Math.Round(c.G * 255), (int)Math.Round(c.B * 255));
}
