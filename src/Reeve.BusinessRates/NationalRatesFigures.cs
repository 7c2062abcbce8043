using NodaTime;
using Reeve.BusinessRates.Domain;
using Reeve.Kernel;

namespace Reeve.BusinessRates;

/// <summary>
/// The national multipliers and relief figures, read once from the module's data file (Data/rates-figures.csv,
/// embedded): the same rows for every council, for billing and for the calculator, which touches no database
/// (decision 0042). A change in the law is a new row in that file.
/// </summary>
public static class NationalRatesFigures
{
    private static readonly Lazy<RatesFigures> Loaded = new(Load);

    public static RatesFigures Current => Loaded.Value;

    private static RatesFigures Load()
    {
        using var stream = typeof(NationalRatesFigures).Assembly.GetManifestResourceStream("Reeve.BusinessRates.RatesFigures.csv")
            ?? throw new InvalidOperationException("The rates figures are not embedded in Reeve.BusinessRates");
        using var reader = new StreamReader(stream);
        return new RatesFigures(CsvFile.Read(reader, firstLineIsHeader: true).Skip(1).Select(r => new RatesFigure(
            r.Text(0, "figure"), Day(r, 1, "from")!.Value, Day(r, 2, "to"), r.Text(3, "value"), r.Text(4, "source"))).ToList());
    }

    private static LocalDate? Day(CsvRecord record, int column, string name)
    {
        var text = record.Text(column, name, required: column == 1);
        return text.Length == 0 ? null : DateText.Iso.Parse(text).GetValueOrThrow();
    }
}
