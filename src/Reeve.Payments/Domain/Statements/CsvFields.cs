using NodaTime;
using NodaTime.Text;
using Reeve.Kernel;

namespace Reeve.Payments.Domain.Statements;

/// <summary>Reads named columns of one CSV record as dates and amounts, naming the line and the field when a value is wrong.</summary>
internal sealed class CsvFields(CsvRecord record, LocalDatePattern datePattern)
{
    public int Line => record.Line;

    public string Text(int column, string name, bool required = true) => record.Text(column, name, required);

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
