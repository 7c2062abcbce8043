using System.Xml.Linq;
using NodaTime;
using Reeve.Kernel;
using Reeve.Payments.Domain.Reports;
using static Reeve.Payments.Domain.Reports.ReportXml;

namespace Reeve.Payments.Domain.Statements;

/// <summary>One transaction inside a booked entry; a batched Bacs credit has many (formats.md 5.1).</summary>
public sealed record CamtTransaction(Money Amount, string? EndToEndId, string? DebtorName, string RemittanceText);

/// <summary>A booked entry. <see cref="Amount"/> is signed: positive is money in (CRDT), negative money out (DBIT).</summary>
public sealed record CamtEntry(
    string BankReference,
    Money Amount,
    bool IsReversal,
    LocalDate BookingDate,
    LocalDate? ValueDate,
    string Narrative,
    IReadOnlyList<CamtTransaction> Transactions);

public sealed record Camt053Statement(
    string MessageId,
    string StatementId,
    string Account,
    Money? OpeningBalance,
    Money? ClosingBalance,
    IReadOnlyList<CamtEntry> Entries)
{
    /// <summary>
    /// Reads the posting subset of a camt.053 statement (formats.md 5.1), whatever the schema version: elements
    /// are matched by local name. The control totals (TxsSummry) and the balances, where present, must agree
    /// with the entries, so a truncated or altered statement is refused, naming the element.
    /// </summary>
    public static Outcome<Camt053Statement> Parse(string xml) => ReportXml.Parse(xml, doc =>
    {
        var root = doc.Root is { Name.LocalName: "Document" } r ? r : throw new ReportFormatException("Document", "The root element must be Document");
        const string at = "Document/BkToCstmrStmt";
        var statementRoot = Child(root, "BkToCstmrStmt", "Document");
        var messageId = Text(Child(Child(statementRoot, "GrpHdr", at), "MsgId", at + "/GrpHdr"), at + "/GrpHdr/MsgId");
        var statements = Children(statementRoot, "Stmt").ToList();
        if (statements.Count != 1)
        {
            throw new ReportFormatException(at + "/Stmt", $"Expected one statement, found {statements.Count}");
        }

        var stmt = statements[0];
        var stmtAt = at + "/Stmt";
        var id = Text(Child(stmt, "Id", stmtAt), stmtAt + "/Id");
        var acctId = Child(Child(stmt, "Acct", stmtAt), "Id", stmtAt + "/Acct");
        var account = acctId.Descendants().FirstOrDefault(e => e.Name.LocalName is "IBAN" or "Id" && !e.HasElements)?.Value.Trim()
            ?? throw new ReportFormatException(stmtAt + "/Acct/Id", "The account has no IBAN or other identifier");

        var entries = new List<CamtEntry>();
        var ntries = Children(stmt, "Ntry").ToList();
        for (var n = 0; n < ntries.Count; n++)
        {
            entries.Add(ReadEntry(ntries[n], $"{stmtAt}/Ntry[{n + 1}]"));
        }

        // Control totals: TtlNtries/NbOfNtries and Sum (sum of absolute amounts).
        if (Children(stmt, "TxsSummry").FirstOrDefault() is { } summary && Children(summary, "TtlNtries").FirstOrDefault() is { } totals)
        {
            var totalsAt = stmtAt + "/TxsSummry/TtlNtries";
            if (Children(totals, "NbOfNtries").FirstOrDefault() is { } nb && Text(nb, totalsAt + "/NbOfNtries") != entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new ReportFormatException(totalsAt + "/NbOfNtries", $"The statement says {nb.Value} entries but has {entries.Count}");
            }

            if (Children(totals, "Sum").FirstOrDefault() is { } sum && Amount(sum, totalsAt + "/Sum") != Money.Sum(entries.Select(e => e.Amount.Abs())))
            {
                throw new ReportFormatException(totalsAt + "/Sum", $"The statement's sum {sum.Value} does not match its entries");
            }
        }

        var opening = Balance(stmt, stmtAt, "OPBD");
        var closing = Balance(stmt, stmtAt, "CLBD");
        if (opening is { } o && closing is { } c && o + Money.Sum(entries.Select(e => e.Amount)) != c)
        {
            throw new ReportFormatException(stmtAt + "/Bal", $"Opening balance {o} and the entries do not reach the closing balance {c}");
        }

        return new Camt053Statement(messageId, id, account, opening, closing, entries);
    });

    private static CamtEntry ReadEntry(XElement ntry, string at)
    {
        var amountElement = Child(ntry, "Amt", at);
        var amount = Amount(amountElement, at + "/Amt");
        var sign = Text(Child(ntry, "CdtDbtInd", at), at + "/CdtDbtInd") switch
        {
            "CRDT" => 1,
            "DBIT" => -1,
            var other => throw new ReportFormatException(at + "/CdtDbtInd", $"'{other}' is not CRDT or DBIT"),
        };
        var reversal = Children(ntry, "RvslInd").FirstOrDefault()?.Value.Trim() == "true";
        var booking = DateOf(Child(ntry, "BookgDt", at), at + "/BookgDt");
        LocalDate? value = Children(ntry, "ValDt").FirstOrDefault() is { } v ? DateOf(v, at + "/ValDt") : null;
        var bankRef = Children(ntry, "AcctSvcrRef").FirstOrDefault()?.Value.Trim()
            ?? throw new ReportFormatException(at + "/AcctSvcrRef", "The entry has no bank reference to keep it from being posted twice");
        var narrative = Children(ntry, "AddtlNtryInf").FirstOrDefault()?.Value.Trim() ?? "";

        var transactions = new List<CamtTransaction>();
        var details = ntry.Elements().Where(e => e.Name.LocalName == "NtryDtls").SelectMany(d => Children(d, "TxDtls")).ToList();
        for (var t = 0; t < details.Count; t++)
        {
            var tx = details[t];
            var txAt = $"{at}/NtryDtls/TxDtls[{t + 1}]";
            var txAmount = tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "Amt" && e.Parent?.Name.LocalName is "TxAmt" or "TxDtls") is { } a
                ? Amount(a, AmountPath(a))
                : details.Count == 1 ? amount : throw new ReportFormatException(txAt + "/Amt", "A batched entry's transaction has no amount");
            var endToEnd = tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "EndToEndId")?.Value.Trim();
            var debtor = tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "Nm" && e.Parent?.Name.LocalName == "Dbtr")?.Value.Trim()
                ?? tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "Nm" && e.Parent?.Parent?.Name.LocalName == "Dbtr")?.Value.Trim();
            var remittance = string.Join(" ", tx.Descendants().Where(e => e.Name.LocalName is "Ustrd" || (e.Name.LocalName == "Ref" && e.Parent?.Name.LocalName == "CdtrRefInf")).Select(e => e.Value.Trim()));
            transactions.Add(new CamtTransaction(Money.FromPence(sign * txAmount.Pence), endToEnd, debtor, remittance));

            string AmountPath(XElement e) => e.Parent?.Name.LocalName == "TxAmt" ? txAt + "/AmtDtls/TxAmt/Amt" : txAt + "/Amt";
        }

        if (transactions.Count > 1 && Money.Sum(transactions.Select(t => t.Amount)) != Money.FromPence(sign * amount.Pence))
        {
            throw new ReportFormatException(at + "/NtryDtls", "The transactions do not add up to the entry's amount");
        }

        return new CamtEntry(bankRef, Money.FromPence(sign * amount.Pence), reversal, booking, value, narrative, transactions);
    }

    private static Money? Balance(XElement stmt, string at, string code)
    {
        foreach (var bal in Children(stmt, "Bal"))
        {
            if (bal.Descendants().Any(e => e.Name.LocalName == "Cd" && e.Value.Trim() == code))
            {
                var amount = Amount(Child(bal, "Amt", at + "/Bal"), $"{at}/Bal[{code}]/Amt");
                var indicator = Children(bal, "CdtDbtInd").FirstOrDefault()?.Value.Trim();
                return indicator == "DBIT" ? -amount : amount;
            }
        }

        return null;
    }

    private static string Text(XElement e, string at) =>
        string.IsNullOrWhiteSpace(e.Value) ? throw new ReportFormatException(at, "This element is blank") : e.Value.Trim();

    // ISO 20022 amounts are decimals, always positive; Reeve takes sterling only.
    private static Money Amount(XElement e, string at)
    {
        var ccy = e.Attribute("Ccy")?.Value;
        if (ccy is not null && ccy != "GBP")
        {
            throw new ReportFormatException(at + "/@Ccy", $"'{ccy}' is not sterling");
        }

        var text = e.Value.Trim();
        return text.All(c => char.IsAsciiDigit(c) || c == '.') && MoneyText.TryParse(text, out var money, out _)
            ? money
            : throw new ReportFormatException(at, $"'{text}' is not an amount in pounds and pence");
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
