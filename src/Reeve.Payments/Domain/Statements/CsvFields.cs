using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;

namespace Reeve.Payments.Domain.Statements;

/// <summary>Reads named columns of one CSV record as dates and amounts, naming the line and the field when a value is wrong.</summary>
internal sealed class CsvFields(CsvRecord record, CsvDates dates)
{
    public int Line => record.Line;

    public string Text(int column, string name, bool required = true) => record.Text(column, name, required);

    public LocalDate Date(int column, string name)
    {
        var text = Text(column, name);
        return dates.TryRead(text, out var date) ? date : throw new CsvFormatException(Line, name, $"'{text}' is not a date ({dates.PatternText})");
    }

    public Money? OptionalAmount(int column, string name)
    {
        var text = Text(column, name, required: false);
        return text.Length == 0 ? null : Amount(column, name);
    }

    public Money Amount(int column, string name)
    {
        var text = Text(column, name);
        return MoneyText.TryParse(text, out var money, out var error)
            ? money
            : throw new CsvFormatException(Line, name, $"'{text}': {error}");
    }
}

/// <summary>
/// Dates in a file's own pattern (NodaTime's, as a layout gives it). A pattern made only of <c>uuuu</c>, <c>MM</c>,
/// <c>dd</c>, <c>-</c> and <c>/</c> (the patterns banks' exports use) is read by hand, digit by digit,
/// because a million-line statement reads a million dates; any text that way does not read as a real date, and
/// every other pattern, goes to NodaTime, so what is accepted and refused is NodaTime's.
/// </summary>
internal sealed class CsvDates
{
    private readonly LocalDatePattern _pattern;

    // Where the year, month and day digits start in the text, and the separators, when the pattern is a plain one.
    private readonly (int Year, int Month, int Day, int Length)? _plain;
    private readonly string _shape = "";

    public CsvDates(string pattern)
    {
        _pattern = LocalDatePattern.CreateWithInvariantCulture(pattern);
        _plain = Plain(pattern, out _shape);
    }

    public string PatternText => _pattern.PatternText;

    public bool TryRead(string text, out LocalDate date)
    {
        if (_plain is { } p && text.Length == p.Length && FitsShape(text)
            && Digits(text, p.Year, 4) is var year and >= 1 && Digits(text, p.Month, 2) is var month and >= 1 and <= 12
            && Digits(text, p.Day, 2) is var day and >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            date = new LocalDate(year, month, day);
            return true;
        }

        var parsed = _pattern.Parse(text);
        date = parsed.Success ? parsed.Value : default;
        return parsed.Success;
    }

    // The text has a digit wherever the shape has '9' and the pattern's own separator everywhere else.
    private bool FitsShape(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (_shape[i] == '9' ? !char.IsAsciiDigit(text[i]) : text[i] != _shape[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }

    private static (int Year, int Month, int Day, int Length)? Plain(string pattern, out string shape)
    {
        shape = "";
        int year = -1, month = -1, day = -1;
        var built = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length;)
        {
            if (string.CompareOrdinal(pattern, i, "uuuu", 0, 4) == 0 && year < 0 && !Run(pattern, i + 4, 'u'))
            {
                (year, i) = (built.Length, i + 4);
                built.Append("9999");
            }
            else if (string.CompareOrdinal(pattern, i, "MM", 0, 2) == 0 && month < 0 && !Run(pattern, i + 2, 'M'))
            {
                (month, i) = (built.Length, i + 2);
                built.Append("99");
            }
            else if (string.CompareOrdinal(pattern, i, "dd", 0, 2) == 0 && day < 0 && !Run(pattern, i + 2, 'd'))
            {
                (day, i) = (built.Length, i + 2);
                built.Append("99");
            }
            else if (pattern[i] is '-' or '/')
            {
                built.Append(pattern[i++]);
            }
            else
            {
                return null;
            }
        }

        if (year < 0 || month < 0 || day < 0)
        {
            return null;
        }

        shape = built.ToString();
        return (year, month, day, shape.Length);
    }

    private static bool Run(string pattern, int at, char letter) => at < pattern.Length && pattern[at] == letter;
}
