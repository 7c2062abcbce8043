using System.Reflection;
using NodaTime;

namespace Reeve.Kernel;

/// <summary>
/// A statutory table shipped inside a module as an embedded CSV file (docs/architecture.md "Adding a debt stream" step 5): lines
/// starting '#' say where the figures come from and are skipped (their line numbers kept, so a fault names the file's own line),
/// the first record is the header. A table that does not read is a broken build, so every reader here throws
/// <see cref="CsvFormatException"/> naming the line and column.
/// </summary>
public static class StatutoryTableFile
{
    /// <summary>The records after the header of the embedded resource <paramref name="resource"/> of <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<CsvRecord> Rows(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The table {resource} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var text = string.Join('\n', reader.ReadToEnd().Split('\n').Select(l => l.StartsWith('#') ? "" : l));
        return [.. CsvFile.Read(text).Skip(1)];
    }

    public static LocalDate Date(this CsvRecord row, int column, string name)
    {
        var parsed = DateText.Iso.Parse(row.Text(column, name));
        return parsed.Success ? parsed.Value : throw new CsvFormatException(row.Line, name, "Not a date");
    }

    /// <summary>A date, or null when the field is blank (an open end).</summary>
    public static LocalDate? OptionalDate(this CsvRecord row, int column, string name) =>
        row.Text(column, name, required: false).Length == 0 ? null : row.Date(column, name);

    public static Money Amount(this CsvRecord row, int column, string name) =>
        MoneyText.TryParse(row.Text(column, name), out var money, out var error) ? money : throw new CsvFormatException(row.Line, name, error);

    /// <summary>An amount, or null when the field is blank (no limit).</summary>
    public static Money? OptionalAmount(this CsvRecord row, int column, string name) =>
        row.Text(column, name, required: false).Length == 0 ? null : row.Amount(column, name);
}
