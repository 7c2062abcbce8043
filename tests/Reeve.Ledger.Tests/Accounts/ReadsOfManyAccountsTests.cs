using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class ReadsOfManyAccountsOnSqlite() : ReadsOfManyAccountsTests(new SqliteEngine());

public sealed class ReadsOfManyAccountsOnPostgres() : ReadsOfManyAccountsTests(new PostgresEngine());

/// <summary>The Ledger's queries other modules call with a set of accounts (a person's, a moratorium's) or a merged party.</summary>
public abstract class ReadsOfManyAccountsTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private static readonly LocalDate May1 = new(2025, 5, 1);

    private Task<Outcome<AccountHold>> PlaceAsync(long accountId, LocalDate from, string? key) =>
        InTransactionAsync((c, tx) => AccountHolds.PlaceAsync(c, tx, Council, new PlaceHold(accountId, HoldReason.BreathingSpace, from, null, "Moratorium", "officer1", key), Now));

    [Fact]
    public async Task Holds_of_a_set_of_accounts_come_newest_first_and_a_source_prefix_finds_one_records_holds()
    {
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync();
        var other = await OpenAccountAsync();
        await PlaceAsync(second.AccountId, May1, "breathing-space:4:" + second.AccountId);
        await PlaceAsync(first.AccountId, May1.PlusDays(3), "breathing-space:4:" + first.AccountId);
        await PlaceAsync(first.AccountId, May1.PlusDays(9), "breathing-space:41:" + first.AccountId);
        await PlaceAsync(other.AccountId, May1, null);

        var ofTwo = await ReadAsync(c => AccountHolds.ForAccountsAsync(c, Council, [first.AccountId, second.AccountId]));
        var ofMoratorium4 = await ReadAsync(c => AccountHolds.BySourcePrefixAsync(c, null, Council, "breathing-space:4:"));

        ofTwo.Select(h => (h.AccountId, h.From)).ShouldBe([(first.AccountId, May1.PlusDays(9)), (first.AccountId, May1.PlusDays(3)), (second.AccountId, May1)]);
        ofMoratorium4.Select(h => h.AccountId).ShouldBe([first.AccountId, second.AccountId]);
        (await ReadAsync(c => AccountHolds.ForAccountsAsync(c, Council, []))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Events_of_a_set_of_accounts_come_newest_first_limited_and_filtered_by_kind_or_prefix()
    {
        var first = await OpenAccountAsync();
        var second = await OpenAccountAsync();
        await InTransactionAsync(async (c, tx) =>
        {
            var at = Now;
            foreach (var (account, kind) in new[] { (first, "note"), (second, "recovery-first-reminder"), (first, "summons"), (second, "hold-placed") })
            {
                at = at.Plus(Duration.FromMinutes(1));
                await AccountEvents.RecordAsync(c, tx, Council, account.AccountId, at, May1, kind, kind, "officer1", null);
            }

            return 0;
        });
        var both = new[] { first.AccountId, second.AccountId };

        var all = await ReadAsync(c => AccountEvents.ForAccountsAsync(c, Council, both));
        var newestTwo = await ReadAsync(c => AccountEvents.ForAccountsAsync(c, Council, both, 2));
        var recovery = await ReadAsync(c => AccountEvents.ForAccountsAsync(c, Council, both, kinds: ["summons"], kindPrefix: "recovery-"));

        all.Select(e => e.Kind).ShouldBe(["hold-placed", "summons", "recovery-first-reminder", "note"]);
        newestTwo.Select(e => e.Kind).ShouldBe(["hold-placed", "summons"]);
        recovery.Select(e => e.Kind).ShouldBe(["summons", "recovery-first-reminder"]);
    }

    [Fact]
    public async Task A_merged_partys_liabilities_move_to_the_survivor_except_one_the_survivor_already_has()
    {
        var shared = await OpenAccountAsync();
        var own = await OpenAccountAsync();
        await InTransactionAsync(async (c, tx) =>
        {
            foreach (var party in new long[] { 7, 8 })
            {
                await c.ExecuteAsync("insert into party (council_id, party_id, kind, created_at) values (@council, @party, 'person', @at)", new { council = Council.Value, party, at = Now }, tx);
            }

            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(shared.AccountId, 7, "liable", May1, null));
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(shared.AccountId, 8, "liable", May1, null));
            await AccountStore.AddPartyAsync(c, tx, Council, new AccountParty(own.AccountId, 8, "liable", May1, null));
            return 0;
        });

        var moved = await InTransactionAsync((c, tx) => PartyLiabilities.MoveToSurvivorAsync(c, tx, Council, merged: 8, survivor: 7));

        moved.ShouldBe([shared.AccountId, own.AccountId]);
        (await ReadAsync(c => AccountStore.OfPartiesAsync(c, Council, [7]))).Select(l => l.AccountId).ShouldBe([shared.AccountId, own.AccountId]);
        (await ReadAsync(c => AccountStore.OfPartiesAsync(c, Council, [8]))).Select(l => l.AccountId).ShouldBe([shared.AccountId]);
    }
}
