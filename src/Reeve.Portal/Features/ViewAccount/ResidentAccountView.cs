using System.Data.Common;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Letters;
using Reeve.Properties;
using Reeve.Recovery;
using Reeve.Recovery.Domain;

namespace Reeve.Portal.Features.ViewAccount;

/// <summary>A payment as the resident sees it: when, how much, and whether it was later taken back (a bounced cheque, an unpaid Direct Debit).</summary>
public sealed record PaymentSeen(LocalDate On, Money Amount, FinancialYear Year, bool TakenBack);

/// <summary>
/// Everything the portal's account page shows, read through the owners' queries: the balance by year (Ledger), the
/// bills and their working (the stream's <see cref="IBillExplanations"/>), the payments (Ledger), where recovery stands
/// and why (Recovery's own preview of today's run for this account), the holds in force, and the letters sent (Letters).
/// </summary>
public sealed record ResidentAccountView(
    Account Account,
    Property? Property,
    AccountMoney Money,
    IReadOnlyList<ExplainedBill> Bills,
    IReadOnlyList<PaymentSeen> Payments,
    IReadOnlyList<RecoveryRunLine> Recovery,
    IReadOnlyList<AccountHold> Holds,
    IReadOnlyList<StoredNotice> Letters)
{
    public static async Task<ResidentAccountView> LoadAsync(DbConnection connection, Account account, LocalDate today, string actor, CancellationToken ct)
    {
        var council = account.Council;
        var property = account.Uprn is { } uprn ? await PropertyStore.GetAsync(connection, council, uprn) : null;
        var money = (await AccountMoney.ForAccountsAsync(connection, council, [account.AccountId]))[account.AccountId];
        var entries = await ReadAccountLedger.EntriesAsync(connection, council, account.AccountId);
        var reversed = entries.Where(e => e.ReversesEntryId is not null).Select(e => e.ReversesEntryId!.Value).ToHashSet();
        var payments = entries.Where(e => e.Kind == EntryKind.Payment)
            .OrderByDescending(e => e.EffectiveDate)
            .Select(e => new PaymentSeen(e.EffectiveDate, e.Amount, e.Year, reversed.Contains(e.EntryId)))
            .ToList();
        var recovery = await PreviewRecoveryRun.HandleAsync(connection, null, new RecoveryRunOptions(council, today, today, actor, OnlyAccount: account.AccountId), ct)
            is Outcome<RecoveryRunReport>.Done { Value: var report }
            ? report.Lines.Where(l => l.Stage != RecoveryStages.UpToDate).OrderByDescending(l => l.Year.StartYear).ToList()
            : [];
        var holds = (await AccountHolds.ForAccountAsync(connection, council, account.AccountId)).Where(h => h.InForceOn(today)).ToList();
        var letters = (await NoticeStore.ForAccountAsync(connection, council, account.AccountId))
            .Where(n => n.Channel == Channel.Letter)
            .OrderByDescending(n => n.IssuedOn).ThenByDescending(n => n.NoticeId).ToList();
        return new ResidentAccountView(account, property, money, await BillExplanations.CurrentBillsAsync(connection, account), payments, recovery, holds, letters);
    }
}
