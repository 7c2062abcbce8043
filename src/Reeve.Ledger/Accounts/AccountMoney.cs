#pragma warning disable IDE1006 // column names as the database spells them
using System.Data.Common;
using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Persistence;

namespace Reeve.Ledger;

/// <summary>One financial year of an account: what is owed (charges up; payments, credits and write-offs down) and the payments that still stand.</summary>
public sealed record YearMoney(FinancialYear Year, Money Balance, Money PaidNet);

/// <summary>
/// What an account owes and has paid, summed from its ledger entries: the one place other modules get "the balance"
/// and "payments net of reversals" from, rather than each summing the ledger its own way.
/// </summary>
public sealed record AccountMoney(long AccountId, IReadOnlyList<YearMoney> ByYear)
{
    public Money Balance => Money.Sum(ByYear.Select(y => y.Balance));

    public Money PaidNet => Money.Sum(ByYear.Select(y => y.PaidNet));

    public YearMoney Year(FinancialYear year) =>
        ByYear.FirstOrDefault(y => y.Year == year) ?? new YearMoney(year, Money.Zero, Money.Zero);

    /// <summary>
    /// For set-based reads over a range of accounts (a recovery run's chunk): a derived table with the columns
    /// <c>account_id, financial_year, paid</c>, the payments effective on or before <c>@asAt</c> that no reversal
    /// effective by then has taken back, for council <c>@council</c> and <c>@lo &lt; account_id &lt;= @hi</c>.
    /// Both engines.
    /// </summary>
    public const string NetPaymentsByYearSql =
        "select p.account_id, cast(p.financial_year as integer) as financial_year, sum(p.amount_pence) as paid from ledger_line p" +
        " where p.council_id = @council and p.account_id > @lo and p.account_id <= @hi and p.kind = 2 and p.effective_date <= @asAt" +
        " and p.entry_id not in (select r.reverses_entry_id from ledger_line r where r.council_id = @council and r.account_id > @lo and r.account_id <= @hi" +
        "  and r.kind = 10 and r.reverses_entry_id is not null and r.effective_date <= @asAt)" +
        " group by p.account_id, p.financial_year";

    /// <summary>
    /// The money on each of these accounts, by financial year, counting entries effective on or before
    /// <paramref name="asAt"/> (all entries when null). An account with no entries is present with no years.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, AccountMoney>> ForAccountsAsync(
        DbConnection connection, CouncilId council, IReadOnlyCollection<long> accountIds, DbTransaction? tx = null, LocalDate? asAt = null)
    {
        var years = new Dictionary<long, Dictionary<int, (long Balance, long Paid)>>(accountIds.Count);
        var dated = asAt is null ? "" : " and e.effective_date <= @asAt";
        foreach (var chunk in SqlLists.Chunks(accountIds))
        {
            var args = new { council = council.Value, chunk, asAt };
            foreach (var row in await connection.QueryAsync<YearRow>(
                         "select e.account_id, cast(e.financial_year as integer) as financial_year, " +
                         "sum(" + Books.EffectOnAccountSql("e") + ") as balance, " +
                         "sum(case when e.kind = 2 then e.amount_pence else 0 end) as paid " +
                         "from ledger_line e where e.council_id = @council and e.account_id " + SqlLists.AnyOf(connection, "chunk") + dated +
                         " group by e.account_id, e.financial_year", args, tx))
            {
                Of(years, row.account_id)[row.financial_year] = (row.balance, row.paid);
            }

            // A reversed payment no longer counts as paid, in the year the payment was in.
            foreach (var row in await connection.QueryAsync<YearRow>(
                         "select e.account_id, cast(p.financial_year as integer) as financial_year, 0 as balance, sum(p.amount_pence) as paid " +
                         "from ledger_line e join ledger_line p on p.council_id = e.council_id and p.entry_id = e.reverses_entry_id " +
                         "where e.council_id = @council and e.kind = 10 and p.kind = 2 and e.account_id " +
                         SqlLists.AnyOf(connection, "chunk") + dated + " group by e.account_id, p.financial_year", args, tx))
            {
                var year = Of(years, row.account_id);
                var (balance, paid) = year.GetValueOrDefault(row.financial_year);
                year[row.financial_year] = (balance, paid - row.paid);
            }
        }

        return accountIds.Distinct().ToDictionary(
            id => id,
            id => new AccountMoney(id, years.TryGetValue(id, out var y)
                ? y.OrderBy(kv => kv.Key).Select(kv => new YearMoney(new FinancialYear(kv.Key), Money.FromPence(kv.Value.Balance), Money.FromPence(kv.Value.Paid))).ToList()
                : []));
    }

    private static Dictionary<int, (long Balance, long Paid)> Of(Dictionary<long, Dictionary<int, (long Balance, long Paid)>> years, long accountId)
    {
        if (!years.TryGetValue(accountId, out var year))
        {
            years[accountId] = year = [];
        }

        return year;
    }

    private sealed class YearRow
    {
        public long account_id { get; set; }
        public int financial_year { get; set; }
        public long balance { get; set; }
        public long paid { get; set; }
    }
}
