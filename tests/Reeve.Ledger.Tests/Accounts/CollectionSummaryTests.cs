using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.TestKit;

namespace Reeve.Ledger.Tests;

public sealed class CollectionSummaryOnSqlite() : CollectionSummaryTests(new SqliteEngine());

public sealed class CollectionSummaryOnPostgres() : CollectionSummaryTests(new PostgresEngine());

/// <summary>
/// The collection figures read through the summary and its watermark are the plain sum of the ledger, whenever the
/// summary was last refreshed, however often, and with two refreshes at once (decision 0059).
/// </summary>
public abstract class CollectionSummaryTests(IDatabaseEngine engine) : LedgerTest(engine)
{
    private static readonly LocalDate From = new(2023, 1, 1);
    private static readonly LocalDate To = new(2026, 12, 31);

    private static readonly EntryKind[] Kinds =
    [
        EntryKind.Charge, EntryKind.Payment, EntryKind.Payment, EntryKind.AdjustmentIncrease, EntryKind.AdjustmentDecrease,
        EntryKind.Refund, EntryKind.Costs, EntryKind.WriteOff,
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_postings_and_refreshes_at_random_points_give_the_same_totals_as_the_plain_ledger_sum(int seed)
    {
        var random = new Random(seed);
        var accounts = new List<Account>();
        foreach (var kind in new[] { AccountKind.CouncilTax, AccountKind.CouncilTax, AccountKind.CouncilTax, AccountKind.BusinessRates, AccountKind.Sundry })
        {
            accounts.Add(await OpenAccountAsync(kind));
        }

        var posted = new List<PostedEntry>();
        var reversed = new HashSet<long>();
        for (var step = 0; step < 30; step++)
        {
            switch (random.Next(10))
            {
                case < 6:
                    var batch = Enumerable.Range(0, random.Next(1, 6)).Select(_ => RandomEntry(random, accounts)).ToArray();
                    posted.AddRange(Posted(await PostAsync(batch)).Posted);
                    break;
                case < 7 when posted.Count > 0:
                    var entry = posted[random.Next(posted.Count)];
                    if (entry.Kind != EntryKind.Reversal && reversed.Add(entry.EntryId))
                    {
                        var account = accounts.Single(a => a.AccountId == entry.AccountId);
                        await InTransactionAsync(async (c, tx) => await ReverseEntry.ReverseOnAccountAsync(
                            c, tx, Council, account.Reference, entry.EntryId, entry.EffectiveDate.PlusDays(random.Next(30)), "officer", "Posted in error", Now));
                    }

                    break;
                case < 9:
                    await RefreshAsync();
                    break;
                default:
                    await Task.WhenAll(RefreshAsync(), RefreshAsync());
                    break;
            }

            await TotalsAgreeAsync($"seed {seed}, step {step}");
        }

        await RefreshAsync();
        await TotalsAgreeAsync($"seed {seed}, after a last refresh");
        (await ReadAsync(c => c.ExecuteScalarAsync<long>("select count(*) from collection_summary"))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_refresh_folds_each_entry_once_and_moves_the_watermark_to_the_highest_entry()
    {
        var account = await OpenAccountAsync();
        var first = Posted(await PostAsync(Entries.Charge(account, Money.FromPence(100_000)), Entries.Payment(account, Money.FromPence(25_000)))).Posted;

        var refreshed = await RefreshAsync();
        var again = await RefreshAsync();

        refreshed.ShouldBe(new CollectionSummary.Refreshed(2, first.Max(e => e.EntryId)));
        again.ShouldBe(new CollectionSummary.Refreshed(0, first.Max(e => e.EntryId)));
        var summary = await ReadAsync(c => c.QuerySingleAsync<(long Debit, long Receipts, long Entries)>(
            "select debit_pence, receipts_pence, entries from collection_summary where council_id = 1"));
        summary.ShouldBe((100_000L, 25_000L, 2L));

        // An entry after the refresh is counted live, above the watermark, until the next refresh folds it in.
        await PostAsync(Entries.Payment(account, Money.FromPence(5_000)));
        var live = await ReadAsync(c => CollectionTotals.ByDayAsync(c, Council, AccountKind.CouncilTax, From, To));
        live.ShouldBe([new CollectionTotals.DayTotal(new FinancialYear(2025), new LocalDate(2025, 4, 1), Money.FromPence(100_000), Money.FromPence(30_000))]);
        (await RefreshAsync()).Entries.ShouldBe(1);
        (await ReadAsync(c => CollectionTotals.ByDayAsync(c, Council, AccountKind.CouncilTax, From, To))).ShouldBe(live);
    }

    [Fact]
    public async Task Open_accounts_by_payment_method_kept_by_the_database_match_counting_the_accounts_after_random_changes()
    {
        var random = new Random(17);
        var methods = new[] { "cash", "direct-debit", "card" };
        var kinds = new[] { AccountKind.CouncilTax, AccountKind.BusinessRates };
        var open = new List<long>();
        await InTransactionAsync((c, tx) => c.ExecuteAsync(
            "insert into party (council_id, party_id, kind, version, created_at) values (1, 900001, 'person', 1, @now)", new { now = Now }, tx));
        for (var step = 0; step < 40; step++)
        {
            switch (random.Next(4))
            {
                case 0:
                    var kind = kinds[random.Next(kinds.Length)];
                    var batch = Enumerable.Range(0, random.Next(1, 300))
                        .Select(_ => new AccountStore.NewAccount(new LocalDate(2025, 4, 1), 900001, methods[random.Next(methods.Length)])).ToList();
                    open.AddRange((await InTransactionAsync((c, tx) => AccountStore.OpenManyAsync(c, tx, Council, kind, batch, Now))).Select(a => a.AccountId));
                    break;
                case 1 when open.Count > 0:
                    var closing = open[random.Next(open.Count)];
                    open.Remove(closing);
                    await InTransactionAsync(async (c, tx) =>
                    {
                        await AccountStore.CloseAsync(c, tx, Council, closing, new LocalDate(2025, 6, 1));
                        return 0;
                    });
                    break;
                case 2 when open.Count > 0:
                    // One statement changing many accounts' payment method at once, some to the method they already had.
                    var ids = open.Where(_ => random.Next(3) == 0).ToArray();
                    await InTransactionAsync((c, tx) => c.ExecuteAsync(
                        "update account set payment_method = @method where council_id = 1 and account_id " + Reeve.Persistence.SqlLists.AnyOf(c, "ids"),
                        new { method = methods[random.Next(methods.Length)], ids }, tx));
                    break;
                default:
                    var single = await OpenAccountAsync(kinds[random.Next(kinds.Length)]);
                    open.Add(single.AccountId);
                    break;
            }

            foreach (var kind in kinds)
            {
                var kept = await ReadAsync(c => CollectionTotals.OpenAccountsByPaymentMethodAsync(c, Council, kind));
                var counted = await ReadAsync(c => CollectionTotals.OpenAccountsByPaymentMethodCountedAsync(c, Council, kind));
                kept.OrderBy(k => k.Key).ShouldBe(counted.OrderBy(k => k.Key), $"step {step}, {kind.Code()}");
            }
        }
    }

    private async Task<CollectionSummary.Refreshed> RefreshAsync()
    {
        await using var connection = await Db.OpenAsync();
        return await CollectionSummary.RefreshAsync(connection, Council);
    }

    private async Task TotalsAgreeAsync(string when)
    {
        foreach (var kind in new[] { AccountKind.CouncilTax, AccountKind.BusinessRates, AccountKind.Sundry })
        {
            foreach (var (from, to, years) in new (LocalDate, LocalDate, int[]?)[]
                     {
                         (From, To, null), (new LocalDate(2025, 4, 1), new LocalDate(2025, 9, 30), [2025]), (From, new LocalDate(2025, 3, 31), [2024, 2025]),
                     })
            {
                var summed = await ReadAsync(c => CollectionTotals.ByDayAsync(c, Council, kind, from, to, years));
                var oracle = await ReadAsync(c => CollectionTotals.ByDayFromLedgerAsync(c, Council, kind, from, to, years));
                summed.ShouldBe(oracle, $"{when}: {kind.Code()} from {from} to {to}");
            }
        }
    }

    private static NewEntry RandomEntry(Random random, List<Account> accounts)
    {
        var year = 2024 + random.Next(2);
        return Entries.Of(Kinds[random.Next(Kinds.Length)], accounts[random.Next(accounts.Count)], Money.FromPence(random.Next(1, 200_000))) with
        {
            Year = new FinancialYear(year),
            EffectiveDate = new LocalDate(year, 4, 1).PlusDays(random.Next(20)),
        };
    }
}
