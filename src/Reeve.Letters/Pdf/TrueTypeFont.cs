using System.Buffers.Binary;

namespace Reeve.Letters.Pdf;

/// <summary>
/// The parts of a TrueType font a letter needs: character to glyph (the Windows Unicode cmap), advance widths
/// for measuring text, and a subset holding only the glyphs a document uses, for embedding. The subset keeps
/// every glyph id (unused glyphs are emptied), so no glyph is renumbered.
/// </summary>
internal sealed class TrueTypeFont
{
    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _glyphs = [];
    private readonly ushort[] _advances;

    public TrueTypeFont(string postScriptName, byte[] data)
    {
        PostScriptName = postScriptName;
        _data = data;
        int numTables = U16(4);
        for (var i = 0; i < numTables; i++)
        {
            var record = 12 + (16 * i);
            var tag = System.Text.Encoding.ASCII.GetString(data, record, 4);
            _tables[tag] = ((int)U32(record + 8), (int)U32(record + 12));
        }

        var head = Table("head");
        UnitsPerEm = U16(head + 18);
        BoundingBox = [S16(head + 36), S16(head + 38), S16(head + 40), S16(head + 42)];
        LongLoca = S16(head + 50) == 1;
        var hhea = Table("hhea");
        Ascent = S16(hhea + 4);
        Descent = S16(hhea + 6);
        GlyphCount = U16(Table("maxp") + 4);
        int metrics = U16(hhea + 34);
        var hmtx = Table("hmtx");
        _advances = new ushort[GlyphCount];
        for (var g = 0; g < GlyphCount; g++)
        {
            _advances[g] = U16(hmtx + (4 * Math.Min(g, metrics - 1)));
        }

        ReadUnicodeCmap();
    }

    public string PostScriptName { get; }
    public int UnitsPerEm { get; }
    public int Ascent { get; }
    public int Descent { get; }
    public int GlyphCount { get; }
    public IReadOnlyList<int> BoundingBox { get; }
    private bool LongLoca { get; }

    public int GlyphOf(char c) => _glyphs.GetValueOrDefault(c);

    /// <summary>Advance width in thousandths of the font size, as a PDF /Widths array gives it.</summary>
    public int Width(char c) => (int)Math.Round(_advances[GlyphOf(c)] * 1000.0 / UnitsPerEm, MidpointRounding.AwayFromZero);

    /// <summary>The width of a line of text in points at a size in points.</summary>
    public double Measure(string text, double size) => text.Sum(Width) * size / 1000.0;

    /// <summary>A font program with only the glyphs for these characters (and any glyphs they are built from) and a cmap for them.</summary>
    public byte[] Subset(IEnumerable<char> characters)
    {
        var chars = characters.Distinct().Where(c => GlyphOf(c) != 0).Order().ToList();
        var keep = new SortedSet<int> { 0 };
        foreach (var c in chars)
        {
            AddGlyph(GlyphOf(c), keep);
        }

        var glyf = new MemoryStream();
        var loca = new byte[(GlyphCount + 1) * 4];
        for (var g = 0; g < GlyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(g * 4), (uint)glyf.Length);
            if (keep.Contains(g))
            {
                var (start, length) = GlyphRange(g);
                glyf.Write(_data, start, length);
                while (glyf.Length % 4 != 0)
                {
                    glyf.WriteByte(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(GlyphCount * 4), (uint)glyf.Length);

        var head = Copy("head");
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);

        // Metrics of glyphs not kept are zeroed: a PDF takes widths from its /Widths array, and zeros compress away.
        var hhea = Copy("hhea");
        int metrics = BinaryPrimitives.ReadUInt16BigEndian(hhea.AsSpan(34));
        var hmtx = Copy("hmtx");
        for (var g = 0; g < GlyphCount; g++)
        {
            if (!keep.Contains(g))
            {
                var at = g < metrics ? 4 * g : (4 * metrics) + (2 * (g - metrics));
                var size = g < metrics ? 4 : 2;
                if (at + size <= hmtx.Length)
                {
                    Array.Clear(hmtx, at, size);
                }
            }
        }

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["cmap"] = Cmap(chars),
            ["glyf"] = glyf.ToArray(),
            ["head"] = head,
            ["hhea"] = hhea,
            ["hmtx"] = hmtx,
            ["loca"] = loca,
            ["maxp"] = Copy("maxp"),
        };
        foreach (var optional in new[] { "cvt ", "fpgm", "prep", "OS/2" })
        {
            if (_tables.ContainsKey(optional))
            {
                tables[optional] = Copy(optional);
            }
        }

        return Assemble(tables);
    }

    private void AddGlyph(int glyph, SortedSet<int> keep)
    {
        if (!keep.Add(glyph) && glyph != 0)
        {
            return;
        }

        var (start, length) = GlyphRange(glyph);
        if (length == 0 || S16(start) >= 0)
        {
            return;
        }

        // A composite glyph: keep each component too (flags: 0x0001 word arguments, 0x0008/0x0040/0x0080 scales, 0x0020 more).
        var at = start + 10;
        while (true)
        {
            int flags = U16(at);
            AddGlyph(U16(at + 2), keep);
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            at += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0;
            if ((flags & 0x0020) == 0)
            {
                break;
            }
        }
    }

    private (int Start, int Length) GlyphRange(int glyph)
    {
        var loca = Table("loca");
        var glyf = Table("glyf");
        var (from, to) = LongLoca
            ? ((int)U32(loca + (4 * glyph)), (int)U32(loca + (4 * (glyph + 1))))
            : (U16(loca + (2 * glyph)) * 2, U16(loca + (2 * (glyph + 1))) * 2);
        return (glyf + from, to - from);
    }

    private byte[] Cmap(IReadOnlyList<char> chars)
    {
        // Format 4, one segment per character plus the closing 0xFFFF segment; platform 3 (Windows), encoding 1 (Unicode BMP).
        var segments = chars.Select(c => (int)c).Where(c => c < 0xFFFF).ToList();
        var segCount = segments.Count + 1;
        var length = 16 + (8 * segCount);
        var table = new byte[12 + length];
        var s = table.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(s[4..], 3);
        BinaryPrimitives.WriteUInt16BigEndian(s[6..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], 12);
        var f = s[12..];
        var power = 1;
        while (power * 2 <= segCount)
        {
            power *= 2;
        }

        BinaryPrimitives.WriteUInt16BigEndian(f, 4);
        BinaryPrimitives.WriteUInt16BigEndian(f[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(f[6..], (ushort)(segCount * 2));
        BinaryPrimitives.WriteUInt16BigEndian(f[8..], (ushort)(power * 2));
        BinaryPrimitives.WriteUInt16BigEndian(f[10..], (ushort)Math.Log2(power));
        BinaryPrimitives.WriteUInt16BigEndian(f[12..], (ushort)((segCount * 2) - (power * 2)));
        var ends = 14;
        var starts = ends + (2 * segCount) + 2;
        var deltas = starts + (2 * segCount);
        for (var i = 0; i < segCount; i++)
        {
            var code = i < segments.Count ? segments[i] : 0xFFFF;
            var delta = i < segments.Count ? (GlyphOf((char)code) - code) & 0xFFFF : 1;
            BinaryPrimitives.WriteUInt16BigEndian(f[(ends + (2 * i))..], (ushort)code);
            BinaryPrimitives.WriteUInt16BigEndian(f[(starts + (2 * i))..], (ushort)code);
            BinaryPrimitives.WriteUInt16BigEndian(f[(deltas + (2 * i))..], (ushort)delta);
        }

        return table;
    }

    private static byte[] Assemble(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var power = 1;
        while (power * 2 <= count)
        {
            power *= 2;
        }

        var output = new MemoryStream();
        var header = new byte[12 + (16 * count)];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), (ushort)Math.Log2(power));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), (ushort)((count * 16) - (power * 16)));
        output.Write(header);
        var i = 0;
        var headAt = 0;
        foreach (var (tag, table) in tables)
        {
            var record = 12 + (16 * i++);
            System.Text.Encoding.ASCII.GetBytes(tag, header.AsSpan(record));
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(record + 4), Checksum(table));
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(record + 8), (uint)output.Length);
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(record + 12), (uint)table.Length);
            if (tag == "head")
            {
                headAt = (int)output.Length;
            }

            output.Write(table);
            while (output.Length % 4 != 0)
            {
                output.WriteByte(0);
            }
        }

        var font = output.ToArray();
        header.CopyTo(font, 0);
        BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(headAt + 8), unchecked(0xB1B0AFBA - Checksum(font)));
        return font;
    }

    private static uint Checksum(byte[] table)
    {
        uint sum = 0;
        for (var i = 0; i < table.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < table.Length ? table[i + j] : 0u);
            }

            sum = unchecked(sum + word);
        }

        return sum;
    }

    private void ReadUnicodeCmap()
    {
        var cmap = Table("cmap");
        int count = U16(cmap + 2);
        for (var i = 0; i < count; i++)
        {
            var record = cmap + 4 + (8 * i);
            if (U16(record) != 3 || U16(record + 2) != 1)
            {
                continue;
            }

            var sub = cmap + (int)U32(record + 4);
            if (U16(sub) != 4)
            {
                continue;
            }

            int segCount = U16(sub + 6) / 2;
            var ends = sub + 14;
            var starts = ends + (2 * segCount) + 2;
            var deltas = starts + (2 * segCount);
            var offsets = deltas + (2 * segCount);
            for (var s = 0; s < segCount; s++)
            {
                int end = U16(ends + (2 * s));
                int start = U16(starts + (2 * s));
                int delta = U16(deltas + (2 * s));
                int offset = U16(offsets + (2 * s));
                for (var c = start; c <= end && c < 0xFFFF; c++)
                {
                    int glyph;
                    if (offset == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var raw = U16(offsets + (2 * s) + offset + (2 * (c - start)));
                        glyph = raw == 0 ? 0 : (raw + delta) & 0xFFFF;
                    }

                    if (glyph != 0)
                    {
                        _glyphs[c] = glyph;
                    }
                }
            }

            return;
        }

        throw new InvalidOperationException($"{PostScriptName} has no Windows Unicode cmap");
    }

    private int Table(string tag) =>
        _tables.TryGetValue(tag, out var t) ? t.Offset : throw new InvalidOperationException($"{PostScriptName} has no {tag} table");

    private byte[] Copy(string tag)
    {
        var (offset, length) = _tables[tag];
        return _data.AsSpan(offset, length).ToArray();
    }

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));

    private short S16(int at) => BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at));
}
