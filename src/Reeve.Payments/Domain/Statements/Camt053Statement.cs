using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Reports;
using static Reeve.Payments.Domain.Reports.ReportXml;

namespace Reeve.Payments.Domain.Statements;

/// <summary>An entry's status (ISO 20022 Sts, a code from .001.08, plain text before): only booked entries are money on the account.</summary>
public enum EntryStatus
{
    Booked = 1,
    Pending = 2,
    Information = 3,
}

/// <summary>
/// One transaction inside a booked entry; a batched Bacs credit has many (formats.md 5.1). <see cref="Amount"/> is
/// signed like its entry, and null when the transaction gives no amount in the account's currency.
/// </summary>
public sealed record CamtTransaction(Money? Amount, string? EndToEndId, string? BankReference, string? DebtorName, string RemittanceText);

/// <summary>Where an entry's key came from, in the order they are tried (docs/domain/bank-statements.md).</summary>
public enum EntryKeySource
{
    AccountServicerReference = 1,
    EntryReference = 2,
    TransactionReferences = 3,
    Fingerprint = 4,
}

/// <summary>
/// An entry of a statement. <see cref="Amount"/> is the booked amount, signed: positive is money in (CRDT),
/// negative money out (DBIT). <see cref="Number"/> counts entries through the whole file, across its statements.
/// <see cref="Key"/> is what makes the entry the same entry when the bank sends it again in another file.
/// <see cref="Disagreement"/> says why its transactions cannot be posted one by one (their amounts are missing, in
/// another currency or do not add up to the booked amount), naming the element and values; the entry is then
/// taken whole, for an officer.
/// </summary>
public sealed record CamtEntry(
    int Number,
    string At,
    string Key,
    EntryKeySource KeySource,
    Money Amount,
    bool IsReversal,
    EntryStatus Status,
    string? TransactionCode,
    LocalDate BookingDate,
    LocalDate? ValueDate,
    string Narrative,
    IReadOnlyList<CamtTransaction> Transactions,
    string? Disagreement)
{
    // ISO 20022 bank transaction sub-families that take back a credit: a reversal because the payment was returned
    // (RRTN), one asked for by a payment cancellation request, a recall (RPCR), and an unpaid cheque (UPCQ).
    private static readonly string[] TakingBackCodes = ["RRTN", "RPCR", "UPCQ"];

    /// <summary>A debit that takes back money paid in earlier: a reversal, a returned credit, a recall, an unpaid cheque.</summary>
    public bool TakesBackACredit => Amount.IsNegative &&
        (IsReversal || (TransactionCode is { } code && TakingBackCodes.Any(c => code.EndsWith("/" + c, StringComparison.Ordinal))));

    /// <summary>A credit that reverses a payment the council made (a returned Bacs credit, such as a bounced refund): money back in.</summary>
    public bool IsMoneyBack => Amount.IsPositive && IsReversal;

    /// <summary>The end-to-end ids of its transactions, by which a later reversal names the credit it takes back.</summary>
    public IEnumerable<string> EndToEndIds => Transactions.Select(t => t.EndToEndId).OfType<string>().Where(Camt053File.IsRealReference);
}

/// <summary>The account a statement is for, as the bank identifies it.</summary>
public sealed record CamtAccount(string? Iban, string? OtherId, string? Name)
{
    public string Display => Iban ?? OtherId ?? "";

    /// <summary>The UK sort code and account number, from a GB IBAN (GBkk BANK SSSSSS AAAAAAAA) or a 14-digit other id.</summary>
    public (string SortCode, string AccountNumber)? UkNumber
    {
        get
        {
            var iban = Iban?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            if (iban is { Length: 22 } && iban.StartsWith("GB", StringComparison.Ordinal) && iban[8..].All(char.IsAsciiDigit))
            {
                return (iban[8..14], iban[14..]);
            }

            var other = OtherId?.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            return other is { Length: 14 } && other.All(char.IsAsciiDigit) ? (other[..6], other[6..]) : null;
        }
    }
}

/// <summary>Why one statement of a file was not taken, naming the element and value; the file's other statements still are.</summary>
public sealed record StatementRefusal(string Field, string Message);

public sealed record Camt053Statement(
    int Number,
    string At,
    string StatementId,
    CamtAccount Account,
    string Currency,
    Money? OpeningBalance,
    Money? ClosingBalance,
    int EntryCount,
    IReadOnlyList<CamtEntry> Entries,
    StatementRefusal? Refusal)
{
    public IEnumerable<CamtEntry> Booked => Entries.Where(e => e.Status == EntryStatus.Booked);

    public IEnumerable<CamtEntry> Pending => Entries.Where(e => e.Status != EntryStatus.Booked);
}

/// <summary>
/// A camt.053 file: one message, any number of statements (a bank's daily file carries one per account).
/// </summary>
public sealed record Camt053File(string MessageId, string Version, IReadOnlyList<Camt053Statement> Statements)
{
    private const string Namespace = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";

    /// <summary>The schema versions read: .001.02 (the one most UK banks still send) to .001.08 (CBPR+).</summary>
    public static readonly IReadOnlyList<string> Versions = ["02", "03", "04", "05", "06", "07", "08"];

    /// <summary>
    /// Reads the posting subset of a camt.053 file (formats.md 5.1): the Document alone or inside a business
    /// message envelope with its application header (CBPR+), any number of statements, each entry's booked amount,
    /// status, reversal indicator and references. Elements are matched by local name. A broken file (not XML, a
    /// missing or malformed element) is refused whole, naming the element. A statement whose account is not in
    /// sterling, or whose control totals or balances do not agree with its entries, is refused alone.
    /// </summary>
    public static Outcome<Camt053File> Parse(string xml) => ReportXml.Parse(xml, doc =>
    {
        var root = doc.Root ?? throw new ReportFormatException("Document", "The file has no root element");
        var document = root.Name.LocalName == "Document"
            ? root
            : root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Document")
                ?? throw new ReportFormatException(root.Name.LocalName, $"Neither the root element nor anything inside {root.Name.LocalName} is a camt.053 Document");
        var at = document == root ? "Document" : $"{root.Name.LocalName}/Document";
        var version = VersionOf(document, at);
        var statementRoot = Child(document, "BkToCstmrStmt", at);
        at += "/BkToCstmrStmt";
        var messageId = Text(Child(Child(statementRoot, "GrpHdr", at), "MsgId", at + "/GrpHdr"), at + "/GrpHdr/MsgId");
        var stmts = Children(statementRoot, "Stmt").ToList();
        if (stmts.Count == 0)
        {
            throw new ReportFormatException(at + "/Stmt", "The file holds no statement");
        }

        var statements = new List<Camt053Statement>(stmts.Count);
        var entryNumber = 0;
        for (var s = 0; s < stmts.Count; s++)
        {
            var statement = ReadStatement(stmts[s], s + 1, stmts.Count == 1 ? at + "/Stmt" : $"{at}/Stmt[{s + 1}]", entryNumber);
            entryNumber += statement.EntryCount;
            statements.Add(statement);
        }

        return new Camt053File(messageId, version, statements);
    });

    /// <summary>A reference a bank really gave, not the placeholder ISO 20022 uses for "none".</summary>
    public static bool IsRealReference(string? text) => !string.IsNullOrWhiteSpace(text) && text.Trim() != "NOTPROVIDED";

    private static string VersionOf(XElement document, string at)
    {
        var ns = document.Name.NamespaceName;
        if (ns.Length == 0)
        {
            return "";
        }

        return ns.StartsWith(Namespace, StringComparison.Ordinal) && Versions.Contains(ns[Namespace.Length..])
            ? ns[Namespace.Length..]
            : throw new ReportFormatException(at + "/@xmlns", $"'{ns}' is not a camt.053 version Reeve reads (camt.053.001.{Versions[0]} to .001.{Versions[^1]})");
    }

    private static Camt053Statement ReadStatement(XElement stmt, int number, string at, int entriesBefore)
    {
        var id = Text(Child(stmt, "Id", at), at + "/Id");
        var acct = Child(stmt, "Acct", at);
        var acctId = Child(acct, "Id", at + "/Acct");
        var iban = Children(acctId, "IBAN").FirstOrDefault()?.Value.Trim();
        var other = acctId.Descendants().FirstOrDefault(e => e.Name.LocalName == "Id" && !e.HasElements)?.Value.Trim();
        if (string.IsNullOrEmpty(iban) && string.IsNullOrEmpty(other))
        {
            throw new ReportFormatException(at + "/Acct/Id", "The account has no IBAN or other identifier");
        }

        var account = new CamtAccount(string.IsNullOrEmpty(iban) ? null : iban, string.IsNullOrEmpty(iban) ? other : null,
            Children(acct, "Nm").FirstOrDefault()?.Value.Trim());
        var ntries = Children(stmt, "Ntry").ToList();

        // The account's currency: Acct/Ccy, or (it is optional) the currency its balances and entries are given in.
        var currency = Children(acct, "Ccy").FirstOrDefault()?.Value.Trim() is { Length: > 0 } ccy
            ? ccy
            : stmt.Descendants().FirstOrDefault(e => e.Name.LocalName == "Amt" && e.Attribute("Ccy") is not null)?.Attribute("Ccy")!.Value.Trim() ?? "GBP";
        if (currency != "GBP")
        {
            // Refused, but its entries are still read (in its own currency's hundredths) so that the report can say
            // what was not taken; an entry that cannot be read there does not refuse the file's other statements.
            var foreign = new List<CamtEntry>(ntries.Count);
            try
            {
                for (var n = 0; n < ntries.Count; n++)
                {
                    foreign.Add(ReadEntry(ntries[n], entriesBefore + n + 1, $"{at}/Ntry[{n + 1}]", currency));
                }
            }
            catch (ReportFormatException)
            {
                foreign.Clear();
            }

            return new Camt053Statement(number, at, id, account, currency, null, null, ntries.Count, WithFingerprints(foreign, account),
                new StatementRefusal(at + "/Acct/Ccy", $"The account {account.Display} is in '{currency}', not sterling; Reeve posts sterling accounts only"));
        }

        var entries = new List<CamtEntry>(ntries.Count);
        for (var n = 0; n < ntries.Count; n++)
        {
            entries.Add(ReadEntry(ntries[n], entriesBefore + n + 1, $"{at}/Ntry[{n + 1}]", "GBP"));
        }

        entries = WithFingerprints(entries, account);
        var refusal = CheckTotals(stmt, at, entries);
        var opening = Balance(stmt, at, "OPBD");
        var closing = Balance(stmt, at, "CLBD");
        var booked = Money.Sum(entries.Where(e => e.Status == EntryStatus.Booked).Select(e => e.Amount));
        if (refusal is null && opening is { } o && closing is { } c && o + booked != c)
        {
            refusal = new StatementRefusal(at + "/Bal", $"The opening balance {o.ToDisplayString()} and the booked entries ({booked.ToDisplayString()}) do not reach the closing balance {c.ToDisplayString()}");
        }

        return new Camt053Statement(number, at, id, account, currency, opening, closing, ntries.Count, entries, refusal);
    }

    // Control totals: TtlNtries/NbOfNtries and Sum (the sum of the entries' amounts, without sign). A statement may
    // carry pending entries too, so the totals are checked against every entry it lists.
    private static StatementRefusal? CheckTotals(XElement stmt, string at, List<CamtEntry> entries)
    {
        if (Children(stmt, "TxsSummry").FirstOrDefault() is not { } summary || Children(summary, "TtlNtries").FirstOrDefault() is not { } totals)
        {
            return null;
        }

        var totalsAt = at + "/TxsSummry/TtlNtries";
        if (Children(totals, "NbOfNtries").FirstOrDefault() is { } nb && Text(nb, totalsAt + "/NbOfNtries") != entries.Count.ToString(CultureInfo.InvariantCulture))
        {
            return new StatementRefusal(totalsAt + "/NbOfNtries", $"The statement says {nb.Value.Trim()} entries but has {entries.Count}");
        }

        var sum = Money.Sum(entries.Select(e => e.Amount.Abs()));
        return Children(totals, "Sum").FirstOrDefault() is { } given && Amount(given, totalsAt + "/Sum", null) != sum
            ? new StatementRefusal(totalsAt + "/Sum", $"The statement's sum {given.Value.Trim()} does not match its entries ({sum.ToDisplayString()})")
            : null;
    }

    private static CamtEntry ReadEntry(XElement ntry, int number, string at, string currency)
    {
        var amount = Amount(Child(ntry, "Amt", at), at + "/Amt", currency);
        var sign = Text(Child(ntry, "CdtDbtInd", at), at + "/CdtDbtInd") switch
        {
            "CRDT" => 1,
            "DBIT" => -1,
            var other => throw new ReportFormatException(at + "/CdtDbtInd", $"'{other}' is not CRDT or DBIT"),
        };
        var reversal = Children(ntry, "RvslInd").FirstOrDefault()?.Value.Trim() is "true" or "1";
        var status = StatusOf(ntry, at);
        LocalDate? booking = Children(ntry, "BookgDt").FirstOrDefault() is { } b ? DateOf(b, at + "/BookgDt") : null;
        LocalDate? value = Children(ntry, "ValDt").FirstOrDefault() is { } v ? DateOf(v, at + "/ValDt") : null;
        var day = booking ?? value ?? (status == EntryStatus.Booked
            ? throw new ReportFormatException(at + "/BookgDt", "A booked entry needs a booking or value date")
            : LocalDate.MinIsoValue);
        var narrative = string.Join(" ", Children(ntry, "AddtlNtryInf").Select(e => e.Value.Trim()).Where(t => t.Length > 0));
        var code = Children(ntry, "BkTxCd").FirstOrDefault() is { } bk && Children(bk, "Domn").FirstOrDefault() is { } domn
            ? string.Join("/", domn.Descendants().Where(e => e.Name.LocalName is "Cd" or "SubFmlyCd" && !e.HasElements).Select(e => e.Value.Trim()))
            : null;

        var details = ntry.Elements().Where(e => e.Name.LocalName == "NtryDtls").SelectMany(d => Children(d, "TxDtls")).ToList();
        var transactions = new List<CamtTransaction>(details.Count);
        for (var t = 0; t < details.Count; t++)
        {
            transactions.Add(ReadTransaction(details[t], $"{at}/NtryDtls/TxDtls[{t + 1}]", sign, currency));
        }

        var booked = Money.FromPence(sign * amount.Pence);
        var (key, source) = KeyOf(ntry, transactions);
        return new CamtEntry(number, at, key, source, booked, reversal, status, code, day, value, narrative, transactions,
            Disagreement(at, booked, transactions));
    }

    private static CamtTransaction ReadTransaction(XElement tx, string at, int sign, string currency)
    {
        // The transaction's amount in the account's currency: TxDtls/Amt (.001.04 on) or AmtDtls/TxAmt/Amt. An amount
        // in another currency (the instructed amount of a payment from abroad) is not what the account was paid.
        var amountElement = Children(tx, "Amt").FirstOrDefault()
            ?? Children(tx, "AmtDtls").SelectMany(d => Children(d, "TxAmt")).SelectMany(t => Children(t, "Amt")).FirstOrDefault();
        Money? amount = amountElement is { } a && (a.Attribute("Ccy")?.Value.Trim() ?? currency) == currency
            ? Money.FromPence(sign * Amount(a, AmountPath(a), null).Pence)
            : null;
        var refs = Children(tx, "Refs").FirstOrDefault();
        var endToEnd = refs is null ? null : Children(refs, "EndToEndId").FirstOrDefault()?.Value.Trim();
        var bankRef = refs is null ? null : Children(refs, "AcctSvcrRef").FirstOrDefault()?.Value.Trim();
        var debtor = tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "Nm" && e.Parent?.Name.LocalName == "Dbtr")?.Value.Trim()
            ?? tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "Nm" && e.Parent?.Parent?.Name.LocalName == "Dbtr")?.Value.Trim();
        var remittance = string.Join(" ", tx.Descendants()
            .Where(e => e.Name.LocalName is "Ustrd" || (e.Name.LocalName == "Ref" && e.Parent?.Name.LocalName == "CdtrRefInf"))
            .Select(e => e.Value.Trim()));
        return new CamtTransaction(amount, endToEnd, bankRef, debtor, remittance);

        string AmountPath(XElement e) => e.Parent?.Name.LocalName == "TxAmt" ? at + "/AmtDtls/TxAmt/Amt" : at + "/Amt";
    }

    // A batched entry is split by its transactions only when each gives an amount in sterling and they add up to
    // what was booked; a single transaction always takes the booked amount, whatever its own amount says.
    private static string? Disagreement(string at, Money booked, List<CamtTransaction> transactions)
    {
        if (transactions.Count < 2)
        {
            return null;
        }

        var missing = transactions.FindIndex(t => t.Amount is null);
        if (missing >= 0)
        {
            return $"{at}/NtryDtls/TxDtls[{missing + 1}]/Amt: the transaction gives no amount in sterling, so the entry of {booked.Abs().ToDisplayString()} cannot be split";
        }

        var sum = Money.Sum(transactions.Select(t => t.Amount!.Value));
        return sum == booked ? null : $"{at}/NtryDtls: the transactions add up to {sum.Abs().ToDisplayString()} but the bank booked {booked.Abs().ToDisplayString()}";
    }

    // The bank's own reference for the entry first; then the entry reference; then the transactions' references
    // (their bank references, else their end-to-end ids); a fingerprint is made later for an entry with none.
    private static (string Key, EntryKeySource Source) KeyOf(XElement ntry, List<CamtTransaction> transactions)
    {
        if (Children(ntry, "AcctSvcrRef").FirstOrDefault()?.Value is { } svcr && IsRealReference(svcr))
        {
            return (svcr.Trim(), EntryKeySource.AccountServicerReference);
        }

        if (Children(ntry, "NtryRef").FirstOrDefault()?.Value is { } ntryRef && IsRealReference(ntryRef))
        {
            return ("ntry:" + ntryRef.Trim(), EntryKeySource.EntryReference);
        }

        if (transactions.Count > 0 && transactions.All(t => IsRealReference(t.BankReference)))
        {
            return ("tx:" + string.Join("+", transactions.Select(t => t.BankReference!)), EntryKeySource.TransactionReferences);
        }

        return transactions.Count > 0 && transactions.All(t => IsRealReference(t.EndToEndId))
            ? ("e2e:" + string.Join("+", transactions.Select(t => t.EndToEndId!)), EntryKeySource.TransactionReferences)
            : ("", EntryKeySource.Fingerprint);
    }

    // An entry with no reference at all is known by the account, its date, amount and what it says; two such
    // entries alike in all of those in one statement are told apart by their order (the second is "#2").
    private static List<CamtEntry> WithFingerprints(List<CamtEntry> entries, CamtAccount account)
    {
        if (entries.All(e => e.KeySource != EntryKeySource.Fingerprint))
        {
            return entries;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return entries.Select(e =>
        {
            if (e.KeySource != EntryKeySource.Fingerprint)
            {
                return e;
            }

            var text = string.Join(" ", e.Transactions.Select(t => t.RemittanceText).Append(e.Narrative));
            var print = Fingerprint.Of(account.Display, e.BookingDate, e.Amount, text);
            var n = seen[print] = seen.GetValueOrDefault(print) + 1;
            return e with { Key = $"{print}#{n}" };
        }).ToList();
    }

    private static EntryStatus StatusOf(XElement ntry, string at)
    {
        if (Children(ntry, "Sts").FirstOrDefault() is not { } sts)
        {
            return EntryStatus.Booked;
        }

        // .001.08 wraps the code (Sts/Cd); earlier versions give it as the element's text.
        var code = (Children(sts, "Cd").FirstOrDefault() ?? Children(sts, "Prtry").FirstOrDefault() ?? sts).Value.Trim();
        return code switch
        {
            "BOOK" => EntryStatus.Booked,
            "PDNG" or "FUTR" => EntryStatus.Pending,
            "INFO" => EntryStatus.Information,
            _ => throw new ReportFormatException(at + "/Sts", $"'{code}' is not an entry status (BOOK, PDNG, FUTR or INFO)"),
        };
    }

    private static Money? Balance(XElement stmt, string at, string code)
    {
        foreach (var bal in Children(stmt, "Bal"))
        {
            if (bal.Descendants().Any(e => e.Name.LocalName == "Cd" && e.Value.Trim() == code))
            {
                var amount = Amount(Child(bal, "Amt", at + "/Bal"), $"{at}/Bal[{code}]/Amt", "GBP");
                var indicator = Children(bal, "CdtDbtInd").FirstOrDefault()?.Value.Trim();
                return indicator == "DBIT" ? -amount : amount;
            }
        }

        return null;
    }

    private static string Text(XElement e, string at) =>
        string.IsNullOrWhiteSpace(e.Value) ? throw new ReportFormatException(at, "This element is blank") : e.Value.Trim();

    /// <summary>
    /// An ISO 20022 amount: a plain decimal, always positive. Banks write totals to four or five places
    /// ("600.0000"); anything past the penny must be zero. <paramref name="currency"/>, when given, is the only
    /// currency accepted in the Ccy attribute.
    /// </summary>
    internal static Money Amount(XElement e, string at, string? currency)
    {
        var ccy = e.Attribute("Ccy")?.Value.Trim();
        if (currency is not null && ccy is not null && ccy != currency)
        {
            throw new ReportFormatException(at + "/@Ccy", currency == "GBP" ? $"'{ccy}' is not sterling" : $"'{ccy}' is not the account's currency ({currency})");
        }

        var text = e.Value.Trim();
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        if (whole.Length is 0 or > 12 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (point >= 0 && fraction.Length == 0)
            || fraction.Skip(2).Any(c => c != '0'))
        {
            throw new ReportFormatException(at, $"'{text}' is not an amount in pounds and pence");
        }

        var pence = fraction.PadRight(2, '0')[..2];
        return Money.FromPence((long.Parse(whole, CultureInfo.InvariantCulture) * 100) + int.Parse(pence, CultureInfo.InvariantCulture));
    }

    private static LocalDate DateOf(XElement holder, string at)
    {
        var d = Children(holder, "Dt").FirstOrDefault() ?? Children(holder, "DtTm").FirstOrDefault()
            ?? throw new ReportFormatException(at + "/Dt", "This element is missing");
        var text = d.Value.Trim();
        var parsed = DateText.Iso.Parse(text.Length >= 10 ? text[..10] : text);
        return parsed.Success ? parsed.Value : throw new ReportFormatException($"{at}/{d.Name.LocalName}", $"'{text}' is not a date");
    }
}

/// <summary>
/// The key of a bank entry that carries no reference: a hash of the account, the day, the signed amount and what
/// the entry says (spaces and case evened out), so the same entry in another file has the same key.
/// </summary>
public static class Fingerprint
{
    public static string Of(string account, LocalDate day, Money amount, string text) => Format(Hash(account, day, amount, text));

    /// <summary>
    /// The fingerprint as a number: the first 128 bits of the hash, so a file's million lines can be counted by
    /// fingerprint without a million strings.
    /// </summary>
    public static UInt128 Hash(string account, LocalDate day, Money amount, string text)
    {
        if (day.Year is < 1 or > 9999)
        {
            return HashOfText(account, day, amount, text);
        }

        // The same text as HashOfText makes (account|date|pence|words), written into one buffer rather than made
        // of a dozen strings: a million-line statement hashes a million lines.
        var trimmed = account.AsSpan().Trim();
        var most = trimmed.Length + text.Length + 40;
        char[]? rentedChars = null;
        Span<char> chars = most <= 256 ? stackalloc char[most] : (rentedChars = ArrayPool<char>.Shared.Rent(most));
        try
        {
            var at = trimmed.ToUpperInvariant(chars);
            chars[at++] = '|';
            at += Digits(chars[at..], day.Year, 4);
            chars[at++] = '-';
            at += Digits(chars[at..], day.Month, 2);
            chars[at++] = '-';
            at += Digits(chars[at..], day.Day, 2);
            chars[at++] = '|';
            amount.Pence.TryFormat(chars[at..], out var written, default, CultureInfo.InvariantCulture);
            at += written;
            chars[at++] = '|';
            at += Words(text, chars[at..]);
            return Sha(chars[..at]);
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }
        }
    }

    // What Hash reads, as strings: kept for dates Hash does not write by hand, and as the definition of the fingerprint.
    internal static UInt128 HashOfText(string account, LocalDate day, Money amount, string text)
    {
        var words = string.Join(' ', text.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var line = string.Join('|', account.Trim().ToUpperInvariant(), day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
            amount.Pence.ToString(CultureInfo.InvariantCulture), words);
        return Sha(line);
    }

    // The text upper-cased with its words (runs between white space) joined by one space; returns the length written.
    private static int Words(string text, Span<char> into)
    {
        var upper = text.AsSpan().ToUpperInvariant(into);
        var at = 0;
        var inWord = false;
        for (var i = 0; i < upper; i++)
        {
            var c = into[i];
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
                continue;
            }

            if (!inWord && at > 0)
            {
                into[at++] = ' ';
            }

            inWord = true;
            into[at++] = c;
        }

        return at;
    }

    private static int Digits(Span<char> into, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        return width;
    }

    private static UInt128 Sha(ReadOnlySpan<char> line)
    {
        var most = Encoding.UTF8.GetMaxByteCount(line.Length);
        byte[]? rented = null;
        Span<byte> bytes = most <= 768 ? stackalloc byte[most] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(line, bytes)], hash);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The key as stored: "fp:" and the 128 bits as 32 lower-case hex digits.</summary>
    public static string Format(UInt128 hash) => "fp:" + hash.ToString("x32", CultureInfo.InvariantCulture);
}
