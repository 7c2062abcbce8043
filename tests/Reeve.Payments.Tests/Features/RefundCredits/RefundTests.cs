using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
using Reeve.Payments.Domain.Refunds;
using Reeve.Payments.Tests.Domain.Modulus;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class RefundsOnSqlite() : RefundTests(new SqliteEngine());

public sealed class RefundsOnPostgres() : RefundTests(new PostgresEngine());

public abstract class RefundTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private const string Leader = "t.leader";
    private static readonly LocalDate Today = new(2025, 6, 2);

    // Charged £100.00 for 2025/26 and paid £160.00: £60.00 in credit.
    private async Task<Account> InCreditAsync()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, 10_000);
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx, [Entries.Payment(account, Money.FromPence(16_000))], Now));
        return account;
    }

    private Task<Outcome<Refund>> ToBankAsync(Account account, string amount, LocalDate? on = null, string sortCode = "107999", string accountNumber = "88837491", string officer = Officer) =>
        RequestRefund.RequestAsync(Db, ModulusCheckTests.Table,
            new RequestRefund.Request(Council, account.Reference.Value, amount, RefundMethod.Bank, sortCode, accountNumber, "S Hart", null, "Overpaid after moving out", officer, null),
            on ?? Today, Now);

    private Task<Outcome<Refund>> ToCardAsync(Account account, string amount) =>
        RequestRefund.RequestAsync(Db, ModulusCheckTests.Table,
            new RequestRefund.Request(Council, account.Reference.Value, amount, RefundMethod.Card, null, null, null, "pay-abc123", "Paid twice by card", Officer, null),
            Today, Now);

    private Task<Outcome<Refund>> DecideAsync(Refund refund, bool approve, string? note, string officer = Leader, Role role = Role.TeamLeader) =>
        DecideRefund.DecideAsync(Db, Council, refund.RefundId, approve, note, officer, role, null, Today, Now);

    private async Task<IReadOnlyList<PostedEntry>> RefundEntriesAsync(Account account) =>
        (await EntriesAsync(account)).Where(e => e.Kind == EntryKind.Refund).ToList();

    [Fact]
    public async Task A_card_refund_within_the_limit_is_approved_and_posted_at_once_with_a_letter_due()
    {
        await SetLimitAsync(5_000);
        var account = await InCreditAsync();

        var refund = (await ToCardAsync(account, "40.00")).ShouldBeOfType<Outcome<Refund>.Done>().Value;

        refund.Status.ShouldBe(RefundStatus.Approved);
        (await RefundEntriesAsync(account)).ShouldHaveSingleItem().Amount.ShouldBe(Money.FromPence(4_000));
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(-2_000));
        var events = await ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, account.AccountId));
        events.ShouldContain(e => e.Kind == DecideRefund.LetterDueKind && e.Summary.Contains("refund", StringComparison.Ordinal));
        var letter = (await ReadAsync(c => Reeve.Letters.LetterRequests.ForAccountAsync(c, Council, account.AccountId))).ShouldHaveSingleItem();
        letter.Type.ShouldBe(Reeve.Letters.LetterType.RefundLetter);
        letter.SourceKey.ShouldBe($"refund:{refund.RefundId}");
        letter.Fields.ShouldBeOfType<Reeve.Letters.RefundFields>().Amount.ShouldBe(Money.FromPence(4_000));
    }

    [Fact]
    public async Task A_refund_above_the_limit_waits_for_a_team_leader_who_is_not_the_requester()
    {
        await SetLimitAsync(2_000);
        var account = await InCreditAsync();
        var refund = (await ToCardAsync(account, "50.00")).ShouldBeOfType<Outcome<Refund>.Done>().Value;
        refund.Status.ShouldBe(RefundStatus.AwaitingApproval);
        (await RefundEntriesAsync(account)).ShouldBeEmpty();
        // The refund waits on the work queue for a second officer until it is decided.
        var queued = (await QueuedAsync(ApprovalWork.RefundSource, ApprovalWork.Key(refund.RefundId))).ShouldNotBeNull();
        (queued.State, queued.Kind, queued.AccountId, queued.Deadline).ShouldBe((Reeve.Work.WorkState.Open, "Refund to approve", (long?)account.AccountId, new NodaTime.LocalDate(2025, 4, 3)));

        (await DecideAsync(refund, true, null, officer: Officer)).ShouldBeOfType<Outcome<Refund>.Conflict>();
        (await DecideAsync(refund, true, null, officer: "another.officer", role: Role.Officer)).ShouldBeOfType<Outcome<Refund>.Conflict>();
        (await RefundEntriesAsync(account)).ShouldBeEmpty();

        var approved = (await DecideAsync(refund, true, null)).ShouldBeOfType<Outcome<Refund>.Done>().Value;
        approved.Status.ShouldBe(RefundStatus.Approved);
        approved.DecidedBy.ShouldBe(Leader);
        (await QueuedAsync(ApprovalWork.RefundSource, ApprovalWork.Key(refund.RefundId)))!.State.ShouldBe(Reeve.Work.WorkState.Closed);
        (await RefundEntriesAsync(account)).ShouldHaveSingleItem().Amount.ShouldBe(Money.FromPence(5_000));
        (await DecideAsync(refund, true, null)).ShouldBeOfType<Outcome<Refund>.Conflict>();
        (await RefundEntriesAsync(account)).Count.ShouldBe(1);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from audit_log where subject_id = @r and detail like 'Approved refund%'",
            new { r = account.Reference.Value }))).ShouldBe(1);
    }

    [Fact]
    public async Task A_system_administrator_may_not_approve_a_refund_however_small()
    {
        // Administration is kept apart from money: an administrator has no approval limit at all.
        await SetLimitAsync(2_000);
        var account = await InCreditAsync();
        var refund = (await ToCardAsync(account, "50.00")).ShouldBeOfType<Outcome<Refund>.Done>().Value;

        var refused = (await DecideAsync(refund, true, null, officer: "admin", role: Role.SystemAdministrator)).ShouldBeOfType<Outcome<Refund>.Conflict>();

        refused.Message.ShouldContain("administrator");
        (await RefundEntriesAsync(account)).ShouldBeEmpty();
        (await ReadAsync(c => RefundStore.GetAsync(c, null, Council, refund.RefundId))).ShouldNotBeNull().Status.ShouldBe(RefundStatus.AwaitingApproval);
    }

    [Fact]
    public async Task A_refund_to_bank_details_given_in_the_last_30_days_is_held_until_reviewed()
    {
        await SetLimitAsync(100_000);
        var account = await InCreditAsync();

        var refund = (await ToBankAsync(account, "10.00")).ShouldBeOfType<Outcome<Refund>.Done>().Value;

        refund.Status.ShouldBe(RefundStatus.HeldForReview);
        (await DecideAsync(refund, true, "  ")).ShouldBeOfType<Outcome<Refund>.Invalid>().Field.ShouldBe("note");
        (await DecideAsync(refund, true, "Rang the payer on the number held since 2019")).ShouldBeOfType<Outcome<Refund>.Done>()
            .Value.Status.ShouldBe(RefundStatus.Approved);
        (await RefundEntriesAsync(account)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_same_bank_details_more_than_30_days_later_are_not_held()
    {
        await SetLimitAsync(100_000);
        var account = await InCreditAsync();
        var first = (await ToBankAsync(account, "10.00", on: Today)).ShouldBeOfType<Outcome<Refund>.Done>().Value;
        (await DecideAsync(first, false, "Payer asked us to wait")).ShouldBeOfType<Outcome<Refund>.Done>();

        (await ToBankAsync(account, "10.00", on: Today.PlusDays(29))).ShouldBeOfType<Outcome<Refund>.Done>().Value.Status.ShouldBe(RefundStatus.HeldForReview);
        var later = (await ToBankAsync(account, "10.00", on: Today.PlusDays(30))).ShouldBeOfType<Outcome<Refund>.Done>().Value;
        later.Status.ShouldBe(RefundStatus.Approved);

        // Changing the details starts the 30 days again.
        (await ToBankAsync(account, "10.00", on: Today.PlusDays(40), sortCode: "089999", accountNumber: "66374958"))
            .ShouldBeOfType<Outcome<Refund>.Done>().Value.Status.ShouldBe(RefundStatus.HeldForReview);
    }

    [Fact]
    public async Task A_refund_more_than_the_free_credit_or_to_an_invalid_account_is_refused()
    {
        var account = await InCreditAsync();

        (await ToCardAsync(account, "60.01")).ShouldBeOfType<Outcome<Refund>.Invalid>().Field.ShouldBe("amount");
        (await ToBankAsync(account, "10.00", accountNumber: "88837493")).ShouldBeOfType<Outcome<Refund>.Invalid>().Field.ShouldBe("accountNumber");
        await SetLimitAsync(0);
        (await ToCardAsync(account, "50.00")).ShouldBeOfType<Outcome<Refund>.Done>();

        // £50.00 is waiting for approval, so only £10.00 is free.
        (await ToCardAsync(account, "10.01")).ShouldBeOfType<Outcome<Refund>.Invalid>().Message.ShouldContain("£10.00");
        (await CountAsync("refund_request")).ShouldBe(1);
    }

    [Fact]
    public async Task Approved_bank_refunds_are_paid_once_in_a_standard_18_credit_file()
    {
        await SetLimitAsync(100_000);
        var account = await InCreditAsync();
        var refund = (await ToBankAsync(account, "25.00")).ShouldBeOfType<Outcome<Refund>.Done>().Value;
        await DecideAsync(refund, true, "Confirmed by phone");
        // Made on 1 April 2025 (the clock) for Thursday 3 April.
        var processing = new LocalDate(2025, 4, 3);

        var run = (await PayRefunds.PayAsync(Db, Council, processing, WorkingDays.EnglandAndWales, Officer, Now))
            .ShouldBeOfType<Outcome<PayRefunds.Run>.Done>().Value;

        run.Refunds.ShouldHaveSingleItem().RefundId.ShouldBe(refund.RefundId);
        var lines = run.File.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var credit = lines.Where(l => l.Length == 100 && l.Substring(15, 2) == "99").ShouldHaveSingleItem();
        credit[..14].ShouldBe("10799988837491");
        credit[35..46].ShouldBe("00000002500");
        lines.Count(l => l.Length == 100 && l.Substring(15, 2) == "17" && l.Contains("CONTRA", StringComparison.Ordinal)).ShouldBe(1);
        (await ReadAsync(c => RefundStore.GetAsync(c, null, Council, refund.RefundId)))!.Status.ShouldBe(RefundStatus.Paid);

        var again = (await PayRefunds.PayAsync(Db, Council, processing, WorkingDays.EnglandAndWales, Officer, Now))
            .ShouldBeOfType<Outcome<PayRefunds.Run>.Done>().Value;
        again.AlreadyMade.ShouldBeTrue();
        again.File.ShouldBe(run.File);
        (await PayRefunds.PayAsync(Db, Council, processing.PlusDays(1), WorkingDays.EnglandAndWales, Officer, Now))
            .ShouldBeOfType<Outcome<PayRefunds.Run>.NotFound>();
        (await RefundEntriesAsync(account)).ShouldHaveSingleItem();
    }
}
