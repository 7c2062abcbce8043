using System.Globalization;
using NodaTime;
using Reeve.Enforcement.Domain;
using Reeve.Kernel;

namespace Reeve.Enforcement;

/// <summary>
/// The statutory tables shipped with Reeve as dated rows (Data/*.csv, embedded): the attachment of earnings deductions
/// (CTAE Regs 1992 Sch 4) and the enforcement agents' fees (SI 2014/1 Schedule). Lines starting '#' say where the figures come
/// from. A table that does not read is a broken build, so it throws.
/// </summary>
public static class EnforcementTables
{
    private static readonly Lazy<DeductionTable> Deductions = new(ReadDeductions);
    private static readonly Lazy<FeeTable> Fees = new(ReadFees);

    public static DeductionTable EarningsDeductions => Deductions.Value;

    public static FeeTable EnforcementFees => Fees.Value;

    private static List<CsvRecord> Rows(string name)
    {
        using var stream = typeof(EnforcementTables).Assembly.GetManifestResourceStream($"Reeve.Enforcement.Data.{name}")
            ?? throw new InvalidOperationException($"The table {name} is not embedded in Reeve.Enforcement");
        using var reader = new StreamReader(stream);
        var text = string.Join('\n', reader.ReadToEnd().Split('\n').Select(l => l.StartsWith('#') ? "" : l));
        return [.. CsvFile.Read(text).Skip(1)];
    }

    private static DeductionTable ReadDeductions() => new([.. Rows("attachment-of-earnings.csv").Select(row => new DeductionBand(
        PayPeriods.FromCode(row.Text(0, "period")) ?? throw new CsvFormatException(row.Line, "period", "Not weekly, monthly or daily"),
        Date(row, 1, "from"),
        OptionalDate(row, 2, "to"),
        Amount(row, 3, "over"),
        row.Text(4, "up-to", required: false) is { Length: > 0 } ? Amount(row, 4, "up-to") : null,
        Whole(row, 5, "percent"),
        row.Text(6, "remainder-percent", required: false) is { Length: > 0 } ? Whole(row, 6, "remainder-percent") : null,
        row.Text(7, "status") switch
        {
            "in-force" => true,
            "as-made" => false,
            _ => throw new CsvFormatException(row.Line, "status", "Not in-force or as-made"),
        },
        row.Text(8, "source")))]);

    private static FeeTable ReadFees() => new([.. Rows("enforcement-fees.csv").Select(row => new StageFee(
        FeeStages.FromCode(row.Text(0, "stage")) ?? throw new CsvFormatException(row.Line, "stage", "Not a stage"),
        Date(row, 1, "from"),
        OptionalDate(row, 2, "to"),
        Amount(row, 3, "fixed"),
        BasisPoints(row, 4, "percent"),
        row.Text(5, "threshold", required: false) is { Length: > 0 } ? Amount(row, 5, "threshold") : null,
        row.Text(6, "source")))]);

    private static LocalDate Date(CsvRecord row, int column, string name)
    {
        var parsed = DateText.Iso.Parse(row.Text(column, name));
        return parsed.Success ? parsed.Value : throw new CsvFormatException(row.Line, name, "Not a date");
    }

    private static LocalDate? OptionalDate(CsvRecord row, int column, string name) =>
        row.Text(column, name, required: false).Length == 0 ? null : Date(row, column, name);

    private static Money Amount(CsvRecord row, int column, string name) =>
        MoneyText.TryParse(row.Text(column, name), out var money, out var error) ? money : throw new CsvFormatException(row.Line, name, error);

    private static int Whole(CsvRecord row, int column, string name) =>
        int.TryParse(row.Text(column, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new CsvFormatException(row.Line, name, "Not a whole percentage");

    // "7.5" is 750 hundredths of a per cent.
    private static int BasisPoints(CsvRecord row, int column, string name) =>
        decimal.TryParse(row.Text(column, name), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value * 100 == decimal.Truncate(value * 100)
            ? (int)(value * 100)
            : throw new CsvFormatException(row.Line, name, "Not a percentage with at most two decimals");
}
