using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class ReverseLedgerEntryOnSqlite() : ReverseLedgerEntryTests(new SqliteEngine());

public sealed class ReverseLedgerEntryOnPostgres() : ReverseLedgerEntryTests(new PostgresEngine());

/// <summary>
/// Issue 19: a reversal that lowers what is owed is a write-off by another name, so it takes the council's approval
/// limit and a second officer, as refunds do; one that raises what is owed (a payment that bounced) posts at once.
/// </summary>
public abstract class ReverseLedgerEntryTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private const string Leader = "t.leader";
    private static readonly LocalDate Today = new(2025, 6, 2);

    private async Task<(Account Account, PostedEntry Bill)> BilledAsync(long pence)
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2025, pence);
        return (account, (await EntriesAsync(account)).Single(e => e.Kind == EntryKind.Charge));
    }

    private Task<Outcome<ReverseLedgerEntry.Result>> ReverseAsync(Account account, long entryId, string officer = Officer, Role role = Role.Officer) =>
        InTransactionAsync((c, tx) => ReverseLedgerEntry.RequestAsync(c, tx,
            new ReverseLedgerEntry.Request(Council, account.Reference, entryId, "Billed in error", officer, role, "10.0.0.1"), Today, Now));

    private Task<Outcome<ReverseLedgerEntry.Result>> DecideAsync(long requestId, bool approve, string officer = Leader, Role role = Role.TeamLeader, string? note = null) =>
        InTransactionAsync((c, tx) => ReverseLedgerEntry.DecideAsync(c, tx, Council, requestId, approve, note, officer, role, "10.0.0.2", Today, Now));

    private async Task<int> ReversalsAsync(Account account) => (await EntriesAsync(account)).Count(e => e.Kind == EntryKind.Reversal);

    [Fact]
    public async Task Reversing_a_whole_annual_bill_above_the_limit_waits_for_a_second_officer_and_changes_nothing_until_then()
    {
        await SetLimitAsync(25_000);
        var (account, bill) = await BilledAsync(180_000);

        var asked = (await ReverseAsync(account, bill.EntryId)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value;

        asked.Posted.ShouldBeNull();
        asked.WaitingRequestId.ShouldNotBeNull();
        (await ReversalsAsync(account)).ShouldBe(0);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(180_000));
        var waiting = (await ReadAsync(c => ReverseLedgerEntry.WaitingAsync(c, Council))).ShouldHaveSingleItem();
        waiting.EntryId.ShouldBe(bill.EntryId);
        waiting.Amount.ShouldBe(Money.FromPence(180_000));
        waiting.RequestedBy.ShouldBe(Officer);
    }

    [Fact]
    public async Task The_requester_an_officer_and_an_administrator_may_not_approve_and_a_team_leader_may()
    {
        await SetLimitAsync(25_000);
        var (account, bill) = await BilledAsync(180_000);
        var id = (await ReverseAsync(account, bill.EntryId)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value.WaitingRequestId!.Value;

        (await DecideAsync(id, true, officer: Officer, role: Role.TeamLeader)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Conflict>();
        (await DecideAsync(id, true, officer: "another.officer", role: Role.Officer)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Conflict>();
        (await DecideAsync(id, true, officer: "admin", role: Role.SystemAdministrator)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Conflict>()
            .Message.ShouldContain("administrator");
        (await ReversalsAsync(account)).ShouldBe(0);
        (await QueuedAsync(ApprovalWork.ReversalSource, ApprovalWork.Key(id))).ShouldNotBeNull().State.ShouldBe(Reeve.Work.WorkState.Open);

        var approved = (await DecideAsync(id, true)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value;
        (await QueuedAsync(ApprovalWork.ReversalSource, ApprovalWork.Key(id)))!.State.ShouldBe(Reeve.Work.WorkState.Closed);

        approved.Posted.ShouldNotBeNull().ReversesEntryId.ShouldBe(bill.EntryId);
        (await BalanceAsync(account)).ShouldBe(Money.Zero);
        (await DecideAsync(id, true)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Conflict>();
        (await ReversalsAsync(account)).ShouldBe(1);
        (await ReadAsync(c => ReverseLedgerEntry.WaitingAsync(c, Council))).ShouldBeEmpty();
        (await ReadAsync(c => c.ExecuteScalarAsync<long>(
            "select count(*) from audit_log where officer = @Leader and detail like 'Approved the reversal%'", new { Leader }))).ShouldBe(1);
    }

    [Fact]
    public async Task A_rejected_reversal_needs_a_reason_and_posts_nothing()
    {
        await SetLimitAsync(25_000);
        var (account, bill) = await BilledAsync(180_000);
        var id = (await ReverseAsync(account, bill.EntryId)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value.WaitingRequestId!.Value;

        (await DecideAsync(id, false)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Invalid>().Field.ShouldBe("note");
        (await DecideAsync(id, false, note: "The bill was right")).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value.Posted.ShouldBeNull();

        (await ReversalsAsync(account)).ShouldBe(0);
        (await ReadAsync(c => ReverseLedgerEntry.WaitingAsync(c, Council))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Reversing_a_charge_within_the_limit_posts_at_once()
    {
        await SetLimitAsync(25_000);
        var (account, bill) = await BilledAsync(20_000);

        var done = (await ReverseAsync(account, bill.EntryId)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value;

        done.Posted.ShouldNotBeNull();
        (await BalanceAsync(account)).ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task Reversing_a_payment_raises_what_is_owed_and_posts_at_once_whatever_its_size()
    {
        await SetLimitAsync(2_500);
        var (account, _) = await BilledAsync(180_000);
        await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx, [Entries.Payment(account, Money.FromPence(100_000))], Now));
        var payment = (await EntriesAsync(account)).Single(e => e.Kind == EntryKind.Payment);

        var done = (await ReverseAsync(account, payment.EntryId)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>().Value;

        done.Posted.ShouldNotBeNull();
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(180_000));
    }

    [Fact]
    public async Task An_administrator_may_not_reverse_anything()
    {
        var (account, bill) = await BilledAsync(1_000);

        var refused = (await ReverseAsync(account, bill.EntryId, officer: "admin", role: Role.SystemAdministrator))
            .ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Conflict>();

        refused.Message.ShouldContain("administrator");
        (await ReversalsAsync(account)).ShouldBe(0);
    }

    [Fact]
    public async Task A_second_request_to_reverse_an_entry_already_waiting_is_refused()
    {
        await SetLimitAsync(25_000);
        var (account, bill) = await BilledAsync(180_000);
        (await ReverseAsync(account, bill.EntryId)).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Done>();

        (await ReverseAsync(account, bill.EntryId, officer: "other.clerk")).ShouldBeOfType<Outcome<ReverseLedgerEntry.Result>.Conflict>();
    }
}
