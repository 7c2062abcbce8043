using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Statements;

namespace Reeve.Payments.Domain.Receipts;

/// <summary>The kinds of file a payment import reads (formats.md 5.1, 5.2 and 5.4).</summary>
public enum PaymentFileFormat
{
    Camt053 = 1,
    BankCsv = 2,
    AgentCsv = 3,
}

public static class PaymentFileFormats
{
    public static string Code(this PaymentFileFormat format) => format switch
    {
        PaymentFileFormat.Camt053 => "camt053",
        PaymentFileFormat.BankCsv => "bank-csv",
        PaymentFileFormat.AgentCsv => "agent-csv",
    };

    /// <summary>How a payment from this kind of file is described on the ledger and in suspense.</summary>
    public static string Channel(this PaymentFileFormat format) => format switch
    {
        PaymentFileFormat.Camt053 => "Bank credit (camt.053 statement)",
        PaymentFileFormat.BankCsv => "Bank credit (bank CSV statement)",
        PaymentFileFormat.AgentCsv => "Payment agent (PayPoint, Post Office or allpay file)",
    };

    public static PaymentFileFormat? FromCode(string? code) =>
        Enum.GetValues<PaymentFileFormat>().FirstOrDefault(f => f.Code() == code) is var f && f != 0 ? f : null;
}

/// <summary>
/// One credit read from a payment file, whatever its format: <see cref="Line"/> says where it is in the file
/// ("12", or "3.2" for the second transaction of a batched camt.053 entry) and is unique within the file;
/// <see cref="ReferenceText"/> is what the payer wrote, in which their account reference is looked for.
/// </summary>
public sealed record Receipt(
    string Line,
    Money Amount,
    LocalDate PaidOn,
    string ReferenceText,
    string BankReference,
    string? PayerName);

/// <summary>The credits of a parsed file, and how many of its lines were not credits (debits, reversals).</summary>
public sealed record ReceiptFile(IReadOnlyList<Receipt> Receipts, int NotCredits);

public static class ReceiptReader
{
    /// <summary>
    /// Money in from a camt.053 statement: each credit entry, or each transaction of a batched one. Debits and
    /// reversals (RvslInd true: the bank taking back a credit) are not receipts.
    /// </summary>
    public static ReceiptFile From(Camt053Statement statement)
    {
        var receipts = new List<Receipt>();
        var notCredits = 0;
        for (var n = 0; n < statement.Entries.Count; n++)
        {
            var entry = statement.Entries[n];
            if (!entry.Amount.IsPositive || entry.IsReversal)
            {
                notCredits++;
                continue;
            }

            if (entry.Transactions.Count == 0)
            {
                receipts.Add(new Receipt(Number(n + 1), entry.Amount, entry.ValueDate ?? entry.BookingDate, entry.Narrative, entry.BankReference, null));
                continue;
            }

            for (var t = 0; t < entry.Transactions.Count; t++)
            {
                var tx = entry.Transactions[t];
                var line = entry.Transactions.Count == 1 ? Number(n + 1) : $"{Number(n + 1)}.{Number(t + 1)}";
                var text = string.Join(" ", new[] { tx.RemittanceText, entry.Narrative }.Where(s => s.Length > 0));
                var bankRef = tx.EndToEndId is { Length: > 0 } e2e ? $"{entry.BankReference}/{e2e}" : entry.BankReference;
                receipts.Add(new Receipt(line, tx.Amount, entry.ValueDate ?? entry.BookingDate, text, bankRef, tx.DebtorName));
            }
        }

        return new ReceiptFile(receipts, notCredits);
    }

    /// <summary>Money in from a bank's CSV export: lines with a positive amount; the description carries the reference.</summary>
    public static ReceiptFile From(IReadOnlyList<BankCsvLine> lines)
    {
        var receipts = new List<Receipt>(lines.Count);
        foreach (var l in lines)
        {
            if (l.Amount.IsPositive)
            {
                var number = Number(l.LineNumber);
                receipts.Add(new Receipt(number, l.Amount, l.Date, l.Description, "line " + number, null));
            }
        }

        return new ReceiptFile(receipts, lines.Count - receipts.Count);
    }

    /// <summary>Every payment in an agent's file is money in; the agent's transaction id is its bank reference.</summary>
    public static ReceiptFile From(AgentPaymentFile file) => new(
        file.Payments.Select(p => new Receipt(Number(p.LineNumber), p.Amount, p.PaidOn, p.Reference, p.TransactionId, null)).ToList(),
        0);

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
