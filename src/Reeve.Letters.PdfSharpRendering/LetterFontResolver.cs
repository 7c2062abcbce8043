using PdfSharp.Fonts;
using Reeve.Letters.Pdf;

namespace Reeve.Letters.PdfSharpRendering;

/// <summary>
/// Gives PDFsharp the same DejaVu Sans faces the own writer embeds (src/Reeve.Letters/Fonts), so both renderers
/// draw letters in one font and no machine font is looked up.
/// </summary>
internal sealed class LetterFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();

    /// <summary>Makes this PDFsharp's font resolver once for the process (PDFsharp allows one, set before any font is used).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is LetterFontResolver)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is { } other)
            {
                throw new InvalidOperationException($"PDFsharp already has the font resolver {other.GetType().Name}; letters need the DejaVu faces Reeve ships");
            }

            GlobalFontSettings.FontResolver = new LetterFontResolver();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? BoldFace : RegularFace)
            : null;

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => LetterFonts.FileBytes(FontWeight.Regular),
        BoldFace => LetterFonts.FileBytes(FontWeight.Bold),
        _ => null,
    };
}
