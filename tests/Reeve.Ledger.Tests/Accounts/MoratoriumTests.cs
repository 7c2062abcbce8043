using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class MoratoriumsOnSqlite() : MoratoriumTests(new SqliteEngine());

public sealed class MoratoriumsOnPostgres() : MoratoriumTests(new PostgresEngine());

/// <summary>SI 2020/1311 reg 7: no fees or charges added to a debt while a Breathing Space is in force.</summary>
public abstract class MoratoriumTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private static readonly LocalDate May1 = new(2025, 5, 1);

    private Task<Outcome<AccountHold>> HoldAsync(Account account, HoldReason reason) =>
        InTransactionAsync((c, tx) => AccountHolds.PlaceAsync(c, tx, Council, new PlaceHold(account.AccountId, reason, May1, May1.PlusDays(59), "moratorium BS-1", "officer1"), Now));

    private Task<Outcome<PostResult>> PostCostsAsync(Account account, LocalDate on) =>
        InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx, [Entries.Of(EntryKind.Costs, account, Money.FromPence(7_000)) with { EffectiveDate = on }], Now));

    private Task<long> CostsAsync() => ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from ledger_entry where kind = 'costs'"));

    [Fact]
    public async Task The_ledger_refuses_costs_on_an_account_in_a_breathing_space_and_posts_none()
    {
        var account = await OpenAccountAsync();
        await HoldAsync(account, HoldReason.BreathingSpace);

        var refused = await PostCostsAsync(account, May1.PlusDays(10));

        refused.ShouldBeOfType<Outcome<PostResult>.Conflict>().Message.ShouldContain("SI 2020/1311");
        (await CostsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Costs_dated_after_the_breathing_space_or_on_an_account_under_another_hold_are_posted()
    {
        var held = await OpenAccountAsync();
        var disputed = await OpenAccountAsync();
        await HoldAsync(held, HoldReason.MentalHealthCrisis);
        await HoldAsync(disputed, HoldReason.Dispute);

        (await PostCostsAsync(held, May1.PlusDays(60))).ShouldBeOfType<Outcome<PostResult>.Done>();
        (await PostCostsAsync(disputed, May1.PlusDays(10))).ShouldBeOfType<Outcome<PostResult>.Done>();

        (await CostsAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task A_charge_for_ongoing_liability_is_posted_during_a_breathing_space()
    {
        var account = await OpenAccountAsync();
        await HoldAsync(account, HoldReason.BreathingSpace);

        var posted = await InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx, [Entries.Charge(account, Money.FromPence(150_000)) with { EffectiveDate = May1.PlusDays(10) }], Now));

        posted.ShouldBeOfType<Outcome<PostResult>.Done>();
    }
}
