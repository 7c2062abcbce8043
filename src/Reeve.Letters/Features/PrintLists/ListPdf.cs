using Reeve.Letters.Pdf;

namespace Reeve.Letters;

/// <summary>A column of a printed list: its heading, its width in millimetres, and whether figures line up on the right.</summary>
public sealed record ListColumn(string Heading, double WidthMm, bool Right = false);

/// <summary>
/// A list for another body to work from (the magistrates' court's complaint list, say) as an A4 PDF with the same
/// embedded fonts as the letters: a title, lines of context, a table whose heading repeats on every page, and
/// "Page n of m". Text too wide for its column is cut with an ellipsis rather than run into the next.
/// </summary>
public static class ListPdf
{
    private const double Left = 15;
    private const double Top = 18;
    private const double Bottom = 282;
    private const double RowHeight = 5.2;
    private const double BodySize = 8.5;

    public static byte[] Render(string title, IReadOnlyList<string> context, IReadOnlyList<ListColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (columns.Count == 0 || rows.Any(r => r.Count != columns.Count))
        {
            throw new ArgumentException("Every row needs one cell for each column", nameof(rows));
        }

        var writer = new PdfWriter();
        var page = writer.AddPage();
        var y = Top;
        page.Text(Left, y, FontWeight.Bold, 14, title, Rgb.Black);
        y += 7;
        foreach (var line in context)
        {
            page.Text(Left, y, FontWeight.Regular, 9.5, line, Rgb.Black);
            y += 5;
        }

        y += 3;
        y = Heading(page, columns, y);
        foreach (var row in rows)
        {
            if (y + RowHeight > Bottom)
            {
                page = writer.AddPage();
                y = Heading(page, columns, Top);
            }

            var x = Left;
            for (var c = 0; c < columns.Count; c++)
            {
                var text = Fit(row[c], columns[c].WidthMm - 2, FontWeight.Regular);
                if (columns[c].Right)
                {
                    page.TextRight(x + columns[c].WidthMm - 1, y, FontWeight.Regular, BodySize, text, Rgb.Black);
                }
                else
                {
                    page.Text(x + 1, y, FontWeight.Regular, BodySize, text, Rgb.Black);
                }

                x += columns[c].WidthMm;
            }

            page.Line(Left, y + 1.6, x, y + 1.6, 0.3, Rgb.Pale);
            y += RowHeight;
        }

        for (var p = 0; p < writer.Pages.Count; p++)
        {
            writer.Pages[p].TextRight(195, 290, FontWeight.Regular, 8, $"Page {p + 1} of {writer.Pages.Count}", Rgb.Grey);
        }

        return writer.ToBytes(title);
    }

    private static double Heading(PdfPage page, IReadOnlyList<ListColumn> columns, double y)
    {
        var width = columns.Sum(c => c.WidthMm);
        page.FillRect(Left, y - 4, width, 6, Rgb.Pale);
        var x = Left;
        foreach (var column in columns)
        {
            var text = Fit(column.Heading, column.WidthMm - 2, FontWeight.Bold);
            if (column.Right)
            {
                page.TextRight(x + column.WidthMm - 1, y, FontWeight.Bold, BodySize, text, Rgb.Black);
            }
            else
            {
                page.Text(x + 1, y, FontWeight.Bold, BodySize, text, Rgb.Black);
            }

            x += column.WidthMm;
        }

        return y + RowHeight + 1;
    }

    private static string Fit(string text, double widthMm, FontWeight weight)
    {
        if (PdfWriter.Measure(weight, BodySize, text) <= widthMm)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 0 && PdfWriter.Measure(weight, BodySize, text.AsSpan(0, cut)) + PdfWriter.Measure(weight, BodySize, "…") > widthMm)
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }
}
