using System.Globalization;
using Reeve.Kernel;
using Reeve.Overpayments.Domain;

namespace Reeve.Overpayments;

/// <summary>
/// The statutory tables shipped with Reeve as dated rows (Data/*.csv, embedded, read by Kernel's <see cref="StatutoryTableFile"/>):
/// the DEA deductions (SI 2013/384 reg 20) and the maximum weekly deductions from ongoing Housing Benefit (SI 2006/213 reg 102).
/// </summary>
public static class OverpaymentTables
{
    private static readonly Lazy<DeaTable> Dea = new(ReadDea);
    private static readonly Lazy<HbDeductionRates> HbRates = new(ReadHbRates);

    public static DeaTable DirectEarningsAttachment => Dea.Value;

    public static HbDeductionRates HousingBenefitDeductions => HbRates.Value;

    private static IReadOnlyList<CsvRecord> Rows(string name) =>
        StatutoryTableFile.Rows(typeof(OverpaymentTables).Assembly, $"Reeve.Overpayments.Data.{name}");

    private static DeaTable ReadDea() => new([.. Rows("direct-earnings-attachment.csv").Select(row => new DeaBand(
        DeaCodes.RateFromCode(row.Text(0, "rate")) ?? throw new CsvFormatException(row.Line, "rate", "Not standard or higher"),
        DeaCodes.PeriodFromCode(row.Text(1, "period")) ?? throw new CsvFormatException(row.Line, "period", "Not weekly or monthly"),
        row.Date(2, "from"),
        row.OptionalDate(3, "to"),
        row.Amount(4, "over"),
        row.OptionalAmount(5, "up-to"),
        int.TryParse(row.Text(6, "percent"), NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
            ? percent : throw new CsvFormatException(row.Line, "percent", "Not a whole percentage"),
        row.Text(7, "source")))]);

    private static HbDeductionRates ReadHbRates() => new([.. Rows("hb-deduction-rates.csv").Select(row => new HbDeductionRate(
        row.Date(0, "from"), row.Amount(1, "personal-allowance"), row.Amount(2, "standard"), row.Amount(3, "fraud"), row.Text(4, "status"), row.Text(5, "source")))]);
}
