using NodaTime;
using Reeve.Kernel;

namespace Reeve.Payments.Domain.Statements;

/// <summary>
/// The layout of a payment agent's daily file (PayPoint, Post Office, allpay style; formats.md 5.4). The real
/// layouts are contractual and unconfirmed, so every position is configuration: a record-type column tells
/// detail lines from header and trailer, and the trailer's count and total are checked against the details.
/// </summary>
public sealed record AgentFileLayout(
    int RecordTypeColumn,
    string DetailTag,
    string? HeaderTag,
    string TrailerTag,
    int ReferenceColumn,
    int AmountColumn,
    int DateColumn,
    string DatePattern,
    int TransactionIdColumn,
    int? OutletColumn,
    int TrailerCountColumn,
    int TrailerTotalColumn,
    char Delimiter = ',');

public sealed record AgentPayment(int LineNumber, string Reference, Money Amount, LocalDate PaidOn, string TransactionId, string? Outlet);

public sealed record AgentPaymentFile(IReadOnlyList<AgentPayment> Payments, Money Total)
{
    public static Outcome<AgentPaymentFile> Parse(string text, AgentFileLayout layout) => Parse(new StringReader(text), layout);

    /// <summary>Reads every line or none, naming the line and field at fault, from a reader (a large file is not held as one string).</summary>
    public static Outcome<AgentPaymentFile> Parse(TextReader text, AgentFileLayout layout)
    {
        try
        {
            var payments = Read(text, layout).ToList();
            return new AgentPaymentFile(payments, Money.Sum(payments.Select(p => p.Amount)));
        }
        catch (CsvFormatException e)
        {
            return new Outcome<AgentPaymentFile>.Invalid(e.Where, e.Message);
        }
    }

    /// <summary>
    /// The payments one at a time as the text is read: a bad line throws a <see cref="CsvFormatException"/> naming
    /// the line and field when it is reached, and so does a trailer that disagrees with the payments before it, or
    /// its absence at the end (the caller undoes whatever it did with the payments before).
    /// </summary>
    public static IEnumerable<AgentPayment> Read(TextReader text, AgentFileLayout layout)
    {
        var dates = new CsvDates(layout.DatePattern);
        var trailerSeen = false;
        var lastLine = 0;
        var count = 0;
        var total = Money.Zero;
        foreach (var record in CsvFile.Read(text, layout.Delimiter))
        {
            var line = record.Line;
            lastLine = line;
            var f = new CsvFields(record, dates);
            var tag = f.Text(layout.RecordTypeColumn, "record type");
            if (trailerSeen)
            {
                throw new CsvFormatException(line, "record type", "Nothing may follow the trailer");
            }

            if (tag == layout.HeaderTag)
            {
                if (line != 1 && count > 0)
                {
                    throw new CsvFormatException(line, "record type", "The header must come first");
                }

                continue;
            }

            if (tag == layout.TrailerTag)
            {
                trailerSeen = true;
                var said = f.Text(layout.TrailerCountColumn, "trailer count");
                if (said != count.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    throw new CsvFormatException(line, "trailer count", $"The trailer says {said} payments but the file has {count}");
                }

                var trailerTotal = f.Amount(layout.TrailerTotalColumn, "trailer total");
                if (trailerTotal != total)
                {
                    throw new CsvFormatException(line, "trailer total", $"The trailer says {trailerTotal} but the payments add up to {total}");
                }

                continue;
            }

            if (tag != layout.DetailTag)
            {
                throw new CsvFormatException(line, "record type", $"'{tag}' is not a known record type");
            }

            var amount = f.Amount(layout.AmountColumn, "amount");
            if (!amount.IsPositive)
            {
                throw new CsvFormatException(line, "amount", "A payment must be more than zero");
            }

            var payment = new AgentPayment(
                line,
                f.Text(layout.ReferenceColumn, "reference"),
                amount,
                f.Date(layout.DateColumn, "date"),
                f.Text(layout.TransactionIdColumn, "transaction id"),
                layout.OutletColumn is { } o ? f.Text(o, "outlet", required: false) : null);
            count++;
            total += amount;
            yield return payment;
        }

        // A file cut short loses its trailer: refuse it rather than post part of a day.
        if (!trailerSeen)
        {
            throw new CsvFormatException(lastLine + 1, "trailer", "The file has no trailer: it may be truncated");
        }
    }
}
