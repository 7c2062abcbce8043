using Dapper;
using NodaTime;
using Reeve.DemoCouncil;
using Reeve.Ledger;
using Reeve.Officers;
using Reeve.TestKit;

namespace Reeve.DemoCouncil.Tests;

public abstract class DemoCouncilTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private static readonly LocalDate AsAt = new(2026, 11, 22);

    // The demo makes its own councils, so it starts from an empty schema.
    protected override bool StartMigrated => false;

    private Task<DemoResult> MakeAsync(int dwellings = 60, int seed = 7) =>
        DemoCouncilBuilder.CreateAsync(Db, new DemoOptions(dwellings, seed, AsAt, "correct-horse-battery"), Clock);

    [Fact]
    public async Task Demo_makes_a_shared_service_of_two_councils_with_people_accounts_and_a_ledger()
    {
        var result = await MakeAsync();

        result.Councils.ShouldBe(2);
        result.Dwellings.ShouldBe(60 + 12);
        result.People.ShouldBeGreaterThan(result.Dwellings);
        result.Accounts.ShouldBeGreaterThanOrEqualTo(result.Dwellings);
        result.LedgerEntries.ShouldBeGreaterThan(result.Accounts * 3);
        var kinds = await ReadAsync(c => c.QueryAsync<string>("select distinct kind from ledger_entry"));
        kinds.ShouldContain("charge");
        kinds.ShouldContain("payment");
    }

    [Fact]
    public async Task Demo_has_casework_on_people_with_arrears_and_only_labelled_example_guidelines()
    {
        await MakeAsync(dwellings: 200);

        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from arrangement where council_id = 1 and status = 'kept'"))).ShouldBe(1);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from income_expenditure where council_id = 1"))).ShouldBe(1);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from vulnerability_flag where council_id = 1"))).ShouldBe(2);
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from account_hold where reason = 'arrangement' and hold_to is null"))).ShouldBeGreaterThan(0);
        (await ReadAsync(c => c.QueryAsync<string>("select distinct label from spending_guideline"))).ShouldBe([Reeve.People.SpendingGuidelineStore.DemoLabel]);
    }

    [Fact]
    public async Task Demo_creates_one_officer_per_role_who_can_sign_in()
    {
        var result = await MakeAsync();

        result.Officers.Select(o => o.Role).ShouldBe(["Officer", "Team Leader", "Manager", "Auditor", "System Administrator"]);
        foreach (var officer in result.Officers)
        {
            var signIn = await ReadAsync(c => OfficerStore.SignInAsync(c, officer.Username, officer.Password, "127.0.0.1", Now));
            signIn.Problem.ShouldBeNull();
            signIn.Officer!.Councils.Count.ShouldBe(2);
        }
    }

    [Fact]
    public async Task The_same_seed_makes_the_same_council()
    {
        await MakeAsync(seed: 11);
        var first = await LedgerFingerprintAsync();

        // A second, independent database made from the same seed.
        await using var other = await Engine.CreateAsync();
        await DemoCouncilBuilder.CreateAsync(other.Database, new DemoOptions(60, 11, AsAt, "correct-horse-battery"), Clock);
        await using var oc = await other.Database.OpenAsync();
        var second = await oc.QuerySingleAsync<(long, long)>("select count(*), sum(amount_pence) from ledger_entry");
        second.ShouldBe(first);
    }

    [Fact]
    public async Task Every_demo_account_balance_is_the_sum_of_its_entries_and_the_books_balance()
    {
        await MakeAsync();

        var entries = await ReadAsync(c => c.QueryAsync<(string Debit, string Credit, long Amount)>(
            "select debit_book, credit_book, amount_pence from ledger_entry"));
        entries.Sum(e => e.Amount).ShouldBeGreaterThan(0);
        var byBook = new Dictionary<string, long>();
        foreach (var (debit, credit, amount) in entries)
        {
            byBook[debit] = byBook.GetValueOrDefault(debit) + amount;
            byBook[credit] = byBook.GetValueOrDefault(credit) - amount;
        }

        byBook.Values.Sum().ShouldBe(0);
        var accountIds = await ReadAsync(c => c.QueryAsync<long>("select account_id from account where council_id = 1 order by account_id limit 5"));
        foreach (var id in accountIds)
        {
            var ledger = await ReadAsync(c => ReadAccountLedger.EntriesAsync(c, Council, id));
            var balance = await ReadAsync(c => ReadBalance.BalanceAsync(c, Council, id));
            balance.ShouldBe(Balances.Of(ledger));
        }
    }

    [Fact]
    public async Task Demo_refuses_a_database_that_already_holds_a_council()
    {
        await MakeAsync(dwellings: 5);

        await Should.ThrowAsync<InvalidOperationException>(() => MakeAsync(dwellings: 5));
        (await DemoCouncilBuilder.IsEmptyAsync(Db)).ShouldBeFalse();
    }

    private Task<(long, long)> LedgerFingerprintAsync() =>
        ReadAsync(c => c.QuerySingleAsync<(long, long)>("select count(*), sum(amount_pence) from ledger_entry"));
}

public sealed class DemoCouncilOnSqlite() : DemoCouncilTests(new SqliteEngine());

public sealed class DemoCouncilOnPostgres() : DemoCouncilTests(new PostgresEngine());
