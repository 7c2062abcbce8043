using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountStoreOnSqlite() : AccountStoreTests(new SqliteEngine());

public sealed class AccountStoreOnPostgres() : AccountStoreTests(new PostgresEngine());

public abstract class AccountStoreTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    [Fact]
    public async Task An_account_reads_back_as_it_was_opened()
    {
        var opened = await Accounts.OpenAsync(Db, Council, Now, AccountKind.BusinessRates, new LocalDate(2025, 6, 15), "direct-debit");

        var read = await ReadAsync(connection => AccountStore.GetAsync(connection, Council, opened.AccountId));

        read.ShouldBe(opened);
        read!.Kind.ShouldBe(AccountKind.BusinessRates);
        read.OpenedOn.ShouldBe(new LocalDate(2025, 6, 15));
        read.PaymentMethod.ShouldBe("direct-debit");
        read.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Account_references_are_unique_and_sequential_within_each_kind()
    {
        // Each kind of debt numbers its own references, so the leading digit tells a payer's bank which it is.
        var councilTax = new List<Account>();
        for (var i = 0; i < 3; i++)
        {
            councilTax.Add(await OpenAccountAsync(AccountKind.CouncilTax));
        }

        var rates = new[] { await OpenAccountAsync(AccountKind.BusinessRates), await OpenAccountAsync(AccountKind.BusinessRates) };

        councilTax.Select(a => a.Reference).ShouldBe(
        [
            AccountReference.Create(AccountKind.CouncilTax, 1),
            AccountReference.Create(AccountKind.CouncilTax, 2),
            AccountReference.Create(AccountKind.CouncilTax, 3),
        ]);
        rates.Select(a => a.Reference).ShouldBe(
        [
            AccountReference.Create(AccountKind.BusinessRates, 1),
            AccountReference.Create(AccountKind.BusinessRates, 2),
        ]);
        councilTax.Concat(rates).Select(a => a.AccountId).ShouldBeUnique();
        foreach (var account in councilTax.Concat(rates))
        {
            var found = await ReadAsync(connection => AccountStore.FindByReferenceAsync(connection, Council, account.Reference));
            found.ShouldBe(account);
        }
    }

    [Fact]
    public async Task Changing_the_payment_method_raises_the_version()
    {
        var account = await OpenAccountAsync();

        var outcome = await ChangePaymentMethodAsync(account.AccountId, expectedVersion: 1, "direct-debit");

        var changed = outcome.ShouldBeOfType<Outcome<Account>.Done>().Value;
        changed.PaymentMethod.ShouldBe("direct-debit");
        changed.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Changing_the_payment_method_from_a_stale_version_is_a_conflict()
    {
        // Optimistic concurrency: the second officer saved over a version someone else had already changed.
        var account = await OpenAccountAsync();
        (await ChangePaymentMethodAsync(account.AccountId, expectedVersion: 1, "direct-debit")).ShouldBeOfType<Outcome<Account>.Done>();

        var stale = await ChangePaymentMethodAsync(account.AccountId, expectedVersion: 1, "card");

        stale.ShouldBeOfType<Outcome<Account>.Conflict>().Message.ShouldBe(Concurrency.ConflictMessage);
        var now = await ReadAsync(connection => AccountStore.GetAsync(connection, Council, account.AccountId));
        now!.PaymentMethod.ShouldBe("direct-debit");
        now.Version.ShouldBe(2);
    }

    [Fact]
    public async Task A_payment_method_Reeve_does_not_know_is_refused()
    {
        var account = await OpenAccountAsync();

        var outcome = await ChangePaymentMethodAsync(account.AccountId, expectedVersion: 1, "barter");

        outcome.ShouldBeOfType<Outcome<Account>.Invalid>().Field.ShouldBe("paymentMethod");
    }

    [Fact]
    public async Task Changing_an_account_that_does_not_exist_is_not_found()
    {
        var outcome = await ChangePaymentMethodAsync(accountId: 424242, expectedVersion: 1, "card");

        outcome.ShouldBeOfType<Outcome<Account>.NotFound>();
    }

    [Fact]
    public async Task Parties_liable_on_an_account_read_back_with_their_dates()
    {
        var account = await OpenAccountAsync();
        var partyId = await SeedPartyAsync();
        var liable = new AccountParty(account.AccountId, partyId, "liable", new LocalDate(2025, 4, 1), new LocalDate(2026, 3, 31));

        await InTransactionAsync(async (connection, tx) =>
        {
            await AccountStore.AddPartyAsync(connection, tx, Council, liable);
            return 0;
        });

        (await ReadAsync(connection => AccountStore.PartiesAsync(connection, Council, account.AccountId))).ShouldBe([liable]);
        (await ReadAsync(connection => AccountStore.ForPartyAsync(connection, Council, partyId))).ShouldBe([liable]);
    }

    [Fact]
    public async Task Events_on_an_account_read_back_newest_first()
    {
        var account = await OpenAccountAsync();
        var billed = Instant.FromUtc(2025, 3, 10, 9, 0);
        var paid = Instant.FromUtc(2025, 4, 2, 16, 45);

        await InTransactionAsync(async (connection, tx) =>
        {
            await AccountEvents.RecordAsync(connection, tx, Council, account.AccountId, billed, new LocalDate(2025, 4, 1), "bill", "Annual bill issued", "system", "LGFA 1992 s10");
            await AccountEvents.RecordAsync(connection, tx, Council, account.AccountId, paid, new LocalDate(2025, 4, 2), "payment", "Paid £100.00", "jsmith", null);
            return 0;
        });

        var events = await ReadAsync(connection => AccountEvents.ForAccountAsync(connection, Council, account.AccountId));
        events.Select(e => (e.OccurredAt, e.Kind, e.SourceRule)).ShouldBe([(paid, "payment", (string?)null), (billed, "bill", "LGFA 1992 s10")]);
    }

    [Fact]
    public async Task Many_accounts_read_back_at_once_by_id_and_by_reference_and_unknown_ones_are_absent()
    {
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync(AccountKind.Sundry);

        var byId = await ReadAsync(connection => AccountStore.GetManyAsync(connection, Council, [first.AccountId, second.AccountId, 999_999]));
        var byReference = await ReadAsync(connection => AccountStore.ByReferencesAsync(connection, Council, [second.Reference.Value, "999999999"]));

        byId.Count.ShouldBe(2);
        byId[first.AccountId].ShouldBe(first);
        byId[second.AccountId].ShouldBe(second);
        byReference.Keys.ShouldBe([second.Reference.Value]);
        byReference[second.Reference.Value].ShouldBe(second);
    }

    [Fact]
    public async Task Liabilities_read_back_for_many_accounts_and_for_many_parties()
    {
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync();
        var anna = await SeedPartyAsync(7);
        var ben = await SeedPartyAsync(8);
        var annaFirst = new AccountParty(first.AccountId, anna, "liable", new LocalDate(2025, 4, 1), null);
        var benFirst = new AccountParty(first.AccountId, ben, "joint", new LocalDate(2025, 6, 1), new LocalDate(2025, 9, 30));
        var benSecond = new AccountParty(second.AccountId, ben, "liable", new LocalDate(2025, 10, 1), null);
        await InTransactionAsync(async (connection, tx) =>
        {
            foreach (var liability in new[] { benSecond, benFirst, annaFirst })
            {
                await AccountStore.AddPartyAsync(connection, tx, Council, liability);
            }

            return 0;
        });

        (await ReadAsync(connection => AccountStore.PartiesOfAsync(connection, Council, [first.AccountId, second.AccountId])))
            .ShouldBe([annaFirst, benFirst, benSecond]);
        (await ReadAsync(connection => AccountStore.OfPartiesAsync(connection, Council, [ben]))).ShouldBe([benFirst, benSecond]);
        (await ReadAsync(connection => AccountStore.PartiesOfAsync(connection, Council, []))).ShouldBeEmpty();
    }

    private Task<Outcome<Account>> ChangePaymentMethodAsync(long accountId, int expectedVersion, string paymentMethod) =>
        InTransactionAsync((connection, tx) =>
            AccountStore.ChangePaymentMethodAsync(connection, tx, Council, accountId, expectedVersion, paymentMethod));

    private Task<long> SeedPartyAsync(long partyId = 7) =>
        InTransactionAsync(async (connection, tx) =>
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "insert into party (council_id, party_id, kind, created_at) values (@council, @partyId, 'person', @at)",
                new { council = Council.Value, partyId, at = Now }, tx);
            return partyId;
        });
}
