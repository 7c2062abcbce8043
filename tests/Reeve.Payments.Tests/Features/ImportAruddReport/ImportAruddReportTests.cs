using System.Text;
using NodaTime;
using Reeve.Kernel;
using Reeve.Ledger;
using Reeve.Payments.Domain.Bacs;
using Reeve.Payments.Domain.BankDetails;
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

    private async Task<ImportAruddReport.Result> ImportReportAsync(byte[] content, string fileName = "arudd.xml")
    {
        // The reports below are for service user 123456 (AruddReportTests.Arudd): the council's own.
        await InTransactionAsync(async (c, tx) =>
        {
            await Mandates.SetOriginatorAsync(c, tx, Council, new DirectDebitOriginator(
                new ServiceUser("123456", SortCode.Parse("401234"), AccountNumber.Parse("12345678"), "ANYTOWN COUNCIL"), 3));
            return 0;
        });
        return await ImportAruddReport.ImportAsync(Db, Council, fileName, content, Officer, Now);
    }

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

        var first = (await ImportReportAsync(Report(account))).ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;
        var again = await ImportReportAsync(Report(account));

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

        var report = (await ImportReportAsync(Report(account))).ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;

        report.ReversedCount.ShouldBe(0);
        var outcome = report.Outcomes.ShouldHaveSingleItem();
        outcome.Outcome.ShouldBe($"not reversed, for an officer (work item {outcome.WorkItemId}): no unreversed Direct Debit payment of £65.00 on 2025-03-05");
        (await CountAsync("returned_debit")).ShouldBe(1);
        (await CountAsync("bacs_work_item")).ShouldBe(1);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(-64_00));
    }

    [Fact]
    public async Task A_returned_debit_in_a_re_generated_report_is_not_reversed_again_from_another_payment()
    {
        // Two Direct Debit payments of £65.00 on the same day (two years' instalments). Before issue 21 the same
        // returned debit in a re-generated report (new advice number and day, so new bytes) reversed the second one.
        var account = await OpenAccountAsync();
        await ChargeAsync(account, 2024, 130_00);
        await PayByDirectDebitAsync(account, 65_00);
        await PayByDirectDebitAsync(account, 65_00);
        var regenerated = Encoding.UTF8.GetString(Report(account))
            .Replace("adviceNumber=\"00000123\"", "adviceNumber=\"00000124\"", StringComparison.Ordinal)
            .Replace("currentProcessingDate=\"2025-03-07\"", "currentProcessingDate=\"2025-03-10\"", StringComparison.Ordinal);

        await ImportReportAsync(Report(account));
        var again = (await ImportReportAsync(Encoding.UTF8.GetBytes(regenerated), "arudd-regenerated.xml")).ShouldBeOfType<ImportAruddReport.Result.Imported>().Report;

        again.ReversedCount.ShouldBe(0);
        again.Outcomes.ShouldHaveSingleItem().Outcome.ShouldBe("already received in ARUDD import 1, item 1: nothing applied again");
        (await EntriesAsync(account)).Count(e => e.Kind == EntryKind.Reversal).ShouldBe(1);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(65_00));
    }

    [Fact]
    public async Task A_report_whose_totals_are_wrong_is_refused_and_nothing_is_written()
    {
        var account = await OpenAccountAsync();
        await PayByDirectDebitAsync(account, 65_00);
        var altered = Encoding.UTF8.GetString(Report(account)).Replace("""numberOf="1" valueOf="65.00""", """numberOf="1" valueOf="65.01""", StringComparison.Ordinal);

        var refused = (await ImportReportAsync(Encoding.UTF8.GetBytes(altered))).ShouldBeOfType<ImportAruddReport.Result.Refused>();

        refused.Field.ShouldEndWith("Totals/@valueOf");
        (await CountAsync("arudd_import")).ShouldBe(0);
        (await BalanceAsync(account)).ShouldBe(Money.FromPence(-65_00));
    }
}
