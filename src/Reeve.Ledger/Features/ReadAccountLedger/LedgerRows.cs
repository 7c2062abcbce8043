#pragma warning disable IDE1006, CA1707 // column names as the database spells them
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>The shape of a ledger_entry row as Dapper reads it, turned into a <see cref="PostedEntry"/>.</summary>
internal sealed class LedgerRow
{
    public int council_id { get; set; }
    public long entry_id { get; set; }
    public long account_id { get; set; }
    public string kind { get; set; } = "";
    public string debit_book { get; set; } = "";
    public string credit_book { get; set; } = "";
    public long amount_pence { get; set; }
    public int financial_year { get; set; }
    public LocalDate effective_date { get; set; }
    public Instant posted_at { get; set; }
    public string posted_by { get; set; } = "";
    public string reason { get; set; } = "";
    public string source_rule { get; set; } = "";
    public long? reverses_entry_id { get; set; }
    public string? idempotency_key { get; set; }

    public const string Select =
        "select council_id, entry_id, account_id, kind, debit_book, credit_book, amount_pence, financial_year, effective_date, posted_at, posted_by, reason, source_rule, reverses_entry_id, idempotency_key from ledger_entry";

    public PostedEntry ToEntry() => new(
        new CouncilId(council_id), entry_id, account_id, EntryKinds.FromCode(kind), Books.FromCode(debit_book),
        Books.FromCode(credit_book), Money.FromPence(amount_pence), new FinancialYear(financial_year),
        effective_date, posted_at, posted_by, reason, source_rule,
        reverses_entry_id, idempotency_key);
}
