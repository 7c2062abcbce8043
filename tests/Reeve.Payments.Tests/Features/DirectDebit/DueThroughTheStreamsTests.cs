using Dapper;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Bacs;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features.DirectDebit;

public sealed class DueThroughTheStreamsOnSqlite() : DueThroughTheStreamsTests(new SqliteEngine());

public sealed class DueThroughTheStreamsOnPostgres() : DueThroughTheStreamsTests(new PostgresEngine());

/// <summary>
/// What the collection run reads through the debt-stream seam: the bill in force, the notice each stream gives, the
/// last instalment of a closed account, and the chunks of mandates the run reads one statement at a time.
/// </summary>
public abstract class DueThroughTheStreamsTests(IDatabaseEngine engine) : DirectDebitTest(engine)
{
    [Fact]
    public async Task A_business_rates_account_paying_by_direct_debit_is_collected_on_its_demand_notice()
    {
        await SetOriginatorAsync();
        var account = await Accounts.OpenAsync(Db, Council, Now, AccountKind.BusinessRates);
        await InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(
                "insert into rates_bill (council_id, account_id, financial_year, version, issued_on, net_pence, issued_at, issued_by) " +
                "values (@council, @account, 2025, 1, @issued, 100000, @now, 'a.clerk')",
                new { council = Council.Value, account = account.AccountId, issued = new LocalDate(2025, 3, 10), now = Now }, tx);
            await InstalmentsAsync(c, tx, "rates_instalment", account, version: 1, pence: 100_00);
            return 0;
        });
        var mandate = await LodgedMandateAsync(account);

        var report = Collected(await CollectAsync(MayRun));

        // Before the stream said when the payer had notice, the instalment was skipped for want of it.
        report.Skipped.ShouldBeEmpty();
        report.Run.Collections.ShouldBe(1);
        report.Run.Total.ShouldBe(Money.FromPence(100_00));
        (await ReadAsync(c => c.QuerySingleAsync<long>("select mandate_id from dd_collection"))).ShouldBe(mandate.MandateId);
    }

    [Fact]
    public async Task A_re_bill_issued_by_the_processing_day_is_collected_and_one_issued_after_it_is_not_yet()
    {
        await SetOriginatorAsync();
        var account = await BilledAccountAsync();
        await InTransactionAsync(async (c, tx) =>
        {
            await BillVersionAsync(c, tx, account, version: 2, issued: new LocalDate(2025, 4, 10), pence: 80_00);
            await BillVersionAsync(c, tx, account, version: 3, issued: new LocalDate(2025, 5, 2), pence: 50_00);
            return 0;
        });
        await LodgedMandateAsync(account);

        // Version 2, issued on 10 April, is in force on 30 April and its notice runs to 28 April (Easter in between).
        var report = Collected(await CollectAsync(MayRun));

        report.Run.Total.ShouldBe(Money.FromPence(80_00));
        report.ByCode.ShouldHaveSingleItem().Code.ShouldBe(TransactionCode.FirstCollection);
    }

    [Fact]
    public async Task Only_the_last_instalment_of_a_closed_account_is_a_final_collection()
    {
        await SetOriginatorAsync();
        var closed = await BilledAccountAsync();
        var open = await BilledAccountAsync();
        await SetUpMandateAsync(closed);
        await SetUpMandateAsync(open);
        (await LodgeAsync()).ShouldBeOfType<LodgeMandates.Result.Done>();
        await InTransactionAsync(async (c, tx) =>
        {
            await AccountStore.CloseAsync(c, tx, Council, closed.AccountId, new LocalDate(2025, 12, 31));
            return 0;
        });

        var may = Collected(await CollectAsync(MayRun));
        // The last instalment, due on 1 January 2026: processed on Wednesday 31 December.
        var january = Collected(await CollectAsync(new LocalDate(2025, 12, 31), today: new LocalDate(2025, 12, 20)));

        may.ByCode.Select(c => (c.Code, c.Count)).ShouldBe([(TransactionCode.FirstCollection, 2)]);
        january.ByCode.Select(c => (c.Code, c.Count)).ShouldBe([(TransactionCode.RegularCollection, 1), (TransactionCode.FinalCollection, 1)]);
        (await ReadAsync(c => c.QuerySingleAsync<long>("select account_id from dd_collection where code = '19'"))).ShouldBe(closed.AccountId);
    }

    [Fact]
    public async Task Every_mandate_is_planned_once_whatever_the_size_of_the_chunks_read()
    {
        await SetOriginatorAsync();
        var accounts = new List<Account>();
        for (var i = 0; i < 5; i++)
        {
            var account = await BilledAccountAsync();
            accounts.Add(account);
            await SetUpMandateAsync(account);
        }

        (await LodgeAsync()).ShouldBeOfType<LodgeMandates.Result.Done>();

        var byChunkOf = new Dictionary<int, List<(long, long, LocalDate, TransactionCode, Money)>>();
        foreach (var size in new[] { 1, 2, 5, CollectDirectDebits.ChunkMandates })
        {
            var plan = await ReadAsync(c => CollectDirectDebits.PlanAsync(c, null, Council, MayRun, Calendar, 3, size));
            byChunkOf[size] = [.. plan.Collections.Select(p => (p.Payer.MandateId, p.Payer.AccountId, p.DueOn, p.Code, p.Amount))];
        }

        byChunkOf[CollectDirectDebits.ChunkMandates].Select(p => p.Item2).ShouldBe(accounts.Select(a => a.AccountId), ignoreOrder: true);
        byChunkOf[1].ShouldBe(byChunkOf[CollectDirectDebits.ChunkMandates]);
        byChunkOf[2].ShouldBe(byChunkOf[CollectDirectDebits.ChunkMandates]);
        byChunkOf[5].ShouldBe(byChunkOf[CollectDirectDebits.ChunkMandates]);
    }

    private static async Task InstalmentsAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string table, Account account, int version, long pence)
    {
        for (var seq = 1; seq <= 10; seq++)
        {
            await c.ExecuteAsync(
                $"insert into {table} (council_id, account_id, financial_year, version, seq, due_on, amount_pence) values (@council, @account, 2025, @version, @seq, @due, @pence)",
                new { council = Council.Value, account = account.AccountId, version, seq, due = new LocalDate(2025, 4, 1).PlusMonths(seq - 1), pence }, tx);
        }
    }

    private async Task BillVersionAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, Account account, int version, LocalDate issued, long pence)
    {
        await c.ExecuteAsync(
            "insert into bill (council_id, account_id, financial_year, version, issued_on, net_pence, reason, working, created_at) " +
            "values (@council, @account, 2025, @version, @issued, @net, 're-bill', '{}', @now)",
            new { council = Council.Value, account = account.AccountId, version, issued, net = pence * 10, now = Now }, tx);
        await InstalmentsAsync(c, tx, "instalment", account, version, pence);
    }
}
