using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Recovery.Domain;

namespace Reeve.Recovery;

/// <summary>A notice row as the run recorded it.</summary>
internal sealed record RecordedNotice(long NoticeId, FinancialYear Year, RecoveryStep Step, LocalDate Date, LocalDate? Hearing);

/// <summary>One account's financial year, as the recovery run reads it from the database.</summary>
internal sealed class AccountYear(long accountId, string reference, AccountKind kind, FinancialYear year)
{
    public long AccountId { get; } = accountId;
    public string Reference { get; } = reference;
    public AccountKind Kind { get; } = kind;
    public FinancialYear Year { get; } = year;
    public List<Instalment> Instalments { get; } = [];
    public List<Payment> Payments { get; } = [];
    public List<Hold> Holds { get; } = [];
    public List<(HoldReason Reason, LocalDate From, LocalDate? To, string Note)> HoldsInForce { get; } = [];
    public List<RecordedNotice> Notices { get; } = [];
}
