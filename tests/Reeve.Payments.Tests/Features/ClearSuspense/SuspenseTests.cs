using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.Payments.Domain.Receipts;
using Reeve.Payments.Domain.Suspense;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class SuspenseOnSqlite() : SuspenseTests(new SqliteEngine());

public sealed class SuspenseOnPostgres() : SuspenseTests(new PostgresEngine());

public abstract class SuspenseTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private async Task<SuspenseItem> OnlyItemAsync() =>
        (await ReadAsync(c => SuspenseQueue.ListAsync(c, Council, null))).ShouldHaveSingleItem();

    private Task<Outcome<AllocateSuspenseItem.Allocated>> AllocateAsync(long itemId, string reference, string officer = Officer) =>
        AllocateSuspenseItem.AllocateAsync(Db, Council, itemId, reference, officer, Now);

    // An account at 1 Mill Lane, WD1 1AB, held by Sam Hart, with instalments of £120.50 due in 2025/26.
    private async Task<Account> HartAsync()
    {
        var pg = Db.IsPostgres;
        await using var c = await Db.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        await c.ExecuteAsync(
            "insert into property (council_id, uprn, address_line1, town, postcode, kind, search_key, created_at) values (1, 100, '1 Mill Lane', 'Wealdmoor', 'WD1 1AB', 'domestic', '1 MILL LANE', @now)",
            new { now = Now }, tx);
        var account = await AccountStore.OpenAsync(c, tx, Council, AccountKind.CouncilTax, 100, May1, "cash", Now);
        await c.ExecuteAsync("insert into party (council_id, party_id, kind, created_at) values (1, 7, 'person', @now)", new { now = Now }, tx);
        await c.ExecuteAsync(
            "insert into party_name (council_id, party_id, name_seq, forenames, surname, display_name, search_key, effective_from, reason, recorded_at, recorded_by) " +
            "values (1, 7, 1, 'Sam', 'Hart', 'Sam Hart', 'HART SAM', @from, 'test', @now, 'test')",
            new { from = May1, now = Now }, tx);
        await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(account.AccountId, 7, "liable", May1, null));
        await c.ExecuteAsync(
            "insert into bill (council_id, account_id, financial_year, version, issued_on, net_pence, reason, working, created_at) values (1, @id, 2025, 1, @issued, 120500, 'annual bill', '{}', @now)",
            new { id = account.AccountId, issued = new LocalDate(2025, 3, 1), now = Now }, tx);
        await c.ExecuteAsync(
            "insert into instalment (council_id, account_id, financial_year, version, seq, due_on, amount_pence) values (1, @id, 2025, 1, 1, @due, 12050)",
            new { id = account.AccountId, due = May1 }, tx);
        await tx.CommitAsync();
        return account;
    }

    [Fact]
    public async Task A_credit_in_suspense_waits_on_the_work_queue_until_it_is_allocated()
    {
        var account = await OpenAccountAsync();
        Imported(await ImportAsync(BankCsv(Line("NO REFERENCE", "25.50"))));
        var item = await OnlyItemAsync();
        var key = item.ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var waiting = (await QueuedAsync(SuspenseWork.Source, key)).ShouldNotBeNull();
        (waiting.State, waiting.Kind, waiting.Team).ShouldBe((Reeve.Work.WorkState.Open, SuspenseWork.Kind, Reeve.Work.WorkTeams.Payments));
        waiting.Title.ShouldStartWith("£25.50 paid");
        // Five working days from Tuesday 1 April 2025.
        waiting.Deadline.ShouldBe(new LocalDate(2025, 4, 8));

        await AllocateAsync(item.ItemId, account.Reference.Value);

        (await QueuedAsync(SuspenseWork.Source, key))!.State.ShouldBe(Reeve.Work.WorkState.Closed);
    }

    [Fact]
    public async Task Suspense_items_waiting_before_the_queue_come_in_through_the_backfill()
    {
        await OpenAccountAsync();
        Imported(await ImportAsync(BankCsv(Line("NO REFERENCE", "25.50"))));
        var item = await OnlyItemAsync();
        await ReadAsync(c => c.ExecuteAsync("delete from work_item"));

        var done = await ReadAsync(c => Reeve.Work.WorkBackfill.RunAsync(c, [Council], [new SuspenseWork.Backfill()], new LocalDate(2025, 4, 1), Now));

        done.ShouldHaveSingleItem().Items.ShouldBe(1);
        (await QueuedAsync(SuspenseWork.Source, item.ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture))).ShouldNotBeNull().State.ShouldBe(Reeve.Work.WorkState.Open);
    }

    [Fact]
    public async Task A_mistyped_reference_suggests_the_account_one_slip_away_with_its_score()
    {
        var account = await OpenAccountAsync();
        await OpenAccountAsync();
        Imported(await ImportAsync(BankCsv(Line($"CTAX {Mistyped(account.Reference)}", "25.50"))));
        var item = await OnlyItemAsync();

        var suggestions = await ReadAsync(c => SuggestMatches.SuggestAsync(c, Council, item));

        var best = suggestions.ShouldHaveSingleItem();
        best.Reference.ShouldBe(account.Reference);
        best.Score.ShouldBe(SuspenseMatching.TypoScore);
    }

    [Fact]
    public async Task A_credit_with_no_reference_is_matched_on_postcode_name_and_instalment()
    {
        var hart = await HartAsync();
        await OpenAccountAsync();
        Imported(await ImportAsync(BankCsv(Line("COUNCIL TAX WD1 1AB", "120.50"))));
        var item = await OnlyItemAsync();

        var suggestions = await ReadAsync(c => SuggestMatches.SuggestAsync(c, Council, item with { PayerName = "S HART" }));

        var best = suggestions.ShouldHaveSingleItem();
        best.AccountId.ShouldBe(hart.AccountId);
        best.Score.ShouldBe(SuspenseMatching.PostcodeScore + SuspenseMatching.SurnameScore + SuspenseMatching.ForenameScore + SuspenseMatching.InstalmentScore);
        best.Why.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Allocating_posts_the_payment_marks_the_item_and_audits_the_officer_in_one_go()
    {
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2024, 1_000);
        await ChargeAsync(account, 2025, 50_000);
        Imported(await ImportAsync(BankCsv(Line($"CTAX {Mistyped(account.Reference)}", "25.50"))));
        var item = await OnlyItemAsync();

        var done = (await AllocateAsync(item.ItemId, account.Reference.Value)).ShouldBeOfType<Outcome<AllocateSuspenseItem.Allocated>.Done>().Value;

        done.AlreadyAllocated.ShouldBeFalse();
        done.Entries.Select(e => (e.Year.StartYear, e.Amount.Pence)).ShouldBe([(2024, 1_000L), (2025, 1_550L)]);
        done.Entries.ShouldAllBe(e => e.Kind == EntryKind.Payment && e.EffectiveDate == May1 && e.PostedBy == Officer);
        done.Entries[0].SourceRule.ShouldBe($"Payment allocated from suspense: item {item.ItemId} (check digit wrong)");
        var after = await OnlyItemAsync();
        after.Status.ShouldBe(SuspenseStatus.Allocated);
        after.AllocatedAccountId.ShouldBe(account.AccountId);
        after.AllocatedBy.ShouldBe(Officer);
        var audit = (await ReadAsync(c => AuditTrail.ForSubjectAsync(c, Council, "suspense-item", item.ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ShouldHaveSingleItem();
        audit.Officer.ShouldBe(Officer);
        audit.Detail.ShouldContain($"to account {account.Reference}");
    }

    [Fact]
    public async Task Allocating_the_same_item_again_posts_nothing_and_to_another_account_is_refused()
    {
        var account = await OpenAccountAsync();
        var other = await OpenAccountAsync();
        Imported(await ImportAsync(BankCsv(Line("NO REFERENCE", "25.50"))));
        var item = await OnlyItemAsync();
        await AllocateAsync(item.ItemId, account.Reference.Value);

        var again = (await AllocateAsync(item.ItemId, account.Reference.Value)).ShouldBeOfType<Outcome<AllocateSuspenseItem.Allocated>.Done>().Value;
        var elsewhere = await AllocateAsync(item.ItemId, other.Reference.Value);

        again.AlreadyAllocated.ShouldBeTrue();
        elsewhere.ShouldBeOfType<Outcome<AllocateSuspenseItem.Allocated>.Conflict>();
        (await CountAsync("ledger_entry")).ShouldBe(1);
        (await CountAsync("audit_log")).ShouldBe(1);
        (await BalanceAsync(other)).ShouldBe(Money.Zero);
    }

    [Fact]
    public async Task Allocating_to_a_mistyped_or_unknown_account_is_refused_and_nothing_changes()
    {
        var account = await OpenAccountAsync();
        Imported(await ImportAsync(BankCsv(Line("NO REFERENCE", "25.50"))));
        var item = await OnlyItemAsync();

        (await AllocateAsync(item.ItemId, Mistyped(account.Reference))).ShouldBeOfType<Outcome<AllocateSuspenseItem.Allocated>.Invalid>().Field.ShouldBe("account");
        (await AllocateAsync(item.ItemId, AccountReference.Create(AccountKind.CouncilTax, 9_999).Value)).ShouldBeOfType<Outcome<AllocateSuspenseItem.Allocated>.NotFound>();
        (await AllocateAsync(item.ItemId + 1, account.Reference.Value)).ShouldBeOfType<Outcome<AllocateSuspenseItem.Allocated>.NotFound>();

        (await CountAsync("ledger_entry")).ShouldBe(0);
        (await OnlyItemAsync()).Status.ShouldBe(SuspenseStatus.Open);
    }
}
