using Reeve.Kernel;
using NodaTime;

namespace Reeve.Payments.Domain.Statements;

/// <summary>
/// Where a bank's CSV export keeps each field (formats.md 5.2: no national standard, so it is configuration per
/// bank). Columns count from 0. Either <see cref="AmountColumn"/> (signed) or the paid-in and paid-out pair.
/// </summary>
public sealed record BankCsvLayout(
    int DateColumn,
    string DatePattern,
    int DescriptionColumn,
    int? AmountColumn = null,
    int? PaidInColumn = null,
    int? PaidOutColumn = null,
    int? BalanceColumn = null,
    bool HasHeaderRow = true,
    char Delimiter = ',');

/// <summary>One statement line. <see cref="Amount"/> is signed: positive is money in.</summary>
public sealed record BankCsvLine(int LineNumber, LocalDate Date, string Description, Money Amount, Money? Balance);

public static class BankCsvStatement
{
    /// <summary>Reads every line or none, naming the line and field at fault; a running balance, where given, must follow from the amounts.</summary>
    public static Outcome<IReadOnlyList<BankCsvLine>> Parse(string text, BankCsvLayout layout) => Parse(new StringReader(text), layout);

    /// <inheritdoc cref="Parse(string, BankCsvLayout)"/>
    public static Outcome<IReadOnlyList<BankCsvLine>> Parse(TextReader text, BankCsvLayout layout)
    {
        if (LayoutProblem(layout) is { } problem)
        {
            return new Outcome<IReadOnlyList<BankCsvLine>>.Invalid("layout", problem);
        }

        try
        {
            return Read(text, layout).ToList();
        }
        catch (CsvFormatException e)
        {
            return new Outcome<IReadOnlyList<BankCsvLine>>.Invalid(e.Where, e.Message);
        }
    }

    /// <summary>Why a layout cannot be read with, or null: it needs either a signed amount column or both paid-in and paid-out.</summary>
    public static string? LayoutProblem(BankCsvLayout layout) =>
        layout.AmountColumn is null == (layout.PaidInColumn is null || layout.PaidOutColumn is null)
            ? "Give either a signed amount column or both paid-in and paid-out columns"
            : null;

    /// <summary>
    /// The lines one at a time as the text is read, so that a large statement is never held whole: a bad line
    /// throws a <see cref="CsvFormatException"/> naming the line and field when it is reached (the caller undoes
    /// whatever it did with the lines before). The layout must be sound (<see cref="LayoutProblem"/>).
    /// </summary>
    public static IEnumerable<BankCsvLine> Read(TextReader text, BankCsvLayout layout)
    {
        var dates = new CsvDates(layout.DatePattern);
        Money? before = null;
        foreach (var record in CsvFile.Read(text, layout.Delimiter).Skip(layout.HasHeaderRow ? 1 : 0))
        {
            var line = record.Line;
            var f = new CsvFields(record, dates);
            Money amount;
            if (layout.AmountColumn is { } column)
            {
                amount = f.Amount(column, "amount");
            }
            else
            {
                var paidIn = f.OptionalAmount(layout.PaidInColumn!.Value, "paid in");
                var paidOut = f.OptionalAmount(layout.PaidOutColumn!.Value, "paid out");
                if (paidIn is null == paidOut is null)
                {
                    throw new CsvFormatException(line, "paid in", "Exactly one of paid in and paid out must be filled in");
                }

                if (paidIn?.IsNegative == true || paidOut?.IsNegative == true)
                {
                    throw new CsvFormatException(line, paidIn is null ? "paid out" : "paid in", "Paid in and paid out are not negative");
                }

                amount = paidIn ?? -paidOut!.Value;
            }

            var balance = layout.BalanceColumn is { } b ? f.OptionalAmount(b, "balance") : null;
            if (balance is { } now && before is { } previous && previous + amount != now)
            {
                throw new CsvFormatException(line, "balance", $"The balance {now} does not follow from {previous} and {amount}");
            }

            var read = new BankCsvLine(line, f.Date(layout.DateColumn, "date"), f.Text(layout.DescriptionColumn, "description"), amount, balance);
            before = balance;
            yield return read;
        }
    }
}
