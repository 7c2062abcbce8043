using System.Text;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Tests.Domain.Reports;
using Reeve.TestKit;

namespace Reeve.Payments.Tests.Features;

public sealed class ImportAruddReportOnSqlite() : ImportAruddReportTests(new SqliteEngine());

public sealed class ImportAruddReportOnPostgres() : ImportAruddReportTests(new PostgresEngine());

public abstract class ImportAruddReportTests(IDatabaseEngine engine) : PaymentsTest(engine)
{
    private static readonly LocalDate Collected = new(2025, 3, 5);

    // One returned debit of £65.00 collected on 5 March 2025, for the account whose reference is in the Bacs reference.
    private static byte[] Report(Account account) => Encoding.UTF8.GetBytes(AruddReportTests.Arudd($"""
        <ReturnedDebitItem ref="CT{account.Reference}" transCode="17" returnCode="0128" returnDescription="REFER TO PAYER" originalProcessingDate="2025-03-05" valueOf="65.00" currency="GBP">
          <PayerAccount number="66374958" ref="CT{account.Reference}" name="J SMITH" sortCode="08-99-99"/>
        </ReturnedDebitItem>
        """, """<Totals numberOf="1" valueOf="65.00" currency="GBP"/>"""));

    private Task<ImportAruddReport.Result> ImportAsync(byte[] content) =>
        ImportAruddReport.ImportAsync(Db, Council, "arudd.xml", content, Officer, Now);

    private Task PayByDirectDebitAsync(Account account, long pence) =>
        InTransactionAsync((c, tx) => PostEntries.PostAsync(c, tx,
            [Entries.Payment(account, Money.FromPence(pence)) with { EffectiveDate = Collected, Reason = "Direct Debit collection, instalment 12 of 12" }], Now));

    [Fact]
    public async Task A_returned_debit_reverses_the_direct_debit_payment_it_took_back_once()
    {
        // formats.md 2.3: an ARUDD item is a collection the payer's bank returned unpaid; the payment is undone.
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2024, 65_00);
        await PayByDirectDebitAsync(account, 65_00);

        var first = (await ImportAsync(Report(account))).ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;
        var again = await ImportAsync(Report(account));

        first.ReversedCount.ShouldBe(1);
        first.ReversedTotal.ShouldBe(Money.FromPence(65_00));
        again.ShouldBeOfType<ImportAruddReport.Result.AlreadyImported>();
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(65_00));
        var reversal = (await EntriesAsync(account)).Single(e => e.Kind == EntryKind.Reversal);
        reversal.Reason.ShouldBe("Direct Debit returned unpaid (ARUDD 0128 REFER TO PAYER)");
        reversal.EffectiveDate.ShouldBe(new LocalDate(2025, 3, 7));
    }

    [Fact]
    public async Task A_returned_debit_with_no_matching_payment_is_recorded_and_nothing_is_reversed()
    {
        var account = await OpenAccountAsync();
        await PayByDirectDebitAsync(account, 64_00);

        var report = (await ImportAsync(Report(account))).ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;

        report.ReversedCount.ShouldBe(0);
        report.Outcomes.ShouldHaveSingleItem().Outcome.ShouldBe("no unreversed Direct Debit payment of that amount on that date");
        (await CountAsync("returned_debit")).ShouldBe(1);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(-64_00));
    }

    [Fact]
    public async Task A_report_whose_totals_are_wrong_is_refused_and_nothing_is_written()
    {
        var account = await OpenAccountAsync();
        await PayByDirectDebitAsync(account, 65_00);
        var altered = Encoding.UTF8.GetString(Report(account)).Replace("""numberOf="1" valueOf="65.00""", """numberOf="1" valueOf="65.01""", StringComparison.Ordinal);

        var refused = (await ImportAsync(Encoding.UTF8.GetBytes(altered))).ShouldBeOfType<ImportAruddReport.Result.Refused>();

        refused.Field.ShouldEndWith("Totals/@valueOf");
        (await CountAsync("arudd_import")).ShouldBe(0);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(-65_00));
    }
}
