using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class AccountRangesOnSqlite() : AccountRangesTests(new SqliteEngine());

public sealed class AccountRangesOnPostgres() : AccountRangesTests(new PostgresEngine());

/// <summary>Reads over a range of accounts, for runs that go through a council a chunk at a time.</summary>
public abstract class AccountRangesTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private static readonly AccountKind[] CouncilTaxOnly = [AccountKind.CouncilTax];

    [Fact]
    public async Task Chunks_take_the_next_accounts_of_the_kinds_in_id_order_and_the_count_after_an_id_says_how_many_are_left()
    {
        var first = await OpenAccountAsync();
        var other = await OpenAccountAsync(AccountKind.BusinessRates);
        var second = await OpenAccountAsync();
        var third = await OpenAccountAsync();

        var chunk = await ReadAsync(c => AccountRanges.NextChunkAsync(c, null, Council, CouncilTaxOnly, 0, 2));
        var next = await ReadAsync(c => AccountRanges.NextChunkAsync(c, null, Council, CouncilTaxOnly, chunk.LastAccountId, 2));
        var none = await ReadAsync(c => AccountRanges.NextChunkAsync(c, null, Council, CouncilTaxOnly, next.LastAccountId, 2));
        var one = await ReadAsync(c => AccountRanges.NextChunkAsync(c, null, Council, CouncilTaxOnly, 0, 2, onlyAccount: third.AccountId));
        var notOfTheKinds = await ReadAsync(c => AccountRanges.NextChunkAsync(c, null, Council, CouncilTaxOnly, 0, 2, onlyAccount: other.AccountId));

        chunk.ShouldBe((2, second.AccountId));
        next.ShouldBe((1, third.AccountId));
        none.ShouldBe((0, third.AccountId));
        one.ShouldBe((1, third.AccountId));
        notOfTheKinds.Count.ShouldBe(0);
        (await ReadAsync(c => AccountRanges.CountAfterAsync(c, null, Council, CouncilTaxOnly, 0))).ShouldBe(3);
        (await ReadAsync(c => AccountRanges.CountAfterAsync(c, null, Council, CouncilTaxOnly, first.AccountId))).ShouldBe(2);
        (await ReadAsync(c => AccountRanges.CountAfterAsync(c, null, Council, [AccountKind.CouncilTax, AccountKind.BusinessRates], 0))).ShouldBe(4);
    }

    [Fact]
    public async Task The_fragments_give_the_accounts_payments_reversals_and_holds_of_the_range_by_the_date()
    {
        var before = await OpenAccountAsync();
        var inRange = await OpenAccountAsync();
        var after = await OpenAccountAsync();
        var bounced = Posted(await PostAsync(Entries.Payment(inRange, Money.FromPence(30_000)))).Posted.Single();
        Posted(await PostAsync(
            Entries.Charge(inRange, Money.FromPence(150_000)),
            Entries.Payment(inRange, Money.FromPence(4_000)) with { EffectiveDate = new LocalDate(2025, 8, 1) },
            Entries.Payment(before, Money.FromPence(9_000)),
            Entries.Payment(after, Money.FromPence(9_000))));
        await InTransactionAsync((c, tx) => ReverseEntry.ReverseAsync(c, tx, Council, bounced.EntryId, new LocalDate(2025, 7, 1), "jsmith", "Recalled", Now));
        await InTransactionAsync(async (c, tx) => await AccountHolds.PlaceAsync(c, tx, Council,
            new PlaceHold(inRange.AccountId, HoldReason.Dispute, new LocalDate(2025, 7, 10), null, "Liability disputed", "jsmith"), Now));
        var range = new { council = Council.Value, lo = before.AccountId, hi = inRange.AccountId, asAt = new LocalDate(2025, 7, 15) };

        var accounts = await ReadAsync(c => c.QueryAsync<(long, string, string)>("select account_id, reference, kind from (" + AccountRanges.AccountsSql + ") a", range));
        var entries = await ReadAsync(c => c.QueryAsync<(long, string, long, long?)>(
            "select account_id, kind, amount_pence, reverses_entry_id from (" + AccountRanges.PaymentsAndReversalsSql + ") e order by entry_id", range));
        var holds = await ReadAsync(c => c.QueryAsync<(long, string, string)>("select account_id, reason, note from (" + AccountRanges.HoldsSql + ") h", range));
        var holdsEarlier = await ReadAsync(c => c.QueryAsync<long>("select account_id from (" + AccountRanges.HoldsSql + ") h", range with { asAt = new LocalDate(2025, 7, 9) }));

        accounts.ShouldBe([(inRange.AccountId, inRange.Reference.Value, "council-tax")]);
        entries.ShouldBe([(inRange.AccountId, "payment", 30_000L, (long?)null), (inRange.AccountId, "reversal", 30_000L, bounced.EntryId)]);
        holds.ShouldBe([(inRange.AccountId, "dispute", "Liability disputed")]);
        holdsEarlier.ShouldBeEmpty();
    }
}
