using System.Text;

namespace Reeve.Letters;

/// <summary>
/// Code 128 (ISO/IEC 15417) for the payment slip: code set C packs pairs of digits, code set B carries the rest.
/// Each symbol is six bar and space widths summing to eleven modules; the stop symbol has seven, summing to
/// thirteen. The check symbol is the start value plus each symbol's value times its position, modulo 103.
/// </summary>
public static class Code128
{
    private const int CodeB = 100;
    private const int StartB = 104;
    private const int StartC = 105;
    private const int Stop = 106;

    // Bar and space widths of symbol values 0 to 106, bar first.
    private static readonly string[] Patterns =
    [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ];

    public static IReadOnlyList<string> SymbolPatterns => Patterns;

    /// <summary>The symbol values: start, data, check and stop.</summary>
    public static IReadOnlyList<int> Symbols(string text)
    {
        if (text.Length == 0 || text.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException("Code 128 here carries printable ASCII only, and at least one character", nameof(text));
        }

        // Set C for a leading run of four or more digits (an even number of them), then set B for the rest.
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        var packed = digits >= 4 ? digits - (digits % 2) : 0;
        var symbols = new List<int> { packed > 0 ? StartC : StartB };
        for (var i = 0; i < packed; i += 2)
        {
            symbols.Add(((text[i] - '0') * 10) + (text[i + 1] - '0'));
        }

        if (packed > 0 && packed < text.Length)
        {
            symbols.Add(CodeB);
        }

        symbols.AddRange(text.Skip(packed).Select(c => c - ' '));
        var check = symbols[0];
        for (var position = 1; position < symbols.Count; position++)
        {
            check += position * symbols[position];
        }

        symbols.Add(check % 103);
        symbols.Add(Stop);
        return symbols;
    }

    /// <summary>The modules from the start symbol to the end of the stop symbol: '1' a bar, '0' a space; no quiet zones.</summary>
    public static string Modules(string text)
    {
        var modules = new StringBuilder();
        foreach (var symbol in Symbols(text))
        {
            var bar = true;
            foreach (var width in Patterns[symbol])
            {
                modules.Append(bar ? '1' : '0', width - '0');
                bar = !bar;
            }
        }

        return modules.ToString();
    }
}
