using Reeve.Kernel;
using Reeve.Sundry.Domain;

namespace Reeve.Sundry;

/// <summary>
/// The statutory tables shipped with Reeve as dated rows (Data/*.csv, embedded): Bank Rate changes for the Late Payment
/// Act's reference rate and the County Court issue fees. Lines starting '#' are notes on the source. A table that does
/// not read is a broken build, so it throws.
/// </summary>
public static class SundryTables
{
    private static readonly Lazy<BankRateTable> BankRateTable = new(ReadBankRates);
    private static readonly Lazy<IReadOnlyList<CourtFeeBand>> CourtFeeTable = new(ReadCourtFees);

    public static BankRateTable BankRates => BankRateTable.Value;

    public static IReadOnlyList<CourtFeeBand> CourtFees => CourtFeeTable.Value;

    private static IEnumerable<CsvRecord> Rows(string name)
    {
        using var stream = typeof(SundryTables).Assembly.GetManifestResourceStream($"Reeve.Sundry.Data.{name}")
            ?? throw new InvalidOperationException($"The table {name} is not embedded in Reeve.Sundry");
        using var reader = new StreamReader(stream);
        var text = string.Join('\n', reader.ReadToEnd().Split('\n').Where(l => !l.StartsWith('#')));
        return CsvFile.Read(text, firstLineIsHeader: false).ToList();
    }

    private static BankRateTable ReadBankRates()
    {
        NodaTime.LocalDate? known = null;
        var changes = new List<BankRateChange>();
        foreach (var row in Rows("bank-rate.csv"))
        {
            var first = row.Text(0, "from");
            if (first == "known-to")
            {
                known = Date(row, 1, "known-to");
            }
            else if (first != "from")
            {
                changes.Add(new BankRateChange(Date(row, 0, "from"), Rate(row, 1, "rate")));
            }
        }

        return new BankRateTable(changes, known ?? throw new InvalidOperationException("bank-rate.csv has no known-to line"));
    }

    private static List<CourtFeeBand> ReadCourtFees() =>
        [.. Rows("county-court-fees.csv").Skip(1).Select(row => new CourtFeeBand(
            row.Text(0, "route") == "online" ? ClaimRoute.Online : ClaimRoute.Paper,
            Date(row, 1, "from"),
            Date(row, 2, "to"),
            MoneyText.Parse(row.Text(3, "over")),
            row.Text(4, "up-to", required: false) is { Length: > 0 } top ? MoneyText.Parse(top) : null,
            row.Text(5, "fee", required: false) is { Length: > 0 } fee && fee != "refused" ? MoneyText.Parse(fee) : null,
            row.Text(6, "percent", required: false) is { Length: > 0 } ? Rate(row, 6, "percent") : null,
            row.Text(7, "source")))];

    private static NodaTime.LocalDate Date(CsvRecord row, int column, string name)
    {
        var parsed = DateText.Iso.Parse(row.Text(column, name));
        return parsed.Success ? parsed.Value : throw new CsvFormatException(row.Line, name, "Not a date");
    }

    private static int Rate(CsvRecord row, int column, string name) =>
        Percent.TryParseBasisPoints(row.Text(column, name), out var bp) ? bp : throw new CsvFormatException(row.Line, name, "Not a percentage");
}
