using System.Globalization;
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

/// <summary>What kind of money in a receipt is, which decides where it goes.</summary>
public enum ReceiptKind
{
    /// <summary>A payer's payment: posted to the account its reference names, else to suspense.</summary>
    Payment = 1,

    /// <summary>A credit reversing money the council paid out (a returned Bacs credit, such as a bounced refund): an officer's.</summary>
    MoneyBack = 2,

    /// <summary>A batched entry whose transactions cannot be split from what the bank booked: taken whole, for an officer.</summary>
    AmountsDisagree = 3,
}

/// <summary>
/// One credit read from a payment file, whatever its format: <see cref="Line"/> says where it is in the file
/// ("12", or "3.2" for the second transaction of a batched camt.053 entry) and is unique within the file;
/// <see cref="ReferenceText"/> is what the payer wrote, in which their account reference is looked for.
/// <see cref="EntryKey"/> is the bank entry it came from, the same in any file the bank sends it in (unique within
/// <see cref="Scope"/>: the statement's account, or the file format where the file names no account), so that it
/// is posted once; <see cref="KeySource"/> says how the key was made.
/// </summary>
public sealed record Receipt(
    string Line,
    Money Amount,
    LocalDate PaidOn,
    string ReferenceText,
    string BankReference,
    string? PayerName,
    string EntryKey = "",
    string KeySource = "",
    string Scope = "",
    ReceiptKind Kind = ReceiptKind.Payment,
    string? EndToEndId = null)
{
    // A bank CSV line's bank reference ("line 12") and key (its fingerprint and how many alike lines came before it)
    // are made when asked, not held: a million-line statement would otherwise hold two million more strings.
    public string BankReference { get => Alike == 0 ? field : "line " + Line; init; } = BankReference;

    public string EntryKey { get => Alike == 0 ? field : Fingerprint.Format(Print) + "#" + Alike.ToString(CultureInfo.InvariantCulture); init; } = EntryKey;

    private UInt128 Print { get; init; }

    private int Alike { get; init; }

    /// <summary>A bank CSV line, keyed by its fingerprint <paramref name="print"/> and its number among alike lines (1 for the first).</summary>
    internal static Receipt CsvLine(string line, Money amount, LocalDate paidOn, string text, string scope, UInt128 print, int alike) =>
        new(line, amount, paidOn, text, "", null, "", nameof(EntryKeySource.Fingerprint), scope) { Print = print, Alike = alike };
}

/// <summary>
/// The credits of a parsed file, how many of its lines were not credits (debits left alone), and the debits that
/// take back an earlier credit (camt.053 reversals, returns and recalls), which must not vanish.
/// </summary>
public sealed record ReceiptFile(IReadOnlyList<Receipt> Receipts, int NotCredits)
{
    public IReadOnlyList<TakeBack> TakeBacks { get; init; } = [];

    public int Pending { get; init; }

    public Money PendingTotal { get; init; }
}

/// <summary>A booked debit that takes back an earlier credit, with the scope its key is unique in.</summary>
public sealed record TakeBack(CamtEntry Entry, string Scope);

public static class ReceiptReader
{
    /// <summary>
    /// Money in from one camt.053 statement: each booked credit entry at the amount the bank booked, or each
    /// transaction of a batched one whose transactions add up to it. A credit that reverses a payment out is money
    /// back, for an officer. Pending entries are counted, never posted. Debits are not receipts; those that take
    /// back an earlier credit are kept aside (<see cref="ReceiptFile.TakeBacks"/>).
    /// </summary>
    public static ReceiptFile From(Camt053Statement statement, string scope = "")
    {
        var receipts = new List<Receipt>();
        var takeBacks = new List<TakeBack>();
        var notCredits = 0;
        foreach (var entry in statement.Booked)
        {
            var line = Number(entry.Number);
            var source = entry.KeySource.ToString();
            if (entry.TakesBackACredit)
            {
                takeBacks.Add(new TakeBack(entry, scope));
                continue;
            }

            if (!entry.Amount.IsPositive)
            {
                notCredits++;
                continue;
            }

            var day = entry.ValueDate ?? entry.BookingDate;
            if (entry.IsMoneyBack || entry.Disagreement is not null || entry.Transactions.Count < 2)
            {
                var text = string.Join(" ", entry.Transactions.Select(t => t.RemittanceText).Append(entry.Narrative).Where(s => s.Length > 0));
                var kind = entry.IsMoneyBack ? ReceiptKind.MoneyBack : entry.Disagreement is null ? ReceiptKind.Payment : ReceiptKind.AmountsDisagree;
                var e2e = entry.Transactions.Count == 1 ? entry.Transactions[0].EndToEndId : null;
                var bankRef = e2e is { Length: > 0 } ? $"{Shown(entry)}/{e2e}" : Shown(entry);
                receipts.Add(new Receipt(line, entry.Amount, day, kind == ReceiptKind.AmountsDisagree ? $"{text} ({entry.Disagreement})".Trim() : text,
                    bankRef, entry.Transactions.Count == 1 ? entry.Transactions[0].DebtorName : null, entry.Key, source, scope, kind, e2e));
                continue;
            }

            for (var t = 0; t < entry.Transactions.Count; t++)
            {
                var tx = entry.Transactions[t];
                var text = string.Join(" ", new[] { tx.RemittanceText, entry.Narrative }.Where(s => s.Length > 0));
                var bankRef = tx.EndToEndId is { Length: > 0 } e2e ? $"{Shown(entry)}/{e2e}" : Shown(entry);
                receipts.Add(new Receipt($"{line}.{Number(t + 1)}", tx.Amount!.Value, day, text, bankRef, tx.DebtorName,
                    $"{entry.Key}/{Number(t + 1)}", source, scope, ReceiptKind.Payment, tx.EndToEndId));
            }
        }

        var pending = statement.Pending.ToList();
        return new ReceiptFile(receipts, notCredits)
        {
            TakeBacks = takeBacks, Pending = pending.Count, PendingTotal = Money.Sum(pending.Select(p => p.Amount)),
        };
    }

    // How the entry is named to officers: the bank's reference, or where it is in the file when it has none.
    private static string Shown(CamtEntry entry) =>
        entry.KeySource == EntryKeySource.Fingerprint ? $"entry {Number(entry.Number)} (no bank reference)" : entry.Key;

    /// <summary>
    /// Money in from a bank's CSV export: lines with a positive amount; the description carries the reference. A
    /// CSV line has no bank reference, so its key is its fingerprint (date, amount, description), with the
    /// number of the same line seen before it in the file.
    /// </summary>
    public static ReceiptFile From(IReadOnlyList<BankCsvLine> lines)
    {
        var reader = new CsvReceipts();
        var receipts = reader.Read(lines).ToList();
        return new ReceiptFile(receipts, reader.NotCredits);
    }

    /// <summary>Every payment in an agent's file is money in; the agent's transaction id is its bank reference and its key.</summary>
    public static ReceiptFile From(AgentPaymentFile file) => new(From(file.Payments).ToList(), 0);

    /// <inheritdoc cref="From(AgentPaymentFile)"/>
    public static IEnumerable<Receipt> From(IEnumerable<AgentPayment> payments) =>
        payments.Select(p => new Receipt(Number(p.LineNumber), p.Amount, p.PaidOn, p.Reference, p.TransactionId, null,
            p.TransactionId, "TransactionId", PaymentFileFormat.AgentCsv.Code()));

    internal static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Money in from a bank's CSV export, as its lines are read: lines with a positive amount; the description carries
/// the reference. A CSV line has no bank reference, so its key is its fingerprint (date, amount, description), with
/// the number of the same line seen before it in the file: the one thing kept for every line of the file, as a
/// 128-bit number and a count. Lines that are not credits are counted (<see cref="NotCredits"/>).
/// </summary>
public sealed class CsvReceipts
{
    private static readonly string Scope = PaymentFileFormat.BankCsv.Code();

    private readonly Dictionary<UInt128, int> _seen = [];

    /// <summary>The lines read so far that were not credits (debits, and lines of no amount).</summary>
    public int NotCredits { get; private set; }

    public IEnumerable<Receipt> Read(IEnumerable<BankCsvLine> lines)
    {
        foreach (var l in lines)
        {
            if (!l.Amount.IsPositive)
            {
                NotCredits++;
                continue;
            }

            var print = Fingerprint.Hash(Scope, l.Date, l.Amount, l.Description);
            yield return Receipt.CsvLine(ReceiptReader.Number(l.LineNumber), l.Amount, l.Date, l.Description, Scope, print, Count(print));
        }
    }

    // How many lines with this fingerprint the file has had, this one included.
    private int Count(UInt128 print)
    {
        ref var alike = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seen, print, out _);
        return ++alike;
    }
}
