using nietras.SeparatedValues;

namespace Reeve.Kernel;

/// <summary>
/// What is wrong with a line of a CSV file, and where: the line it is on (from 1, counted in the file, so a
/// quoted field that runs over two lines moves every later line on by one) and the field, by name.
/// Every import that reads CSV reports its problems in this one shape.
/// </summary>
public sealed class CsvFormatException(int line, string field, string message) : Exception(message)
{
    public int Line { get; } = line;

    public string Field { get; } = field;

    /// <summary>"line 4: amount", as the importers name a place in a file.</summary>
    public string Where => $"line {Line}: {Field}";
}

/// <summary>One record of a CSV file: its fields with quotes taken off, and the line of the file it starts on.</summary>
public sealed class CsvRecord(int line, string[] fields)
{
    public int Line { get; } = line;

    public IReadOnlyList<string> Fields { get; } = fields;

    public int Count => Fields.Count;

    /// <summary>
    /// The field at <paramref name="column"/> (from 0) with spaces around it taken off; a line too short to have it,
    /// or a blank field where one is <paramref name="required"/>, is refused naming the line and <paramref name="name"/>.
    /// </summary>
    public string Text(int column, string name, bool required = true)
    {
        if (column < 0 || column >= Fields.Count)
        {
            throw new CsvFormatException(Line, name, $"The line has {Fields.Count} fields; {name} is field {column + 1}");
        }

        var value = Fields[column].Trim();
        return required && value.Length == 0 ? throw new CsvFormatException(Line, name, "This field is blank") : value;
    }
}

/// <summary>
/// The one CSV reader every import uses (RFC 4180): fields split by a delimiter, records by CRLF, LF or CR; a field
/// in double quotes may hold the delimiter, line breaks and doubled quotes (""). Anything else with a quote in it,
/// a quote inside an unquoted field, text after a closing quote or a quote never closed, is refused naming the line
/// and the field rather than guessed at. Blank lines are skipped; a lone "" is a record with one empty field.
/// Splitting is Sep's (docs/decisions/0032-sep-csv-reader.md), reading the text as a stream: records are made one
/// at a time, so a file of a million lines is never held whole.
/// </summary>
public static class CsvFile
{
    /// <summary>
    /// The records after a header that must name exactly <paramref name="header"/> (case and spaces around names
    /// aside): a file whose first line is anything else, or an empty file, is refused as "line 1: header".
    /// </summary>
    public static IEnumerable<CsvRecord> ReadAfterHeader(string text, IReadOnlyList<string> header, char delimiter = ',')
    {
        var headerRead = false;
        foreach (var record in Read(text, delimiter, firstLineIsHeader: true))
        {
            if (headerRead)
            {
                yield return record;
                continue;
            }

            if (!record.Fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(header))
            {
                throw new CsvFormatException(record.Line, "header", $"The first line must be the header {string.Join(',', header)}");
            }

            headerRead = true;
        }

        if (!headerRead)
        {
            throw new CsvFormatException(1, "header", $"The file is empty: the first line must be the header {string.Join(',', header)}");
        }
    }

    public static IEnumerable<CsvRecord> Read(string text, char delimiter = ',', bool firstLineIsHeader = false) =>
        Read(new StringReader(text), delimiter, firstLineIsHeader);

    /// <param name="firstLineIsHeader">Name fields in errors by the first line's text rather than by position (the header is still returned, first).</param>
    public static IEnumerable<CsvRecord> Read(TextReader text, char delimiter = ',', bool firstLineIsHeader = false)
    {
        using var reader = Sep.New(delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).From(text);
        string[]? names = null;
        var line = 1;
        while (Next(reader, names, ref line) is { } record)
        {
            if (record.Count == 0)
            {
                continue;
            }

            if (firstLineIsHeader && names is null)
            {
                names = [.. record.Fields.Select(f => f.Trim())];
            }

            yield return record;
        }
    }

    // The next record, one with no fields for a blank line, or null at the end of the file. A record starts on the line
    // after the one before it ends: Sep's own first line number for the first row is one too many (0.18.0).
    private static CsvRecord? Next(SepReader reader, string[]? names, ref int nextLine)
    {
        if (!reader.MoveNext())
        {
            return null;
        }

        var row = reader.Current;
        var line = nextLine;
        nextLine = row.LineNumberToExcl;
        if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
        {
            return new CsvRecord(line, []);
        }

        var fields = new string[row.ColCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = Unquote(row[i].Span, line, i, names);
        }

        return new CsvRecord(line, fields);
    }

    private static string Unquote(ReadOnlySpan<char> raw, int line, int index, string[]? names)
    {
        if (!raw.Contains('"'))
        {
            return raw.ToString();
        }

        if (raw[0] != '"')
        {
            throw Problem(line, index, names, "A double quote inside a field that does not start with one: quote the whole field and double the quote");
        }

        var text = new System.Text.StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[i] != '"')
            {
                text.Append(raw[i]);
            }
            else if (i + 1 < raw.Length && raw[i + 1] == '"')
            {
                text.Append('"');
                i++;
            }
            else if (i == raw.Length - 1)
            {
                return text.ToString();
            }
            else
            {
                throw Problem(line, index, names, "Text after the closing quote of a quoted field");
            }
        }

        throw Problem(line, index, names, "A quoted field is not closed before the end of the file");
    }

    private static CsvFormatException Problem(int line, int index, string[]? names, string message) =>
        new(line, names is not null && index < names.Length && names[index].Length > 0 ? names[index] : $"field {index + 1}", message);
}
