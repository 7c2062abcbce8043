using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Payments.Domain.Refunds;
using Reeve.Payments.Tests.Domain.Modulus;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class ApprovalLimitsOnSqlite() : ApprovalLimitTests(new SqliteEngine());

public sealed class ApprovalLimitsOnPostgres() : ApprovalLimitTests(new PostgresEngine());

/// <summary>
/// Decision 0062: each officer's own approval limit (else the council's) decides what they may do alone, and an approver
/// approves only within their own limit; a System Administrator or an Auditor never approves. For both money steps that
/// ask a second officer: refunds and reversals that lower what is owed.
/// </summary>
public abstract class ApprovalLimitTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private static readonly LocalDate Today = new(2025, 6, 2);

    private Task OfficerAsync(string username, Role role, long? limitPence) =>
        InTransactionAsync(async (c, tx) =>
        {
            await OfficerStore.CreateAsync(c, tx, username, username, role, Council, [Council], "a-long-password-1", Now);
            return await c.ExecuteAsync("update officer set approval_limit_pence = @limitPence where username = @username", new { limitPence, username }, tx);
        });

    // Charged £100.00 and paid £600.00: £500.00 in credit.
    private async Task<Account> InCreditAsync()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 10_000);
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx, [Entries.Payment(account, Money.FromPence(60_000))], Now));
        return account;
    }

    private Task<Outcome<Refund>> RefundAsync(Account account, string amount, string officer) =>
        RequestRefund.RequestAsync(Db, ModulusCheckTests.Table,
            new RequestRefund.Request(Council, account.Reference.Value, amount, RefundMethod.Card, null, null, null, "pay-abc123", "Paid twice by card", officer, null),
            Today, Now);

    private Task<Outcome<Refund>> DecideRefundAsync(Refund refund, string officer, Role role) =>
        DecideRefund.DecideAsync(Db, Council, refund.RefundId, true, null, officer, role, null, Today, Now);

    private async Task<(Account Account, PostedEntry Bill)> BilledAsync(long pence)
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, pence);
        return (account, (await EntriesAsync(account)).Single(e => e.Kind == EntryKind.Charge));
    }

    private Task<Outcome<ReverseLedgerEntry.Result>> ReverseAsync(Account account, long entryId, string officer) =>
        InTransactionAsync((c, tx) => ReverseLedgerEntry.RequestAsync(c, tx,
            new ReverseLedgerEntry.Request(Council, account.Reference, entryId, "Billed in error", officer, Role.Officer, null), Today, Now));

    private Task<Outcome<ReverseLedgerEntry.Result>> DecideReversalAsync(long requestId, string officer, Role role) =>
        InTransactionAsync((c, tx) => ReverseLedgerEntry.DecideAsync(c, tx, Council, requestId, true, null, officer, role, null, Today, Now));

    [Fact]
    public async Task A_refund_is_approved_only_by_a_team_leader_whose_own_limit_covers_it_and_never_by_an_administrator_or_auditor()
    {
        await SetLimitAsync(5_000);
        await OfficerAsync("small.leader", Role.TeamLeader, 20_000);
        await OfficerAsync("big.manager", Role.Manager, 100_000);
        await OfficerAsync("admin", Role.SystemAdministrator, null);
        await OfficerAsync("auditor", Role.Auditor, null);
        var account = await InCreditAsync();
        var refund = (await RefundAsync(account, "300.00", Officer)).ShouldBeOfType<Outcome<Refund>.Done>().Value;
        refund.Status.ShouldBe(RefundStatus.AwaitingApproval);

        (await DecideRefundAsync(refund, "small.leader", Role.TeamLeader)).ShouldBeOfType<Outcome<Refund>.Conflict>()
            .Message.ShouldBe("£300.00 is above your approval limit of £200.00: ask a Team Leader or Manager whose limit covers it");
        (await DecideRefundAsync(refund, "admin", Role.SystemAdministrator)).ShouldBeOfType<Outcome<Refund>.Conflict>().Message.ShouldContain("System Administrator");
        (await DecideRefundAsync(refund, "auditor", Role.Auditor)).ShouldBeOfType<Outcome<Refund>.Conflict>().Message.ShouldContain("Only a Team Leader or Manager");
        (await RefundStore.GetAsync(await Db.OpenAsync(), null, Council, refund.RefundId))!.Status.ShouldBe(RefundStatus.AwaitingApproval);

        (await DecideRefundAsync(refund, "big.manager", Role.Manager)).ShouldBeOfType<Outcome<Refund>.Done>().Value.Status.ShouldBe(RefundStatus.Approved);
        (await EntriesAsync(account)).Count(e => e.Kind == EntryKind.Refund).ShouldBe(1);
    }

    [Fact]
    public async Task A_refund_is_held_to_the_asking_officer_s_own_limit_and_one_without_a_limit_to_the_council_s()
    {
        await SetLimitAsync(5_000);
        await OfficerAsync("trusted", Role.Officer, 40_000);
        await OfficerAsync("new.starter", Role.Officer, 0);
        await OfficerAsync("no.limit", Role.Officer, null);
        var account = await InCreditAsync();

        (await RefundAsync(account, "300.00", "trusted")).ShouldBeOfType<Outcome<Refund>.Done>().Value.Status.ShouldBe(RefundStatus.Approved);
        (await RefundAsync(account, "10.00", "new.starter")).ShouldBeOfType<Outcome<Refund>.Done>().Value.Status.ShouldBe(RefundStatus.AwaitingApproval);
        (await RefundAsync(account, "40.00", "no.limit")).ShouldBeOfType<Outcome<Refund>.Done>().Value.Status.ShouldBe(RefundStatus.Approved);
        (await RefundAsync(account, "60.00", "no.limit")).ShouldBeOfType<Outcome<Refund>.Done>().Value.Status.ShouldBe(RefundStatus.AwaitingApproval);
    }

    [Fact]
    public async Task A_reversal_is_approved_only_within_the_approver_s_own_limit_and_never_by_an_administrator_or_auditor()
    {
        await SetLimitAsync(25_000);
        await OfficerAsync("small.leader", Role.TeamLeader, 100_000);
        await OfficerAsync("big.manager", Role.Manager, 500_000);
        await OfficerAsync("auditor", Role.Auditor, null);
        var (account, bill) = await BilledAsync(180_000);
        var requestId = (await ReverseAsync(account, bill.EntryId, Officer)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value.WaitingRequestId!.Value;

        (await DecideReversalAsync(requestId, "small.leader", Role.TeamLeader)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Conflict>()
            .Message.ShouldBe("£1,800.00 is above your approval limit of £1,000.00: ask a Team Leader or Manager whose limit covers it");
        (await DecideReversalAsync(requestId, "auditor", Role.Auditor)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Conflict>();
        (await DecideReversalAsync(requestId, "admin", Role.SystemAdministrator)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Conflict>()
            .Message.ShouldContain("System Administrator");
        (await EntriesAsync(account)).Count(e => e.Kind == EntryKind.Reversal).ShouldBe(0);

        (await DecideReversalAsync(requestId, "big.manager", Role.Manager)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>();
        (await EntriesAsync(account)).Count(e => e.Kind == EntryKind.Reversal).ShouldBe(1);
        (await BalanceAsync(account)).ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task A_reversal_is_held_to_the_asking_officer_s_own_limit_and_one_without_a_limit_to_the_council_s()
    {
        await SetLimitAsync(25_000);
        await OfficerAsync("trusted", Role.Officer, 200_000);
        await OfficerAsync("new.starter", Role.Officer, 0);
        var (first, firstBill) = await BilledAsync(180_000);
        var (second, secondBill) = await BilledAsync(10_000);
        var (third, thirdBill) = await BilledAsync(180_000);

        var posted = (await ReverseAsync(first, firstBill.EntryId, "trusted")).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value;
        posted.Posted.ShouldNotBeNull();
        (await ReadAsync(c => c.QuerySingleAsync<string>("select detail from audit_log where officer = 'trusted'")))
            .ShouldContain("within your approval limit of £2,000.00");
        var waits = (await ReverseAsync(second, secondBill.EntryId, "new.starter")).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value;
        waits.WaitingRequestId.ShouldNotBeNull();
        waits.Message.ShouldContain("your approval limit of £0.00");
        (await ReverseAsync(third, thirdBill.EntryId, Officer)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value
            .Message.ShouldContain("the council's approval limit of £250.00");
    }
}
