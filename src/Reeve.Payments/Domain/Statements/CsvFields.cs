using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;

namespace Reeve.Payments.Domain.Statements;

/// <summary>Reads named columns of one CSV line, naming the line and the field when a value is wrong.</summary>
internal sealed class CsvFields(int line, string[] fields, LocalDatePattern datePattern)
{
    public int Line { get; } = line;

    public string Text(int column, string name, bool required = true)
    {
        if (column < 0 || column >= fields.Length)
        {
            throw new CsvFormatException(Line, name, $"The line has {fields.Length} columns; {name} is column {column + 1}");
        }

        var value = fields[column];
        return required && value.Length == 0 ? throw new CsvFormatException(Line, name, "This field is blank") : value;
    }

    public LocalDate Date(int column, string name)
    {
        var text = Text(column, name);
        var parsed = datePattern.Parse(text);
        return parsed.Success ? parsed.Value : throw new CsvFormatException(Line, name, $"'{text}' is not a date ({datePattern.PatternText})");
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
