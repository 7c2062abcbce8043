using System.Data.Common;
using System.Text;
using Dapper;
using NodaTime;
using Reeve.Ledger;
using Reeve.People;
using Reeve.TestKit;
using static Reeve.BusinessRates.Tests.VoaLines;

namespace Reeve.BusinessRates.Tests.Features.RaiseBill;

public abstract class RaiseBillTests(IDatabaseEngine engine) : DatabaseTest(engine)
{
    private async Task ListAsync(params string[] lines)
    {
        var result = await BusinessRates.ImportListEntries.ImportAsync(Db, new(Council, "list.csv", Encoding.ASCII.GetBytes(File(lines)), "test"), Now);
        result.ShouldBeOfType<BusinessRates.ImportListEntries.Result.Imported>();
    }

    private Task<long> RatepayerAsync(string name = "Mill Lane Bakery Ltd") => InTransactionAsync(async (c, tx) =>
        ((Outcome<long>.Done)await RecordParty.RecordAsync(c, tx, new RecordParty.Request(Council, PartyKind.Organisation, NameParts.Organisation(name), null, new LocalDate(2020, 1, 1), [], null), "test", Now)).Value);

    private Task<Outcome<RecordOccupation.Occupation>> OccupyAsync(string baReference, long party, LocalDate from, LocalDate? to = null, bool charity = false, bool smallBusiness = false) =>
        InTransactionAsync((c, tx) => RecordOccupation.RecordAsync(c, tx, new RecordOccupation.Request(Council, baReference, party, from, to, charity, smallBusiness, false, "test"), Now));

    private Task<Outcome<BusinessRates.RaiseBill.Bill>> BillAsync(long accountId, int year, LocalDate issued) =>
        InTransactionAsync((c, tx) => BusinessRates.RaiseBill.RaiseAsync(c, tx, new(Council, accountId, new FinancialYear(year), issued, "test"), NationalRatesFigures.Current, Now));

    private async Task<Account> OccupiedSmallShopAsync()
    {
        await InTransactionAsync((c, tx) => BillingAuthorityCode.SetAsync(c, tx, Council, "0435", "test", Now));
        await ListAsync(Line(1, "A1", "20000"));
        await ListAsync(Line(1, "A1", "13000", effective: "01-OCT-2025"));
        var occupation = await OccupyAsync("A1", await RatepayerAsync(), new LocalDate(2025, 7, 1), smallBusiness: true);
        return occupation.ShouldBeOfType<Outcome<RecordOccupation.Occupation>.Done>().Value.Account;
    }

    [Fact]
    public async Task An_occupation_is_a_business_rates_account_with_the_ratepayer_liable()
    {
        var account = await OccupiedSmallShopAsync();

        account.Kind.ShouldBe(AccountKind.BusinessRates);
        var party = (await ReadAsync(c => AccountStore.PartiesOfAsync(c, Council, [account.AccountId]))).ShouldHaveSingleItem();
        (party.Role, party.LiableFrom).ShouldBe(("liable", new LocalDate(2025, 7, 1)));
    }

    [Fact]
    public async Task A_year_is_billed_day_by_day_across_a_change_of_rateable_value_and_posted_to_the_ledger()
    {
        var account = await OccupiedSmallShopAsync();

        var bill = (await BillAsync(account.AccountId, 2025, new LocalDate(2025, 6, 20))).ShouldBeOfType<Outcome<BusinessRates.RaiseBill.Bill>.Done>().Value;

        // 1 Jul to 30 Sep 2025, 92 days at 20,000 x 49.9p: 2,515.51, no small business relief from 15,000.
        // 1 Oct 2025 to 31 Mar 2026, 182 days at 13,000 x 49.9p: 3,234.61, less SBRR (E = 3) 2,156.41: 1,078.20.
        bill.Working.Segments.Select(s => (s.RateableValuePounds, s.Days.Length, s.Rates.NetRates.ToPlainString())).ShouldBe([(20000L, 92, "2515.51"), (13000L, 182, "1078.20")]);
        bill.Working.Net.ShouldBe(Money.FromPence(359371));
        var money = (await ReadAsync(c => AccountMoney.ForAccountsAsync(c, Council, [account.AccountId])))[account.AccountId];
        money.Balance.ShouldBe(Money.FromPence(359371));
    }

    [Fact]
    public async Task The_bill_is_due_in_statutory_instalments_which_recovery_reads_through_the_debt_stream()
    {
        var account = await OccupiedSmallShopAsync();
        await BillAsync(account.AccountId, 2025, new LocalDate(2025, 6, 20));
        BusinessRatesModule.Register();

        var stream = DebtStreams.Find(AccountKind.BusinessRates).ShouldNotBeNull();
        stream.Regime.ShouldBe(RecoveryRegime.BusinessRates);
        var due = await ReadAsync(async c => (await c.QueryAsync<(long AccountId, int Year, int Seq, LocalDate Due, long Pence)>(
            stream.DueScheduleSql + " order by i.seq", new { council = Council.Value, lo = 0L, hi = long.MaxValue, asAt = new LocalDate(2025, 7, 1) })).ToList());

        // Issued 20 June: 9 whole months left after June, less one, is 8; the first at least 14 days on, 1 August.
        // 3,593.71 / 8 = 449.21: seven of 449.00 and the first 450.71 (SI 1989/1058 Sch 1 para 1(4)-(5)).
        due.Select(d => d.Due).ShouldBe([.. Enumerable.Range(0, 8).Select(i => new LocalDate(2025, 8, 1).PlusMonths(i))]);
        due.Select(d => d.Pence).ShouldBe([45071L, 44900, 44900, 44900, 44900, 44900, 44900, 44900]);
        due.ShouldAllBe(d => d.AccountId == account.AccountId && d.Year == 2025);
        (await ReadAsync(async c => (await c.QueryAsync<long>(stream.DueScheduleSql, new { council = Council.Value, lo = 0L, hi = long.MaxValue, asAt = new LocalDate(2025, 6, 19) })).Count())).ShouldBe(0);
    }

    [Fact]
    public async Task The_demand_notice_is_the_advance_notice_of_each_instalment_a_direct_debit_collects()
    {
        var account = await OccupiedSmallShopAsync();
        await BillAsync(account.AccountId, 2025, new LocalDate(2025, 6, 20));
        var stream = new BusinessRatesStream();

        var due = await ReadAsync(async c => (await c.QueryAsync<(long AccountId, int Seq, LocalDate Due, long Pence, LocalDate Noticed, int IsLast)>(
            "select account_id, seq, due_on, amount_pence, noticed_on, is_last from (" + stream.DueBetweenSql + ") d order by seq",
            new { council = Council.Value, lo = 0L, hi = long.MaxValue, asAt = new LocalDate(2025, 12, 30), from = new LocalDate(2025, 12, 1), to = new LocalDate(2026, 3, 31) })).ToList());

        // The instalments due from December to March, each noticed on the day the bill was issued; March is the last.
        due.Select(d => (d.Seq, d.Due, d.Pence, d.Noticed, d.IsLast)).ShouldBe([
            (5, new LocalDate(2025, 12, 1), 44900L, new LocalDate(2025, 6, 20), 0),
            (6, new LocalDate(2026, 1, 1), 44900L, new LocalDate(2025, 6, 20), 0),
            (7, new LocalDate(2026, 2, 1), 44900L, new LocalDate(2025, 6, 20), 0),
            (8, new LocalDate(2026, 3, 1), 44900L, new LocalDate(2025, 6, 20), 1)]);
        due.ShouldAllBe(d => d.AccountId == account.AccountId);
    }

    [Fact]
    public async Task Billing_the_same_year_again_posts_nothing()
    {
        var account = await OccupiedSmallShopAsync();
        await BillAsync(account.AccountId, 2025, new LocalDate(2025, 6, 20));

        var again = (await BillAsync(account.AccountId, 2025, new LocalDate(2025, 6, 20))).ShouldBeOfType<Outcome<BusinessRates.RaiseBill.Bill>.Done>().Value;

        again.AlreadyBilled.ShouldBeTrue();
        (await ReadAsync(c => AccountMoney.ForAccountsAsync(c, Council, [account.AccountId])))[account.AccountId].Balance.ShouldBe(Money.FromPence(359371));
    }

    [Fact]
    public async Task Overlapping_occupations_of_one_hereditament_are_refused()
    {
        await OccupiedSmallShopAsync();

        var second = await OccupyAsync("A1", await RatepayerAsync("Other Ltd"), new LocalDate(2026, 1, 1));

        second.ShouldBeOfType<Outcome<RecordOccupation.Occupation>.Invalid>().Field.ShouldBe("from");
    }

    [Fact]
    public async Task Charitable_relief_and_small_business_relief_cannot_be_recorded_together()
    {
        await InTransactionAsync((c, tx) => BillingAuthorityCode.SetAsync(c, tx, Council, "0435", "test", Now));
        await ListAsync(Line(1, "A1", "9000"));

        var outcome = await OccupyAsync("A1", await RatepayerAsync(), new LocalDate(2025, 4, 1), charity: true, smallBusiness: true);

        outcome.ShouldBeOfType<Outcome<RecordOccupation.Occupation>.Invalid>().Field.ShouldBe("smallBusiness");
    }
}

public sealed class RaiseBillOnSqlite() : RaiseBillTests(new SqliteEngine());

public sealed class RaiseBillOnPostgres() : RaiseBillTests(new PostgresEngine());
