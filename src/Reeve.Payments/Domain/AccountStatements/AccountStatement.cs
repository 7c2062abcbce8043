using System.Globalization;
using System.Text;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;

namespace Reeve.Payments.Domain.AccountStatements;

/// <summary>One ledger entry on a statement, with the balance after it.</summary>
public sealed record StatementLine(LocalDate Date, long EntryId, EntryKind Kind, string Description, FinancialYear Year, Money Debit, Money Credit, Money Balance);

/// <summary>
/// An account's statement for a period, derived from its ledger alone: the balance brought forward from every
/// entry effective before the period, each entry effective in it (by date, then as posted) with a running
/// balance, and the balance carried forward. A debit raises what is owed; a credit lowers it.
/// </summary>
public sealed record AccountStatement(AccountReference Account, DateInterval Period, Money Opening, IReadOnlyList<StatementLine> Lines, Money Closing)
{
    public Money TotalDebits => Money.Sum(Lines.Select(l => l.Debit));

    public Money TotalCredits => Money.Sum(Lines.Select(l => l.Credit));

    public static AccountStatement Build(AccountReference account, DateInterval period, IEnumerable<PostedEntry> entries)
    {
        var all = entries.ToList();
        var opening = Money.Sum(all.Where(e => e.EffectiveDate < period.Start).Select(e => e.EffectOnAccount));
        var balance = opening;
        var lines = new List<StatementLine>();
        foreach (var e in all.Where(e => period.Contains(e.EffectiveDate)).OrderBy(e => e.EffectiveDate).ThenBy(e => e.EntryId))
        {
            var effect = e.EffectOnAccount;
            balance += effect;
            lines.Add(new StatementLine(e.EffectiveDate, e.EntryId, e.Kind, e.Reason, e.Year,
                effect.IsPositive ? effect : Money.Zero, effect.IsNegative ? -effect : Money.Zero, balance));
        }

        return new AccountStatement(account, period, opening, lines, balance);
    }

    /// <summary>The statement as CSV (RFC 4180): a brought-forward row, one row per entry, a carried-forward row; amounts in pounds.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.Append("date,entry,kind,description,financial_year,debit,credit,balance\r\n");
        Row(csv, Period.Start, "", "", "Balance brought forward", "", Money.Zero, Money.Zero, Opening);
        foreach (var l in Lines)
        {
            Row(csv, l.Date, l.EntryId.ToString(CultureInfo.InvariantCulture), l.Kind.Code(), l.Description, l.Year.ToString(), l.Debit, l.Credit, l.Balance);
        }

        Row(csv, Period.End, "", "", "Balance carried forward", "", TotalDebits, TotalCredits, Closing);
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, LocalDate date, string entry, string kind, string description, string year, Money debit, Money credit, Money balance) =>
        csv.Append(CultureInfo.InvariantCulture,
            $"{date:uuuu-MM-dd},{entry},{kind},{Quote(description)},{year},{Pounds(debit)},{Pounds(credit)},{Pounds(balance)}\r\n");

    private static string Pounds(Money m) => m.ToPlainString();

    // A spreadsheet runs a cell that starts with =, +, - or @ as a formula: such text is prefixed with a quote (OWASP CSV injection).
    private static string Quote(string text)
    {
        var safe = text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
