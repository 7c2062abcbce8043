using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reeve.Letters.Pdf;

/// <summary>
/// Marks a stored notice COPY for a reprint by an incremental update (PDF 32000-1 7.5.6): the original bytes are
/// kept whole and unchanged at the front, and an appended section replaces the first page with one that also
/// draws the word. Works on the PDFs <see cref="PdfWriter"/> makes.
/// </summary>
internal static partial class CopyMark
{
    public static byte[] Apply(byte[] original)
    {
        var text = Encoding.Latin1.GetString(original);
        var page = FirstPage().Match(text);
        var startXref = StartXref().Matches(text) is { Count: > 0 } found ? found[^1] : null;
        var size = Size().Match(text);
        var root = Root().Match(text);
        var info = Info().Match(text);
        var id = FileId().Match(text);
        if (!page.Success || startXref is null || !size.Success || !root.Success || !info.Success || !id.Success)
        {
            throw new ArgumentException("This is not a PDF that Reeve wrote", nameof(original));
        }

        var pageId = page.Groups["id"].Value;
        var next = int.Parse(size.Groups["n"].Value, CultureInfo.InvariantCulture);
        var stamp = next;
        var font = next + 1;
        // An artifact, as the page furniture of a tagged letter is, so that the copy stays tagged PDF.
        var content = "/Artifact BMC q 0.8 0.1 0.1 rg BT /FCopy 28 Tf 1 0 0 1 300 790 Tm (COPY) Tj ET Q EMC\n";
        var pageDictionary = page.Groups["dict"].Value
            .Replace("/Font << ", $"/Font << /FCopy {font} 0 R ", StringComparison.Ordinal);
        pageDictionary = ContentsRef().Replace(pageDictionary, m => $"/Contents [{m.Groups["c"].Value} 0 R {stamp} 0 R]");

        var update = new StringBuilder("\n");
        var offsets = new SortedDictionary<int, long>();
        void Add(int objectId, string body)
        {
            offsets[objectId] = original.Length + Encoding.Latin1.GetByteCount(update.ToString());
            update.Append(CultureInfo.InvariantCulture, $"{objectId} 0 obj\n{body}\nendobj\n");
        }

        Add(int.Parse(pageId, CultureInfo.InvariantCulture), pageDictionary);
        Add(stamp, $"<< /Length {content.Length} >>\nstream\n{content}endstream");
        Add(font, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
        var xref = original.Length + Encoding.Latin1.GetByteCount(update.ToString());
        update.Append("xref\n");
        foreach (var (objectId, offset) in offsets)
        {
            update.Append(CultureInfo.InvariantCulture, $"{objectId} 1\n{offset:0000000000} 00000 n \n");
        }

        update.Append(CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {font + 1} /Root {root.Groups["r"].Value} 0 R /Info {info.Groups["i"].Value} 0 R /ID {id.Value} /Prev {startXref.Groups["x"].Value} >>\nstartxref\n{xref}\n%%EOF\n");
        return [.. original, .. Encoding.Latin1.GetBytes(update.ToString())];
    }

    [GeneratedRegex(@"(?<id>\d+) 0 obj\n(?<dict><< /Type /Page /Parent .*?>> >> /Contents \d+ 0 R >>)\nendobj")]
    private static partial Regex FirstPage();

    [GeneratedRegex(@"startxref\n(?<x>\d+)")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Size (?<n>\d+)")]
    private static partial Regex Size();

    [GeneratedRegex(@"/Root (?<r>\d+) 0 R")]
    private static partial Regex Root();

    [GeneratedRegex(@"/Info (?<i>\d+) 0 R")]
    private static partial Regex Info();

    [GeneratedRegex(@"\[<[0-9A-F]+> <[0-9A-F]+>\]")]
    private static partial Regex FileId();

    [GeneratedRegex(@"/Contents (?<c>\d+) 0 R")]
    private static partial Regex ContentsRef();
}
