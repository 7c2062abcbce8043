using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Reeve.Letters.Pdf;

internal readonly record struct Rgb(double R, double G, double B)
{
    public static Rgb Black { get; } = new(0, 0, 0);
    public static Rgb White { get; } = new(1, 1, 1);
    public static Rgb Grey { get; } = new(0.45, 0.45, 0.45);
    public static Rgb Pale { get; } = new(0.93, 0.93, 0.93);

    /// <summary>"#1d70b8" as a council sets its colour.</summary>
    public static Rgb FromHex(string hex)
    {
        var h = hex.TrimStart('#');
        if (h.Length != 6 || !int.TryParse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"'{hex}' is not a colour such as #1d70b8", nameof(hex));
        }

        return new((value >> 16) / 255.0, ((value >> 8) & 0xFF) / 255.0, (value & 0xFF) / 255.0);
    }
}

internal enum FontWeight
{
    Regular,
    Bold,
}

/// <summary>The two faces every notice uses, from the DejaVu fonts shipped in the assembly.</summary>
internal static class LetterFonts
{
    private static readonly Lazy<TrueTypeFont> RegularFont = new(() => Load("DejaVuSans", "DejaVuSans.ttf"));
    private static readonly Lazy<TrueTypeFont> BoldFont = new(() => Load("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"));

    // Each face's advance widths by WinAnsi byte, worked out once: layout measures every candidate line, so a
    // glyph lookup per character per measurement was most of the time spent rendering a bill.
    private static readonly Lazy<int[]> RegularWidths = new(() => WidthsByByte(RegularFont.Value));
    private static readonly Lazy<int[]> BoldWidths = new(() => WidthsByByte(BoldFont.Value));

    public static TrueTypeFont Get(FontWeight weight) => weight == FontWeight.Bold ? BoldFont.Value : RegularFont.Value;

    /// <summary>Advance widths in thousandths of the size, indexed by the WinAnsi byte each character is written as.</summary>
    public static int[] Widths(FontWeight weight) => weight == FontWeight.Bold ? BoldWidths.Value : RegularWidths.Value;

    private static int[] WidthsByByte(TrueTypeFont font) => Enumerable.Range(0, 256).Select(b => font.Width(WinAnsi.Decode((byte)b))).ToArray();

    /// <summary>The whole font file of a face, as shipped in the assembly (for a PDF library that embeds fonts itself).</summary>
    public static byte[] FileBytes(FontWeight weight) => ReadFile(weight == FontWeight.Bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");

    private static TrueTypeFont Load(string name, string file) => new(name, ReadFile(file));

    private static byte[] ReadFile(string file)
    {
        using var stream = typeof(LetterFonts).Assembly.GetManifestResourceStream("Reeve.Letters.Fonts." + file)
            ?? throw new InvalidOperationException($"The font {file} is not embedded in this build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>
/// A small PDF 1.7 writer: A4 pages of text, rectangles and lines, with the two letter fonts embedded as
/// subsets in WinAnsi encoding so that any reader, and pdftotext, gets the words back. The same input gives the
/// same bytes: no clock, no random id (the file id is a hash of the content). When the drawing is marked with
/// structure (<see cref="PdfPage.MarkAs"/>), the file is tagged PDF (PDF 32000-1 14.7 and 14.8): a structure
/// tree under <see cref="Structure"/>, marked content with ids on the pages, a parent tree and /MarkInfo.
/// </summary>
internal sealed class PdfWriter
{
    public const double PageWidthPt = 595.276;
    public const double PageHeightPt = 841.89;
    private const double PointsPerMm = 72 / 25.4;

    private readonly List<PdfPage> _pages = [];
    // Which WinAnsi bytes each face has drawn, so the embedded subset holds just those glyphs.
    private readonly Dictionary<FontWeight, bool[]> _used = new()
    {
        [FontWeight.Regular] = new bool[256],
        [FontWeight.Bold] = new bool[256],
    };

    public IReadOnlyList<PdfPage> Pages => _pages;

    /// <summary>The root of the structure tree, the document; a file is tagged when anything is under it.</summary>
    public StructElement Structure { get; } = new("Document", null);

    public PdfPage AddPage()
    {
        var page = new PdfPage(this, _pages.Count);
        _pages.Add(page);
        return page;
    }

    internal void Use(FontWeight weight, string text)
    {
        var used = _used[weight];
        foreach (var c in text)
        {
            used[WinAnsi.Encode(c)] = true;
        }
    }

    public static double Mm(double mm) => mm * PointsPerMm;

    /// <summary>The width in millimetres of text as it is drawn (each character as its WinAnsi byte).</summary>
    public static double Measure(FontWeight weight, double sizePt, string text) => Measure(weight, sizePt, text.AsSpan());

    public static double Measure(FontWeight weight, double sizePt, ReadOnlySpan<char> text)
    {
        var widths = LetterFonts.Widths(weight);
        var total = 0;
        foreach (var c in text)
        {
            total += widths[WinAnsi.Encode(c)];
        }

        return total * sizePt / 1000.0 / PointsPerMm;
    }

    public byte[] ToBytes(string title)
    {
        var objects = new List<byte[]>();
        int Reserve()
        {
            objects.Add([]);
            return objects.Count;
        }

        void Set(int id, string body) => objects[id - 1] = Encoding.ASCII.GetBytes(body);
        // Page contents are small and many, so they take the fastest compression; fonts, once a file, the best.
        void SetStream(int id, string dictionary, byte[] data, CompressionLevel level = CompressionLevel.Optimal)
        {
            var compressed = Deflate(data, level);
            var head = Encoding.ASCII.GetBytes($"<< {dictionary} /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n");
            objects[id - 1] = [.. head, .. compressed, .. "\nendstream"u8.ToArray()];
        }

        var catalog = Reserve();
        var pagesId = Reserve();
        var info = Reserve();
        var fontIds = new Dictionary<FontWeight, int>();
        foreach (var weight in new[] { FontWeight.Regular, FontWeight.Bold })
        {
            var characters = Enumerable.Range(0, 256).Where(b => _used[weight][b]).Select(b => WinAnsi.Decode((byte)b)).ToList();
            if (characters.Count == 0)
            {
                continue;
            }

            var font = LetterFonts.Get(weight);
            var fontId = Reserve();
            var descriptor = Reserve();
            var file = Reserve();
            fontIds[weight] = fontId;
            var program = font.Subset(characters);
            var tag = SubsetTag(program);
            var scale = 1000.0 / font.UnitsPerEm;
            var widths = string.Join(" ", Enumerable.Range(32, 224).Select(code => font.Width(WinAnsi.Decode((byte)code))));
            Set(fontId, $"<< /Type /Font /Subtype /TrueType /BaseFont /{tag}+{font.PostScriptName} /FirstChar 32 /LastChar 255 /Widths [{widths}] /Encoding /WinAnsiEncoding /FontDescriptor {descriptor} 0 R >>");
            var box = string.Join(" ", font.BoundingBox.Select(v => ((int)Math.Round(v * scale)).ToString(CultureInfo.InvariantCulture)));
            Set(descriptor, Invariant($"<< /Type /FontDescriptor /FontName /{tag}+{font.PostScriptName} /Flags 32 /FontBBox [{box}] /ItalicAngle 0 /Ascent {(int)Math.Round(font.Ascent * scale)} /Descent {(int)Math.Round(font.Descent * scale)} /CapHeight {(int)Math.Round(font.Ascent * scale * 0.7)} /StemV {(weight == FontWeight.Bold ? 120 : 80)} /FontFile2 {file} 0 R >>"));
            SetStream(file, $"/Length1 {program.Length}", program);
        }

        var fontResources = string.Join(" ", fontIds.Select(f => $"/F{(int)f.Key + 1} {f.Value} 0 R"));
        var kids = new List<int>();
        var structParents = 0;
        foreach (var page in _pages)
        {
            page.CloseMark();
            var pageId = Reserve();
            var contents = Reserve();
            kids.Add(pageId);
            var parents = page.Marked.Count > 0 ? Invariant($" /StructParents {structParents++}") : "";
            Set(pageId, Invariant($"<< /Type /Page /Parent {pagesId} 0 R{parents} /MediaBox [0 0 {PageWidthPt:0.###} {PageHeightPt:0.###}] /Resources << /Font << {fontResources} >> >> /Contents {contents} 0 R >>"));
            SetStream(contents, "", Encoding.Latin1.GetBytes(page.Content), CompressionLevel.Fastest);
        }

        var tagged = "";
        if (Structure.Kids.Count > 0)
        {
            // The structure tree: every element an object, reserved first so that parents and children can name each other.
            var root = Reserve();
            var ids = new Dictionary<StructElement, int>(ReferenceEqualityComparer.Instance);
            void Number(StructElement element)
            {
                ids[element] = Reserve();
                foreach (var child in element.Kids.OfType<StructElement>())
                {
                    Number(child);
                }
            }

            Number(Structure);
            foreach (var (element, elementId) in ids)
            {
                var parent = element.Parent is { } p ? ids[p] : root;
                var page = element.Page is { } onPage ? Invariant($" /Pg {kids[onPage]} 0 R") : "";
                var children = string.Join(" ", element.Kids.Select(kid => kid switch
                {
                    StructElement child => Invariant($"{ids[child]} 0 R"),
                    MarkedContent m when m.Page == element.Page => m.Mcid.ToString(CultureInfo.InvariantCulture),
                    MarkedContent m => Invariant($"<< /Type /MCR /Pg {kids[m.Page]} 0 R /MCID {m.Mcid} >>"),
                    _ => throw new InvalidOperationException("A structure element holds elements and marked content only"),
                }));
                Set(elementId, Invariant($"<< /Type /StructElem /S /{element.Type} /P {parent} 0 R{page} /K [{children}] >>"));
            }

            // The parent tree: for each page with marked content, the element each marked-content id belongs to.
            var parentTree = Reserve();
            var nums = new StringBuilder();
            var key = 0;
            foreach (var page in _pages.Where(p => p.Marked.Count > 0))
            {
                nums.Append(CultureInfo.InvariantCulture, $"{key++} [").AppendJoin(' ', page.Marked.Select(e => Invariant($"{ids[e]} 0 R"))).Append("] ");
            }

            Set(parentTree, $"<< /Nums [{nums.ToString().TrimEnd()}] >>");
            Set(root, Invariant($"<< /Type /StructTreeRoot /K {ids[Structure]} 0 R /ParentTree {parentTree} 0 R /ParentTreeNextKey {key} >>"));
            tagged = Invariant($" /MarkInfo << /Marked true >> /StructTreeRoot {root} 0 R");
        }

        Set(catalog, $"<< /Type /Catalog /Pages {pagesId} 0 R /Lang (en-GB) /ViewerPreferences << /DisplayDocTitle true >>{tagged} >>");
        Set(pagesId, $"<< /Type /Pages /Kids [{string.Join(" ", kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>");
        Set(info, $"<< /Title {Literal(title)} /Producer (Reeve) >>");

        var output = new MemoryStream();
        output.Write("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Length);
            output.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n"));
            output.Write(objects[i]);
            output.Write("\nendobj\n"u8);
        }

        var id = Convert.ToHexString(SHA256.HashData(output.ToArray()).AsSpan(0, 16));
        var xref = output.Length;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(offset.ToString("0000000000", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root {catalog} 0 R /Info {info} 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.ASCII.GetBytes(table.ToString()));
        return output.ToArray();
    }

    /// <summary>A PDF string in parentheses, WinAnsi bytes, with anything outside plain ASCII as an octal escape.</summary>
    internal static string Literal(string text)
    {
        var s = new StringBuilder("(");
        foreach (var b in text.Select(WinAnsi.Encode))
        {
            switch (b)
            {
                case (byte)'(' or (byte)')' or (byte)'\\':
                    s.Append('\\').Append((char)b);
                    break;
                case < 32 or > 126:
                    s.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    break;
                default:
                    s.Append((char)b);
                    break;
            }
        }

        return s.Append(')').ToString();
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static byte[] Deflate(byte[] data, CompressionLevel level)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, level, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    // Six capital letters that name this subset (PDF 32000-1 9.6.4), made from its bytes so that output is repeatable.
    private static string SubsetTag(byte[] program) =>
        new(SHA256.HashData(program).Take(6).Select(b => (char)('A' + (b % 26))).ToArray());
}

/// <summary>One page's drawing, in millimetres from the top-left corner as a designer measures a letter.</summary>
internal sealed class PdfPage(PdfWriter writer, int index)
{
    private static readonly object ArtifactMark = new();
    private readonly StringBuilder _content = new();
    private object? _open;

    public string Content => _content.ToString();

    /// <summary>The structure element of each marked-content id on this page, by id.</summary>
    public List<StructElement> Marked { get; } = [];

    /// <summary>
    /// Makes what is drawn next on this page part of an element (a marked-content sequence with the next id), or
    /// an artifact when <paramref name="element"/> is null; drawing for the same element goes on in the open one.
    /// </summary>
    public void MarkAs(StructElement? element)
    {
        var target = element ?? ArtifactMark;
        if (ReferenceEquals(_open, target))
        {
            return;
        }

        CloseMark();
        if (element is null)
        {
            _content.Append("/Artifact BMC\n");
        }
        else
        {
            var mcid = Marked.Count;
            Marked.Add(element);
            element.Page ??= index;
            element.Kids.Add(new MarkedContent(index, mcid));
            _content.Append(PdfWriter.Invariant($"/{element.Type} <</MCID {mcid}>> BDC\n"));
        }

        _open = target;
    }

    public void CloseMark()
    {
        if (_open is not null)
        {
            _content.Append("EMC\n");
            _open = null;
        }
    }

    public void Text(double xMm, double baselineMm, FontWeight weight, double sizePt, string text, Rgb colour)
    {
        if (text.Length == 0)
        {
            return;
        }

        writer.Use(weight, text);
        _content.Append(PdfWriter.Invariant(
            $"BT /F{(int)weight + 1} {sizePt:0.##} Tf {colour.R:0.###} {colour.G:0.###} {colour.B:0.###} rg 1 0 0 1 {PdfWriter.Mm(xMm):0.##} {PdfWriter.PageHeightPt - PdfWriter.Mm(baselineMm):0.##} Tm "));
        _content.Append(PdfWriter.Literal(text)).Append(" Tj ET\n");
    }

    public void TextRight(double rightMm, double baselineMm, FontWeight weight, double sizePt, string text, Rgb colour) =>
        Text(rightMm - PdfWriter.Measure(weight, sizePt, text), baselineMm, weight, sizePt, text, colour);

    public void FillRect(double xMm, double yMm, double widthMm, double heightMm, Rgb colour) =>
        _content.Append(PdfWriter.Invariant(
            $"{colour.R:0.###} {colour.G:0.###} {colour.B:0.###} rg {PdfWriter.Mm(xMm):0.###} {PdfWriter.PageHeightPt - PdfWriter.Mm(yMm + heightMm):0.###} {PdfWriter.Mm(widthMm):0.###} {PdfWriter.Mm(heightMm):0.###} re f\n"));

    public void Line(double x1Mm, double y1Mm, double x2Mm, double y2Mm, double widthPt, Rgb colour, bool dashed = false) =>
        _content.Append(PdfWriter.Invariant(
            $"{(dashed ? "[3 2] 0 d " : "[] 0 d ")}{widthPt:0.##} w {colour.R:0.###} {colour.G:0.###} {colour.B:0.###} RG {PdfWriter.Mm(x1Mm):0.##} {PdfWriter.PageHeightPt - PdfWriter.Mm(y1Mm):0.##} m {PdfWriter.Mm(x2Mm):0.##} {PdfWriter.PageHeightPt - PdfWriter.Mm(y2Mm):0.##} l S\n"));
}

/// <summary>An element of a tagged PDF's structure tree: its standard type, its parent, and in reading order its children and marked content.</summary>
internal sealed class StructElement(string type, StructElement? parent)
{
    public string Type { get; } = type;

    public StructElement? Parent { get; } = parent;

    /// <summary><see cref="StructElement"/>s and <see cref="MarkedContent"/>, in reading order.</summary>
    public List<object> Kids { get; } = [];

    /// <summary>The page its first marked content is on.</summary>
    public int? Page { get; set; }
}

/// <summary>A marked-content sequence: the page (from 0) and its id there.</summary>
internal readonly record struct MarkedContent(int Page, int Mcid);

/// <summary>Windows-1252 as PDF's WinAnsiEncoding: Latin-1, with typographic marks and the euro in 0x80 to 0x9F.</summary>
internal static class WinAnsi
{
    private static readonly Dictionary<char, byte> High = new()
    {
        ['€'] = 0x80, ['‚'] = 0x82, ['ƒ'] = 0x83, ['„'] = 0x84, ['…'] = 0x85, ['†'] = 0x86, ['‡'] = 0x87, ['ˆ'] = 0x88,
        ['‰'] = 0x89, ['Š'] = 0x8A, ['‹'] = 0x8B, ['Œ'] = 0x8C, ['Ž'] = 0x8E, ['‘'] = 0x91, ['’'] = 0x92, ['“'] = 0x93,
        ['”'] = 0x94, ['•'] = 0x95, ['–'] = 0x96, ['—'] = 0x97, ['˜'] = 0x98, ['™'] = 0x99, ['š'] = 0x9A, ['›'] = 0x9B,
        ['œ'] = 0x9C, ['ž'] = 0x9E, ['Ÿ'] = 0x9F,
    };

    private static readonly Dictionary<byte, char> Back = High.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>The byte for a character; a character WinAnsi lacks becomes '?' rather than a wrong letter.</summary>
    public static byte Encode(char c) => c switch
    {
        >= ' ' and <= '~' => (byte)c,
        >= '\u00A0' and <= '\u00FF' => (byte)c,
        _ when High.TryGetValue(c, out var b) => b,
        _ => (byte)'?',
    };

    public static char Decode(byte b) => Back.TryGetValue(b, out var c) ? c : b is >= 0x80 and < 0xA0 ? '?' : (char)b;
}
