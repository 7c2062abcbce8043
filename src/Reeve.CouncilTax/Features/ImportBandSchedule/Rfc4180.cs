using System.Text;

namespace Reeve.CouncilTax;

/// <summary>
/// A small reader for comma-separated text as RFC 4180 describes it: fields separated by commas, records by
/// CRLF (a bare LF is accepted too), a field in double quotes may hold commas, line breaks and doubled quotes.
/// It reports malformed quoting rather than guessing, so a bad line is refused with its line number. Blank
/// lines are skipped.
/// </summary>
internal static class Rfc4180
{
    /// <param name="Line">The line of the file the record starts on, from 1.</param>
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    /// <param name="FieldIndex">The field at fault, from 0.</param>
    public sealed record Problem(int Line, int FieldIndex, string Message);

    public static (IReadOnlyList<Record> Records, IReadOnlyList<Problem> Problems) Read(string text)
    {
        var records = new List<Record>();
        var problems = new List<Problem>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var afterClosingQuote = false;
        var fieldWasQuoted = false;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            afterClosingQuote = false;
            fieldWasQuoted = false;
        }

        void EndRecord()
        {
            var blank = fields.Count == 0 && field.Length == 0 && !fieldWasQuoted;
            EndField();
            if (!blank)
            {
                records.Add(new Record(recordLine, fields.ToList()));
            }

            fields.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    inQuotes = false;
                    afterClosingQuote = true;
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case ',':
                    EndField();
                    break;
                case '\r' or '\n':
                    if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case '"':
                    problems.Add(new Problem(recordLine, fields.Count, "a double quote inside a field that does not start with one; quote the whole field and double the quote"));
                    field.Append(ch);
                    break;
                default:
                    if (afterClosingQuote)
                    {
                        problems.Add(new Problem(recordLine, fields.Count, "text after the closing quote of a quoted field"));
                        afterClosingQuote = false;
                    }

                    field.Append(ch);
                    break;
            }
        }

        if (inQuotes)
        {
            problems.Add(new Problem(recordLine, fields.Count, "a quoted field is not closed before the end of the file"));
        }

        if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
        {
            EndRecord();
        }

        return (records, problems);
    }
}
