namespace Reeve.Payments.Domain.Statements;

internal sealed class CsvFormatException(int line, string field, string message) : Exception(message)
{
    public int Line { get; } = line;
    public string Field { get; } = field;
}

/// <summary>Splits CSV text into lines of fields: commas (or another delimiter), double-quoted fields with "" for a quote.</summary>
internal static class CsvLines
{
    public static IEnumerable<(int Line, string[] Fields)> Read(string text, char delimiter) => Read(new StringReader(text), delimiter);

    /// <summary>
    /// Line by line from a reader, so a million-line statement is never held as one string nor as a million
    /// line strings at once: each line is dropped once its fields are read.
    /// </summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, char delimiter)
    {
        var lineNumber = 0;
        var current = new System.Text.StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return (lineNumber, Split(line, delimiter, lineNumber, current));
        }
    }

    private static string[] Split(string line, char delimiter, int lineNumber, System.Text.StringBuilder current)
    {
        var fields = new List<string>();
        current.Clear();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' && current.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            throw new CsvFormatException(lineNumber, $"column {fields.Count + 1}", "A quoted field is not closed");
        }

        fields.Add(current.ToString().Trim());
        return [.. fields];
    }
}
