#pragma warning disable IDE1006, CA1707 // column names as the database spells them
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>A ledger_line row with its posting's who, when, why and rule, as Dapper reads it, turned into a <see cref="PostedEntry"/>.</summary>
internal sealed class LedgerRow
{
    public int council_id { get; set; }
    public long entry_id { get; set; }
    public long account_id { get; set; }
    public short kind { get; set; }
    public short debit_book { get; set; }
    public short credit_book { get; set; }
    public long amount_pence { get; set; }
    public short financial_year { get; set; }
    public LocalDate effective_date { get; set; }
    public Instant posted_at { get; set; }
    public string posted_by { get; set; } = "";
    public string reason { get; set; } = "";
    public string source_rule { get; set; } = "";
    public long? reverses_entry_id { get; set; }
    public string? idempotency_key { get; set; }

    /// <summary>Every entry with its posting; the caller adds the conditions on <c>e</c> (the line), starting with "where".</summary>
    public const string Select =
        "select e.council_id, e.entry_id, e.account_id, e.kind, e.debit_book, e.credit_book, e.amount_pence, e.financial_year, e.effective_date, " +
        "p.posted_at, p.posted_by, p.reason, p.source_rule, e.reverses_entry_id, e.idempotency_key " +
        "from ledger_line e join ledger_posting p on p.council_id = e.council_id and p.posting_id = e.posting_id";

    public PostedEntry ToEntry() => new(
        new CouncilId(council_id), entry_id, account_id, EntryKinds.FromNumber(kind), Books.FromNumber(debit_book),
        Books.FromNumber(credit_book), Money.FromPence(amount_pence), new FinancialYear(financial_year),
        effective_date, posted_at, posted_by, reason, source_rule,
        reverses_entry_id, idempotency_key);
}
