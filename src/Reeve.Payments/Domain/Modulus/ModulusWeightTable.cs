using System.Globalization;

namespace Reeve.Payments.Domain.Modulus;

public enum ModulusMethod
{
    Mod10,
    Mod11,
    DoubleAlternate,
}

/// <summary>One row of valacdos.txt: a sort code range, the method, 14 weights (u to h) and an exception number, 0 for none.</summary>
public sealed record ModulusWeightRow(int FirstSortCode, int LastSortCode, ModulusMethod Method, IReadOnlyList<int> Weights, int Exception);

/// <summary>
/// Vocalink's modulus weight table (valacdos.txt) and sort code substitution table (scsubtab.txt), read from
/// their text (formats.md 4.1). Pay.UK replaces both several times a year, so they are data handed in at run
/// time, never compiled in. A sort code has 0, 1 or 2 rows, kept in file order: the first row is the first check.
/// </summary>
public sealed class ModulusWeightTable
{
    private readonly ModulusWeightRow[] _rows;
    private readonly Dictionary<int, int> _substitutions;

    private ModulusWeightTable(ModulusWeightRow[] rows, Dictionary<int, int> substitutions)
    {
        _rows = rows;
        _substitutions = substitutions;
    }

    public int RowCount => _rows.Length;

    public IReadOnlyList<ModulusWeightRow> RowsFor(int sortCode)
    {
        List<ModulusWeightRow>? found = null;
        foreach (var row in _rows)
        {
            if (sortCode >= row.FirstSortCode && sortCode <= row.LastSortCode)
            {
                (found ??= []).Add(row);
            }
        }

        return found ?? (IReadOnlyList<ModulusWeightRow>)[];
    }

    /// <summary>Exception 5: the sort code to check with, from scsubtab.txt, or the sort code itself.</summary>
    public int SubstituteFor(int sortCode) => _substitutions.GetValueOrDefault(sortCode, sortCode);

    /// <summary>Reads both files' text; a malformed line throws a <see cref="FormatException"/> naming the file, line and field.</summary>
    public static ModulusWeightTable Parse(string valacdosText, string scsubtabText)
    {
        var rows = new List<ModulusWeightRow>();
        var lineNumber = 0;
        foreach (var line in Lines(valacdosText))
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length is not (17 or 18))
            {
                throw new FormatException($"valacdos.txt line {lineNumber}: expected 17 or 18 fields, found {fields.Length}");
            }

            var first = SortCodeField(fields[0], "valacdos.txt", lineNumber, "start sort code");
            var last = SortCodeField(fields[1], "valacdos.txt", lineNumber, "end sort code");
            var method = fields[2] switch
            {
                "MOD10" => ModulusMethod.Mod10,
                "MOD11" => ModulusMethod.Mod11,
                "DBLAL" => ModulusMethod.DoubleAlternate,
                _ => throw new FormatException($"valacdos.txt line {lineNumber}, field method: '{fields[2]}' is not MOD10, MOD11 or DBLAL"),
            };
            var weights = new int[14];
            for (var i = 0; i < 14; i++)
            {
                weights[i] = IntField(fields[3 + i], lineNumber, $"weight {i + 1}");
            }

            var exception = fields.Length == 18 ? IntField(fields[17], lineNumber, "exception") : 0;
            if (exception is < 0 or > 14)
            {
                throw new FormatException($"valacdos.txt line {lineNumber}, field exception: {exception} is not 1 to 14");
            }

            if (last < first)
            {
                throw new FormatException($"valacdos.txt line {lineNumber}, field end sort code: before the start sort code");
            }

            rows.Add(new ModulusWeightRow(first, last, method, weights, exception));
        }

        var substitutions = new Dictionary<int, int>();
        lineNumber = 0;
        foreach (var line in Lines(scsubtabText))
        {
            lineNumber++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length != 2)
            {
                throw new FormatException($"scsubtab.txt line {lineNumber}: expected 2 fields, found {fields.Length}");
            }

            substitutions[SortCodeField(fields[0], "scsubtab.txt", lineNumber, "original sort code")] =
                SortCodeField(fields[1], "scsubtab.txt", lineNumber, "substitute sort code");
        }

        return new ModulusWeightTable([.. rows], substitutions);
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r'));

    private static int SortCodeField(string text, string file, int line, string field)
    {
        if (text.Length != 6 || !text.All(char.IsAsciiDigit))
        {
            throw new FormatException($"{file} line {line}, field {field}: '{text}' is not six digits");
        }

        return int.Parse(text, CultureInfo.InvariantCulture);
    }

    private static int IntField(string text, int line, string field) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"valacdos.txt line {line}, field {field}: '{text}' is not a whole number");
}
