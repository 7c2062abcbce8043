namespace Reeve.Payments.Domain.Statements;

internal sealed class CsvFormatException(int line, string field, string message) : Exception(message)
{
    public int Line { get; } = line;
    public string Field { get; } = field;
}

/// <summary>Splits CSV text into lines of fields: commas (or another delimiter), double-quoted fields with "" for a quote.</summary>
internal static class CsvLines
{
    public static IEnumerable<(int Line, string[] Fields)> Read(string text, char delimiter)
    {
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            yield return (lineNumber, Split(line, delimiter, lineNumber));
        }
    }

    private static string[] Split(string line, char delimiter, int lineNumber)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
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
