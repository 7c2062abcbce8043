using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.TestKit;

namespace Reeve.People.Tests;

/// <summary>A person with council tax accounts and ledger history, as the casework features find them.</summary>
public abstract class CaseworkTest(IDatabaseEngine engine) : PeopleTest(engine)
{
    protected static readonly LocalDate Today = new(2026, 5, 1);

    protected async Task<Account> LiableAccountAsync(long partyId, string role = "liable", LocalDate? closedOn = null)
    {
        var account = await Accounts.OpenAsync(Db, Council, Now, openedOn: new LocalDate(2024, 4, 1));
        await InTransactionAsync(async (c, tx) =>
        {
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(account.AccountId, partyId, role, new LocalDate(2024, 4, 1), closedOn));
            if (closedOn is { } closed)
            {
                await AccountStore.CloseAsync(c, tx, Council, account.AccountId, closed);
            }

            return 0;
        });
        return account;
    }

    protected Task PostAsync(Account account, EntryKind kind, string amount, int year, LocalDate? on = null) =>
        InTransactionAsync(async (c, tx) =>
            (await PostEntries.PostAsync(c, tx,
                [Entries.Of(kind, account, MoneyText.Parse(amount)) with { Year = new FinancialYear(year), EffectiveDate = on ?? new LocalDate(year, 4, 1) }],
                Now)).ShouldBeOfType<Outcome<PostResult>.Done>());

    /// <summary>£1,200 a month in, £1,000 out: £200 a month disposable, no other debts.</summary>
    protected static Budget TwoHundredSpare() =>
        new(1, 0, [("earnings", MoneyText.Parse("1200.00"))], [("homeAndContents", MoneyText.Parse("1000.00"))], []);

    protected Task<Outcome<IncomeAndExpenditure>> TakeAsync(long partyId, Budget budget) =>
        InTransactionAsync((c, tx) => IncomeAndExpenditureStore.RecordAsync(c, tx, Council, partyId, Today, budget, "test-officer", Now));

    protected static Approver Officer => new("officer-one", "Officer", false);

    protected static Approver TeamLeader => new("leader-one", "TeamLeader", true);

    protected Task<Outcome<Arrangement>> AgreeAsync(long partyId, Frequency frequency = Frequency.Monthly, LocalDate? first = null, Approver? approver = null, LocalDate? today = null) =>
        InTransactionAsync((c, tx) => Arrangements.AgreeAsync(c, tx, Council,
            new ArrangementRequest(partyId, frequency, first ?? new LocalDate(2026, 5, 15), null, null, today ?? Today), approver ?? Officer, Now));

    protected Task<IReadOnlyList<AccountHold>> HoldsAsync(Account account) =>
        ReadAsync(c => AccountHolds.ForAccountAsync(c, Council, account.AccountId));

    protected Task<IReadOnlyList<AccountEvent>> EventsAsync(Account account) =>
        ReadAsync(c => AccountEvents.ForAccountAsync(c, Council, account.AccountId));

    protected Task<MonitorResult> MonitorAsync(LocalDate day) =>
        ReadAsync(c => Arrangements.MonitorAsync(c, Council, day, "monitor", Now));

    protected Task<long> ScalarAsync(string sql) => ReadAsync(c => c.ExecuteScalarAsync<long>(sql));
}
