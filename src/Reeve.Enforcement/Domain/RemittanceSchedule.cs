using System.Globalization;
using NodaTime;
using Reeve.Kernel;

namespace Reeve.Enforcement.Domain;

/// <summary>One line of an employer's remittance schedule: the deduction from one pay under one order.</summary>
public sealed record RemittanceLine(int Line, long OrderId, string PayrollNumber, LocalDate PayDate, Money Amount);

/// <summary>
/// An employer's remittance schedule (docs/domain/attachment-of-earnings.md): CSV with the header
/// <c>order,payroll_number,pay_date,amount</c>, one line per deduction. Read whole or refused at the first fault, naming the
/// line and the field; nothing is guessed.
/// </summary>
public static class RemittanceSchedule
{
    public static readonly string[] Header = ["order", "payroll_number", "pay_date", "amount"];

    public static IReadOnlyList<RemittanceLine> Read(string text)
    {
        var lines = new List<RemittanceLine>();
        var seen = new Dictionary<(long, LocalDate), int>();
        foreach (var record in CsvFile.ReadAfterHeader(text, Header))
        {
            if (record.Count != Header.Length)
            {
                throw new CsvFormatException(record.Line, "line", $"The line has {record.Count} fields; a remittance line has {Header.Length}");
            }

            var order = long.TryParse(record.Text(0, "order"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? id
                : throw new CsvFormatException(record.Line, "order", "Not an order number");
            var payDate = DateText.Iso.Parse(record.Text(2, "pay_date")) is { Success: true } parsed
                ? parsed.Value
                : throw new CsvFormatException(record.Line, "pay_date", $"'{record.Text(2, "pay_date")}' is not a real date written YYYY-MM-DD");
            if (!MoneyText.TryParse(record.Text(3, "amount"), out var amount, out var error))
            {
                throw new CsvFormatException(record.Line, "amount", error);
            }

            if (!amount.IsPositive)
            {
                throw new CsvFormatException(record.Line, "amount", "A deduction remitted must be more than 0.00");
            }

            if (seen.TryGetValue((order, payDate), out var earlier))
            {
                throw new CsvFormatException(record.Line, "order", $"Order {order} is remitted for the pay of {DateText.FormatIso(payDate)} on line {earlier} already");
            }

            seen[(order, payDate)] = record.Line;
            lines.Add(new RemittanceLine(record.Line, order, record.Text(1, "payroll_number", required: false), payDate, amount));
        }

        return lines;
    }
}
